/**
 * The app's database types: the generated ones (./schema.generated.ts, from the migrated database
 * by `npm run db:types`) with the few refinements the catalogue cannot express. Each says why it
 * exists. Geometry columns are left out of selects on purpose: geometry leaves the server as
 * GeoJSON or MVT, built in SQL.
 */
import type { ColumnType, Selectable } from 'kysely';
import type * as Generated from './schema.generated';

/** `T` with the columns of `R` replaced. */
type Refine<T, R> = Omit<T, keyof R> & R;

/** A jsonb column of known shape `T`, written as a JSON string (the catalogue says only `jsonb`). */
type JsonOf<T, Insert = string, Update = string> = ColumnType<T, Insert, Update>;

export interface DataReleaseFile {
	name: string;
	bytes: number;
	sha256: string;
	contentType: string;
}

export interface EvidenceLink {
	url: string;
	title: string;
}

export interface DB extends Omit<
	Generated.DB,
	| 'audit_log'
	| 'camera_leads'
	| 'camera_models'
	| 'camera_revisions'
	| 'cameras'
	| 'data_releases'
	| 'official_cameras'
	| 'photos'
	| 'submissions'
> {
	audit_log: Refine<
		Generated.AuditLogTable,
		// The log is append-only: details are never updated.
		{ details: JsonOf<Record<string, unknown>, string | undefined, never> }
	>;
	camera_leads: Refine<
		Generated.CameraLeadsTable,
		// OpenStreetMap tags as they came, and the camera attributes read from them (osm/leads.ts).
		{ tags: JsonOf<Record<string, string>>; attributes: JsonOf<Record<string, unknown>> }
	>;
	camera_models: Refine<Generated.CameraModelsTable, { evidence: JsonOf<EvidenceLink[], string | undefined, string> }>;
	camera_revisions: Refine<
		Generated.CameraRevisionsTable,
		// `CameraSnapshot` objects; a revision is history and is never updated.
		{
			before: JsonOf<Record<string, unknown> | null, string | null, never>;
			after: JsonOf<Record<string, unknown>, string, never>;
		}
	>;
	cameras: Refine<
		Generated.CamerasTable,
		// Suspected face recognition, by the camera's capabilities or its model's: triggers keep it
		// (migrations/0009_camera_models.sql) and overwrite whatever the app would write.
		{ biometric: ColumnType<boolean, never, never> }
	>;
	data_releases: Refine<Generated.DataReleasesTable, { files: JsonOf<DataReleaseFile[]> }>;
	official_cameras: Refine<
		Generated.OfficialCamerasTable,
		{ properties: JsonOf<Record<string, unknown>, string | undefined, string> }
	>;
	// `BlurRegion[]` as fractions of the image.
	photos: Refine<Generated.PhotosTable, { blur_regions: JsonOf<unknown[] | null, string | null, string | null> }>;
	// The validated report (`SubmissionPayload`), a JSON object (CHECK in migrations/0002).
	submissions: Refine<Generated.SubmissionsTable, { payload: JsonOf<Record<string, unknown>> }>;
}

export type Role = Selectable<DB['users']>['role'];
export type SubmissionStatus = Selectable<DB['submissions']>['status'];
export type RevisionAction = Selectable<DB['camera_revisions']>['action'];
export type PhotoContentType = Selectable<DB['photos']>['display_type'];
