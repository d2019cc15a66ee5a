/**
 * The column types of the generated table types (./schema.generated.ts imports the ones it uses):
 * how a column is read, inserted and updated where the catalogue's type alone does not say.
 */
import type { ColumnType } from 'kysely';

/** Filled in by the database unless given (a default or an identity). Unlike Kysely's own
 * `Generated`, it keeps the insert and update types of a `ColumnType` such as `Timestamp`. */
export type Generated<T> =
	T extends ColumnType<infer S, infer I, infer U> ? ColumnType<S, I | undefined, U> : ColumnType<T, T | undefined, T>;

/** Computed by the database (a generated column); never written by the app. */
export type ReadOnly<T> = ColumnType<T, never, never>;
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** PostGIS geometry: written through `sql` helpers, read through ST_AsGeoJSON or MVT. */
export type Geometry = ColumnType<unknown, unknown, unknown>;
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
/** jsonb: written as a JSON string. */
export type Json = ColumnType<JsonValue, string, string>;
