/**
 * Per-client rate limits without surveillance. Counters live in PostgreSQL (so several app
 * servers share them) under the client key (`client-key.ts`): an HMAC of the address under a
 * random key replaced every UTC day and then deleted, so a counter can no longer be linked to
 * an address once its day has passed. The address itself is never stored or logged.
 *
 * Fixed windows: simple and cheap (one upsert per request); a burst across a window edge can
 * reach twice the limit, which is acceptable for abuse control.
 */
import type { Kysely } from 'kysely';
import { clientKeyOf } from './client-key';
import type { DB } from '../db/schema';
import * as rateLimits from './repository';

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

const DAY_MS = 86_400_000;
const cleaned = new WeakMap<Kysely<DB>, string>();

/** Once a day per server: counters of earlier days are unlinkable and useless; delete them. */
async function forgetEarlierDays(db: Kysely<DB>, day: string) {
	if (cleaned.get(db) === day) return;
	cleaned.set(db, day);
	await rateLimits.deleteCountersBefore(db, new Date(Date.parse(day)));
}

/** Counts one request of `clientAddress` against `rule`. */
export async function consume(
	db: Kysely<DB>,
	rule: RateLimitRule,
	clientAddress: string,
	now = new Date()
): Promise<RateLimitResult> {
	const day = now.toISOString().slice(0, 10);
	const keyHash = Buffer.from(await clientKeyOf(db, clientAddress, now));
	await forgetEarlierDays(db, day);
	const windowMs = rule.windowSeconds * 1000;
	const midnight = Date.parse(day);
	// Windows never straddle midnight (UTC): the client key, and so every counter, changes there.
	const windowStart = Math.max(Math.floor(now.getTime() / windowMs) * windowMs, midnight);
	const count = await rateLimits.countRequest(db, { bucket: rule.bucket, keyHash, windowStart: new Date(windowStart) });
	const windowEnd = Math.min(windowStart + windowMs, midnight + DAY_MS);
	return {
		allowed: count <= rule.limit,
		count,
		retryAfter: Math.max(1, Math.ceil((windowEnd - now.getTime()) / 1000))
	};
}
