/**
 * The keys of the day behind client keys, and the per-client request counters made with them
 * (`client-key.ts`, `limiter.ts`).
 */
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';

/** The key of `day` (YYYY-MM-DD), made on first use; every app server gets the same one. */
export async function keyOfDay(db: Kysely<DB>, day: string): Promise<Uint8Array> {
	await db
		.insertInto('client_keys')
		.values({ day, key: randomBytes(32) })
		.onConflict((oc) => oc.column('day').doNothing())
		.execute();
	const row = await db.selectFrom('client_keys').select('key').where('day', '=', day).executeTakeFirstOrThrow();
	return row.key;
}

/** Deletes the keys of the days before `day`; returns how many. */
export async function deleteKeysBefore(db: Kysely<DB>, day: string): Promise<number> {
	const result = await db.deleteFrom('client_keys').where('day', '<', day).executeTakeFirstOrThrow();
	return Number(result.numDeletedRows);
}

/** Counts one request in its window; returns the window's count, this request included. */
export async function countRequest(
	db: Kysely<DB>,
	request: { bucket: string; keyHash: Buffer; windowStart: Date }
): Promise<number> {
	const row = await db
		.insertInto('rate_limits')
		.values({ bucket: request.bucket, key_hash: request.keyHash, window_start: request.windowStart, count: 1 })
		.onConflict((oc) =>
			oc.columns(['bucket', 'key_hash', 'window_start']).doUpdateSet({ count: sql`rate_limits.count + 1` })
		)
		.returning('count')
		.executeTakeFirstOrThrow();
	return row.count;
}

/** Deletes the counters of windows that started before `before`; returns how many. */
export async function deleteCountersBefore(db: Kysely<DB>, before: Date): Promise<number> {
	const result = await db.deleteFrom('rate_limits').where('window_start', '<', before).executeTakeFirstOrThrow();
	return Number(result.numDeletedRows);
}
