/**
 * Camera features as the map hands them out (`queryRenderedFeatures`), read into typed records
 * for the list view and the popup. A camera near a tile edge is in two tiles, so the list is
 * deduplicated by id; clusters have no id and are told apart by place.
 */
import {
	cameraMounts,
	cameraTypes,
	confidences,
	operatorClasses,
	statuses,
	surveillanceTypes,
	surveillanceZones,
	type CameraMount,
	type CameraStatus,
	type CameraType,
	type Confidence,
	type OperatorClass,
	type SurveillanceType,
	type SurveillanceZone
} from '#lib/camera-tags.js';

/** What the map needs of a feature (MapLibre's features have more). */
export interface MapFeature {
	id?: string | number;
	properties: Record<string, unknown> | null;
	geometry: { type: string; coordinates?: unknown };
}

export interface CameraFeature {
	id: number;
	lng: number;
	lat: number;
	surveillance_type: SurveillanceType;
	camera_type: CameraType | null;
	mount: CameraMount | null;
	zone: SurveillanceZone | null;
	operator_class: OperatorClass;
	face_recognition: boolean;
	plate_reading: boolean;
	confidence: Confidence;
	status: CameraStatus;
	/** Degrees clockwise from north. */
	directions: number[];
	/** `YYYY-MM-DD` or null. */
	last_seen: string | null;
}

function oneOf<T extends string>(allowed: readonly T[], value: unknown): T | null {
	return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

/** MVT has a boolean type, but some encoders write "true" / 1; take any of them. */
function flag(value: unknown): boolean {
	return value === true || value === 'true' || value === 1 || value === 't';
}

function directions(value: unknown): number[] {
	const text = Array.isArray(value) ? value.join(',') : String(value ?? '');
	return text
		.split(',')
		.map((part) => part.trim())
		.filter((part) => /^\d{1,3}$/.test(part))
		.map(Number)
		.filter((degrees) => degrees < 360);
}

function point(feature: MapFeature): [number, number] | null {
	if (feature.geometry.type !== 'Point' || !Array.isArray(feature.geometry.coordinates)) return null;
	const [lng, lat] = feature.geometry.coordinates as number[];
	return Number.isFinite(lng) && Number.isFinite(lat) ? [lng, lat] : null;
}

/** A camera from a feature of the `cameras` tile layer, or null if it is not one. */
export function toCameraFeature(feature: MapFeature): CameraFeature | null {
	const p = feature.properties ?? {};
	const id = Number(feature.id ?? p.id);
	const place = point(feature);
	if (!Number.isSafeInteger(id) || id <= 0 || !place) return null;
	const lastSeen = typeof p.last_seen === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(p.last_seen) ? p.last_seen : null;
	return {
		id,
		lng: place[0],
		lat: place[1],
		surveillance_type: oneOf(surveillanceTypes, p.surveillance_type) ?? 'camera',
		camera_type: oneOf(cameraTypes, p.camera_type),
		mount: oneOf(cameraMounts, p.mount),
		zone: oneOf(surveillanceZones, p.zone),
		operator_class: oneOf(operatorClasses, p.operator_class) ?? 'unknown',
		face_recognition: flag(p.face_recognition),
		plate_reading: flag(p.plate_reading),
		confidence: oneOf(confidences, p.confidence) ?? 'reported',
		status: oneOf(statuses, p.status) ?? 'active',
		directions: directions(p.directions),
		last_seen: lastSeen
	};
}

/** The cameras among `features`, each once, by id. */
export function camerasOf(features: readonly MapFeature[]): CameraFeature[] {
	const byId = new Map<number, CameraFeature>();
	for (const feature of features) {
		const camera = toCameraFeature(feature);
		if (camera && !byId.has(camera.id)) byId.set(camera.id, camera);
	}
	return [...byId.values()].sort((a, b) => a.id - b.id);
}

/** The sum of the clusters' counts, each cluster once (by place: clusters carry no id). */
export function clusterTotal(features: readonly MapFeature[]): number {
	const seen = new Set<string>();
	let total = 0;
	for (const feature of features) {
		const place = point(feature);
		const count = Number(feature.properties?.count);
		if (!place || !Number.isFinite(count) || count <= 0) continue;
		const key = `${place[0].toFixed(6)},${place[1].toFixed(6)}`;
		if (seen.has(key)) continue;
		seen.add(key);
		total += count;
	}
	return total;
}
