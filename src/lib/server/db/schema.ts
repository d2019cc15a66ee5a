/**
 * Kysely table types, written by hand to match `migrations/`. Geometry columns are left
 * out of selects on purpose: geometry leaves the server as GeoJSON or MVT, built in SQL.
 */
import type { ColumnType, Generated } from 'kysely';

/** Set by the database; never written by the app. */
type ReadOnly<T> = ColumnType<T, never, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** PostGIS geometry: written through `sql` helpers, read through ST_AsGeoJSON. */
type Geometry = ColumnType<unknown, unknown, unknown>;

export interface AreasTable {
	id: Generated<number>;
	slug: string;
	level: string;
	name_sr_latn: string;
	name_sr_cyrl: string;
	name_en: string;
	population: number | null;
	population_source: string | null;
	source: string | null;
	geom: Geometry;
	area_km2: number;
	created_at: Generated<Date>;
}

/** What an authority says it operates in an area (migrations/0016_area_claims.sql). */
export interface AreaClaimsTable {
	area_id: number;
	cameras: number;
	source: string;
	stated_on: string;
	url: string | null;
	updated_at: Generated<Timestamp>;
}

/** A camera found in OpenStreetMap, waiting for a moderator (migrations/0017_osm_leads.sql). */
export interface CameraLeadsTable {
	id: Generated<number>;
	osm_type: 'node' | 'way';
	osm_id: number;
	osm_version: number | null;
	geom: Geometry;
	tags: ColumnType<Record<string, string>, string, string>;
	attributes: ColumnType<Record<string, unknown>, string, string>;
	status: Generated<'open' | 'confirmed' | 'rejected' | 'merged'>;
	camera_id: number | null;
	reason: string | null;
	decided_by: number | null;
	decided_at: Timestamp | null;
	imported_at: Generated<Timestamp>;
	updated_at: Generated<Timestamp>;
}

export interface CamerasTable {
	id: Generated<number>;
	geom: Geometry;
	geom_3857: ReadOnly<unknown>;
	/** Field of view (Web Mercator), computed by the database: `camera_fov()` in migrations/0003_tiles.sql. */
	fov_3857: ReadOnly<unknown>;
	surveillance: Generated<string>;
	surveillance_type: Generated<string>;
	camera_type: string | null;
	camera_mount: string | null;
	camera_direction: Generated<number[]>;
	surveillance_zone: string | null;
	height: number | null;
	operator: string | null;
	operator_class: Generated<string>;
	manufacturer: string | null;
	model: string | null;
	capabilities: Generated<string[]>;
	capability_evidence: string | null;
	/** The camera's model in the catalogue (`camera_models`), if known. */
	model_id: number | null;
	/** Suspected face recognition, by its own capabilities or its model's; kept by triggers (migrations/0009). */
	biometric: ReadOnly<boolean>;
	status: Generated<string>;
	removed_on: string | null;
	confidence: Generated<string>;
	confirmations: Generated<number>;
	first_seen: string | null;
	last_seen: string | null;
	source: Generated<string>;
	source_ref: string | null;
	version: Generated<number>;
	created_at: Generated<Timestamp>;
	updated_at: Generated<Timestamp>;
}

export interface AppSecretsTable {
	name: string;
	value: Buffer;
	created_at: Generated<Date>;
}

export type SubmissionKind = 'new_camera' | 'confirmation' | 'edit' | 'removal';
export type SubmissionStatus = 'pending' | 'approved' | 'rejected' | 'needs_info' | 'merged';

export interface SubmissionsTable {
	id: Generated<number>;
	public_id: Generated<string>;
	status_token_hash: Buffer;
	kind: SubmissionKind;
	camera_id: number | null;
	/** The validated report (`SubmissionPayload`); written as a JSON string. */
	payload: ColumnType<Record<string, unknown>, string, string>;
	geom: Geometry;
	location_source: 'reporter' | 'photo' | null;
	status: Generated<SubmissionStatus>;
	idempotency_key_hash: Buffer;
	request_hash: Buffer;
	locale: string;
	user_id: number | null;
	version: Generated<number>;
	created_at: Timestamp;
	updated_at: Timestamp;
	decided_by: number | null;
	decided_at: NullableTimestamp;
	reject_reason: RejectReason | null;
	decision_note: string | null;
	info_request: string | null;
	info_response: string | null;
	/** The sender's client key of the day it was sent (`client-key.ts`); null before 0014. */
	client_key: Buffer | null;
}

export type RejectReason =
	'not_a_camera' | 'duplicate' | 'wrong_place' | 'unclear_photo' | 'private_property' | 'abuse' | 'other';

export interface PhotosTable {
	id: Generated<number>;
	submission_id: number;
	position: number;
	display_key: string;
	display_type: string;
	display_width: number;
	display_height: number;
	thumb_key: string;
	thumb_type: string;
	thumb_width: number;
	thumb_height: number;
	visibility: Generated<'pending' | 'public'>;
	review: Generated<PhotoReview>;
	/** `BlurRegion[]` as fractions of the image; written as a JSON string. */
	blur_regions: ColumnType<unknown[] | null, string | null, string | null>;
	created_at: Timestamp;
}

export type PhotoReview = 'unreviewed' | 'clear' | 'blurred';

export interface CameraConfirmationsTable {
	camera_id: number;
	/** 'user:<id>' or 'submission:<id>'. */
	contributor: string;
	seen_on: string;
	/** The client key of the report that brought the sighting, of the day `seen_on`. */
	client_key: Buffer | null;
}

export type RevisionAction = 'create' | 'edit' | 'confirm' | 'merge' | 'remove' | 'revert';

export interface CameraRevisionsTable {
	id: Generated<number>;
	camera_id: number;
	action: RevisionAction;
	actor_id: number | null;
	submission_id: number | null;
	/** `CameraSnapshot` objects; written as JSON strings. */
	before: ColumnType<Record<string, unknown> | null, string | null, never>;
	after: ColumnType<Record<string, unknown>, string, never>;
	created_at: ReadOnly<Date>;
}

export interface AuditLogTable {
	id: Generated<number>;
	at: ReadOnly<Date>;
	actor_id: number | null;
	action: string;
	target_type: 'submission' | 'camera' | 'user' | 'camera_model' | 'area' | 'lead';
	target_id: string;
	details: ColumnType<Record<string, unknown>, string | undefined, never>;
}

export interface PhotoUploadsTable {
	request_id: string;
	key: string;
	created_at: Timestamp;
}

export interface RateLimitsTable {
	bucket: string;
	key_hash: Buffer;
	window_start: Timestamp;
	count: number;
}

export type Role = 'contributor' | 'moderator' | 'admin';
/** A timestamp the database fills in unless given. */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface UsersTable {
	id: Generated<number>;
	username: string;
	email: string | null;
	password_hash: string;
	role: ColumnType<Role, Role | undefined, Role>;
	created_at: DefaultTimestamp;
	password_changed_at: DefaultTimestamp;
	role_changed_at: NullableTimestamp;
}

export interface SessionsTable {
	id: string;
	secret_hash: Uint8Array;
	user_id: number;
	created_at: Timestamp;
	last_verified_at: Timestamp;
	expires_at: Timestamp;
}

export interface ClientKeysTable {
	day: string;
	key: Uint8Array;
}

export interface LoginThrottleTable {
	bucket: 'login_pair' | 'login_client' | 'signup_client';
	key_hash: Uint8Array;
	failures: number;
	last_failure_at: Timestamp;
	blocked_until: NullableTimestamp;
}

/** Maintained by triggers (migrations/0006_area_stats.sql); read only by the app. */
export interface AreaStatCountsTable {
	area_id: number;
	status: string;
	surveillance_type: string;
	operator_class: string;
	face_recognition: boolean;
	plate_reading: boolean;
	/** `cameras.biometric` (migrations/0009_camera_models.sql). */
	biometric: boolean;
	confidence: string;
	cameras: number;
}

export interface AreaStatMonthsTable {
	area_id: number;
	/** The first day of the month. */
	month: string;
	verified: number;
	removed: number;
}

export interface OfficialListsTable {
	id: Generated<number>;
	slug: string;
	name: string;
	source: string;
	published_on: string | null;
	match_radius_m: Generated<number>;
	created_at: Generated<Date>;
}

export interface OfficialCamerasTable {
	id: Generated<number>;
	list_id: number;
	ref: string;
	location: string | null;
	geom: Geometry;
	properties: ColumnType<Record<string, unknown>, string | undefined, string>;
}

/** Cameras per grid cell for the low-zoom cluster tiles; rows are deltas, summed per cell. */
export interface CameraCellsTable {
	z: number;
	x: number;
	y: number;
	cx: number;
	cy: number;
	n: number;
	sum_x: number;
	sum_y: number;
	face_recognition: number;
	plate_reading: number;
	compacted: Generated<boolean>;
}

/** The one row whose `version` moves whenever cameras or areas change (bumped at commit). */
export interface TileDataVersionTable {
	singleton: Generated<boolean>;
	version: Generated<number>;
	changed_at: Generated<Date>;
}

/** Transactions that changed cameras or areas and have not committed yet. */
export interface TileDataChangesTable {
	txid: string;
}

export interface DataReleaseFile {
	name: string;
	bytes: number;
	sha256: string;
	contentType: string;
}

export interface DataReleasesTable {
	id: Generated<number>;
	name: string;
	released_on: string;
	cameras: number;
	previous: string | null;
	added: number;
	removed: number;
	changed: number;
	added_ids: number[];
	removed_ids: number[];
	changed_ids: number[];
	/** Written as a JSON string. */
	files: ColumnType<DataReleaseFile[], string, string>;
	created_at: Generated<Date>;
}

/** Coverage per area: sums of the cells below (migrations/0008_area_coverage.sql). */
export interface CoverageAreasTable {
	area_id: number;
	/** EPSG:3857 square units. */
	area_m2: number;
	covered_m2: number;
	/** Cells not computed yet. */
	pending: number;
}

/** An area cut into grid squares: the area of each piece inside a camera's view. */
export interface CoverageCellsTable {
	area_id: number;
	i: number;
	j: number;
	geom: Geometry;
	covered_m2: number | null;
}

/** Grid squares whose cells must be recomputed. */
export interface CoverageDirtyTable {
	i: number;
	j: number;
	mark: Generated<string>;
}

export interface EvidenceLink {
	url: string;
	title: string;
}

/** The catalogue of camera models and what they can do, with links to the evidence. */
export interface CameraModelsTable {
	id: Generated<number>;
	manufacturer: string;
	model: string;
	capabilities: Generated<string[]>;
	evidence: ColumnType<EvidenceLink[], string, string>;
	notes: string | null;
	created_at: Generated<Timestamp>;
	updated_at: Generated<Timestamp>;
}

export interface DB {
	data_releases: DataReleasesTable;
	areas: AreasTable;
	area_claims: AreaClaimsTable;
	camera_leads: CameraLeadsTable;
	cameras: CamerasTable;
	app_secrets: AppSecretsTable;
	submissions: SubmissionsTable;
	photos: PhotosTable;
	photo_uploads: PhotoUploadsTable;
	rate_limits: RateLimitsTable;
	users: UsersTable;
	sessions: SessionsTable;
	client_keys: ClientKeysTable;
	login_throttle: LoginThrottleTable;
	camera_confirmations: CameraConfirmationsTable;
	camera_revisions: CameraRevisionsTable;
	audit_log: AuditLogTable;
	area_stat_counts: AreaStatCountsTable;
	area_stat_months: AreaStatMonthsTable;
	official_lists: OfficialListsTable;
	official_cameras: OfficialCamerasTable;
	camera_cells: CameraCellsTable;
	tile_data_version: TileDataVersionTable;
	tile_data_changes: TileDataChangesTable;
	coverage_areas: CoverageAreasTable;
	coverage_cells: CoverageCellsTable;
	coverage_dirty: CoverageDirtyTable;
	camera_models: CameraModelsTable;
}
