/** A liveness probe of the database (`/healthz`): the cheapest statement that needs a connection. */
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema';

export async function ping(db: Kysely<DB>): Promise<void> {
	await sql`SELECT 1`.execute(db);
}
