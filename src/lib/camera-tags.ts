/**
 * The camera's attributes as OpenStreetMap `man_made=surveillance` tags, with the values we
 * accept. These lists mirror the CHECK constraints in `migrations/0001_initial.sql`; the
 * report form, the zod schemas, the map filters and the exports all read them from here.
 */
export const surveillanceKinds = ['public', 'outdoor', 'indoor'] as const;
export const surveillanceTypes = ['camera', 'ALPR', 'guard', 'gunshot_detector'] as const;
export const cameraTypes = ['fixed', 'panning', 'dome'] as const;
export const cameraMounts = [
	'wall',
	'pole',
	'ceiling',
	'street_lamp',
	'traffic_signals',
	'gantry',
	'bridge',
	'roof',
	'building'
] as const;
export const surveillanceZones = [
	'traffic',
	'street',
	'town',
	'parking',
	'building',
	'shop',
	'bank',
	'public_transport',
	'area'
] as const;
export const operatorClasses = ['police', 'government', 'transport', 'private', 'unknown'] as const;
export const capabilities = ['face_recognition', 'plate_reading'] as const;
export const statuses = ['active', 'removed'] as const;
export const confidences = ['reported', 'verified', 'confirmed'] as const;
/** Where a record came from (mirrors the CHECK on cameras.source). */
export const sources = ['citizen', 'osm', 'official', 'demo'] as const;

export type SurveillanceKind = (typeof surveillanceKinds)[number];
export type SurveillanceType = (typeof surveillanceTypes)[number];
export type CameraType = (typeof cameraTypes)[number];
export type CameraMount = (typeof cameraMounts)[number];
export type SurveillanceZone = (typeof surveillanceZones)[number];
export type OperatorClass = (typeof operatorClasses)[number];
export type Capability = (typeof capabilities)[number];
export type CameraStatus = (typeof statuses)[number];
export type Confidence = (typeof confidences)[number];
export type Source = (typeof sources)[number];

/** Directions are whole degrees clockwise from north; a camera may look several ways. */
export const MAX_DIRECTIONS = 8;
