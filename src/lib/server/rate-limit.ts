/**
 * Per-client rate limits without surveillance. Counters live in PostgreSQL (so several app
 * servers share them) under HMAC-SHA256(key of the day, client address). The key is random,
 * replaced every UTC day, and the old key is deleted with the old counters: once a day has
 * passed, nobody (not even with a copy of the database) can link a counter to an address.
 * The address itself is never stored or logged.
 *
 * Fixed windows: simple and cheap (one upsert per request); a burst across a window edge
 * can reach twice the limit, which is acceptable for abuse control.
 */
import { createHmac, randomBytes } from 'node:crypto';
import net from 'node:net';
import { sql, type Kysely } from 'kysely';
import type { DB } from './db/schema';

export interface RateLimitRule {
	/** Names the limited action, e.g. `submissions`. */
	bucket: string;
	/** Requests allowed per window. */
	limit: number;
	windowSeconds: number;
}

export interface RateLimitResult {
	allowed: boolean;
	/** Requests counted in the current window, this one included. */
	count: number;
	/** Seconds until the window resets (for `Retry-After`). */
	retryAfter: number;
}

/**
 * The part of an address that identifies one client: IPv4 as is (also when IPv4-mapped),
 * IPv6 by its /64 network, since one subscriber usually holds a whole /64.
 */
export function clientIdentity(address: string): string {
	const trimmed = address.trim().replace(/^\[|\]$/g, '');
	const mapped = trimmed.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i);
	if (mapped) return mapped[1];
	if (net.isIPv4(trimmed)) return trimmed;
	const withoutZone = trimmed.split('%')[0];
	if (!net.isIPv6(withoutZone)) return `other:${trimmed}`;
	const [head, tail = ''] = withoutZone.split('::');
	const headGroups = head ? head.split(':') : [];
	const tailGroups = tail ? tail.split(':') : [];
	// An embedded IPv4 tail ("::1.2.3.4") lies in the last 32 bits, outside the /64.
	const missing = 8 - headGroups.length - tailGroups.length - (tailGroups.at(-1)?.includes('.') ? -1 : 0);
	const groups = withoutZone.includes('::')
		? [...headGroups, ...Array(Math.max(missing, 0)).fill('0'), ...tailGroups]
		: headGroups;
	return `${groups
		.slice(0, 4)
		.map((group) => parseInt(group || '0', 16).toString(16))
		.join(':')}::/64`;
}

const dayKeys = new WeakMap<Kysely<DB>, { day: string; key: Promise<Buffer> }>();

async function loadDayKey(db: Kysely<DB>, day: string): Promise<Buffer> {
	await db
		.insertInto('rate_limit_keys')
		.values({ day, key: randomBytes(32) })
		.onConflict((oc) => oc.column('day').doNothing())
		.execute();
	const row = await db.selectFrom('rate_limit_keys').select('key').where('day', '=', day).executeTakeFirstOrThrow();
	// Forget yesterday: its key and every counter hashed with it.
	await db.deleteFrom('rate_limit_keys').where('day', '<', day).execute();
	await db
		.deleteFrom('rate_limits')
		.where('window_start', '<', sql<Date>`${day}::date`)
		.execute();
	return row.key;
}

function dayKey(db: Kysely<DB>, now: Date): Promise<Buffer> {
	const day = now.toISOString().slice(0, 10);
	const cached = dayKeys.get(db);
	if (cached?.day === day) return cached.key;
	const key = loadDayKey(db, day);
	key.catch(() => dayKeys.delete(db));
	dayKeys.set(db, { day, key });
	return key;
}

/** Counts one request of `clientAddress` against `rule`. */
export async function consume(
	db: Kysely<DB>,
	rule: RateLimitRule,
	clientAddress: string,
	now = new Date()
): Promise<RateLimitResult> {
	const key = await dayKey(db, now);
	const keyHash = createHmac('sha256', key).update(clientIdentity(clientAddress)).digest();
	const windowMs = rule.windowSeconds * 1000;
	let windowStart = Math.floor(now.getTime() / windowMs) * windowMs;
	// Windows never straddle midnight (UTC): the key, and so every counter, changes there.
	const midnight = Date.parse(now.toISOString().slice(0, 10));
	if (windowStart < midnight) windowStart = midnight;
	const row = await db
		.insertInto('rate_limits')
		.values({ bucket: rule.bucket, key_hash: keyHash, window_start: new Date(windowStart), count: 1 })
		.onConflict((oc) =>
			oc.columns(['bucket', 'key_hash', 'window_start']).doUpdateSet({ count: sql`rate_limits.count + 1` })
		)
		.returning('count')
		.executeTakeFirstOrThrow();
	const windowEnd = Math.min(windowStart + windowMs, midnight + 86_400_000);
	return {
		allowed: row.count <= rule.limit,
		count: row.count,
		retryAfter: Math.max(1, Math.ceil((windowEnd - now.getTime()) / 1000))
	};
}
