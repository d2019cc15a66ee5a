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

export interface CamerasTable {
	id: Generated<number>;
	geom: Geometry;
	geom_3857: ReadOnly<unknown>;
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

export interface DB {
	areas: AreasTable;
	cameras: CamerasTable;
}
