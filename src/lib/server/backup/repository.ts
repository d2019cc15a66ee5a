/**
 * The queries of backup and restore (`index.ts`). They run on one connection given as a
 * `Query`: a pg client (on PostgreSQL, inside the backup's snapshot transaction, so every
 * statement sees the state `pg_dump` dumps) or an embedded database opened from a dump. Not
 * Kysely: the tables are listed from the catalogue and counted by name, and the snapshot is held
 * by a client of its own that `pg_dump` is pointed at.
 */

/** Runs one statement on the connection the caller holds; resolves to its rows. */
export type Query = <T>(text: string) => Promise<T[]>;

/**
 * Opens the read-only REPEATABLE READ transaction of a PostgreSQL backup and exports its
 * snapshot; returns the snapshot's name for `pg_dump --snapshot`.
 */
export async function beginSnapshot(query: Query): Promise<string> {
	await query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
	const [{ snapshot }] = await query<{ snapshot: string }>('SELECT pg_export_snapshot() AS snapshot');
	return snapshot;
}

/** Ends the snapshot transaction. */
export async function endSnapshot(query: Query): Promise<void> {
	await query('COMMIT');
}

/** The app's tables (PostGIS's `spatial_ref_sys` is the extension's, not ours), by name. */
export async function tables(query: Query): Promise<string[]> {
	const rows = await query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables
		WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'spatial_ref_sys'
		ORDER BY table_name`);
	return rows.map((row) => row.table_name);
}

/** Every photo file the database references (display and thumbnail), in key order. */
export async function photoKeys(query: Query): Promise<string[]> {
	const rows = await query<{ key: string }>(
		'SELECT display_key AS key FROM photos UNION SELECT thumb_key FROM photos ORDER BY 1'
	);
	return rows.map((row) => row.key);
}

/** The number of rows of each table but the skipped ones. */
export async function countRows(query: Query, skipped: readonly string[]): Promise<Record<string, number>> {
	const counts: Record<string, number> = {};
	for (const table of await tables(query)) {
		if (skipped.includes(table)) continue;
		const [{ count }] = await query<{ count: string }>(`SELECT count(*) AS count FROM "${table}"`);
		counts[table] = Number(count);
	}
	return counts;
}

/** Deletes every row of the given tables (of a copy or a restored database, never the one in use). */
export async function emptyTables(query: Query, names: readonly string[]): Promise<void> {
	for (const table of names) await query(`DELETE FROM "${table}"`);
}
