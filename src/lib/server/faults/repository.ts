/** The one query of fault injection (`inject.ts`). */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';

/**
 * Ends the database connection of `executor` from inside (a transaction's, or a fresh one of
 * the pool's); the statement fails as any statement on a killed connection does.
 */
export async function terminateOwnConnection(executor: Kysely<DB>): Promise<void> {
	await sql`SELECT pg_terminate_backend(pg_backend_pid())`.execute(executor);
}
