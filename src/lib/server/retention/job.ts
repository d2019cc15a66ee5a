/**
 * Retention: a periodic job in every app server (started with the others by src/lib/server/jobs.ts)
 * that deletes what the app no longer needs and should not keep. Each step is also done on the way by the code that owns the table (a rate
 * limit check forgets earlier days, a session met after its deadline is deleted), but only when
 * such a request comes; this job makes the limits hold on a quiet server too.
 *
 * | what                            | kept until                                                    |
 * | ------------------------------- | ------------------------------------------------------------- |
 * | rate-limit counters             | the end of their UTC day (the client key that made them goes) |
 * | client keys (HMAC keys per day) | the end of their UTC day                                      |
 * | log-in throttling counters      | 1 hour without a failure and no wait in force, or their day   |
 * | sessions                        | their inactivity (30 days) or absolute (90 days) deadline     |
 * | in-flight upload records        | 1 hour (a request that never committed; its files go too)    |
 *
 * A report's idempotency key is kept, as a SHA-256 hash, as long as the report itself: a phone
 * that was offline for weeks may still retry, and must get the first answer, not a duplicate.
 *
 * Several app servers may run the job at once: every step is an idempotent DELETE.
 */
import type { Kysely } from 'kysely';
import { deleteExpiredSessions } from '../auth/session';
import * as users from '../auth/repository';
import { RULES } from '../auth/throttle';
import type { DB } from '../db/schema';
import * as rateLimits from '../rate-limit/repository';
import * as submissions from '../submissions/repository';
import type { PhotoStorage } from '../storage';

export const RETENTION_INTERVAL_MS = 15 * 60_000;
export const ABANDONED_UPLOAD_SECONDS = 3600;
const THROTTLE_FORGET_MS = Math.max(...Object.values(RULES).map((rule) => rule.forgetAfterMs));

export interface RetentionResult {
	rateLimits: number;
	clientKeys: number;
	loginThrottle: number;
	sessions: number;
	uploads: number;
}

/** One pass: deletes exactly the rows past their retention at `now`. */
export async function runRetention(db: Kysely<DB>, storage: PhotoStorage, now = new Date()): Promise<RetentionResult> {
	const midnight = new Date(Date.parse(now.toISOString().slice(0, 10)));
	const today = now.toISOString().slice(0, 10);
	const rateLimitCounters = await rateLimits.deleteCountersBefore(db, midnight);
	const clientKeys = await rateLimits.deleteKeysBefore(db, today);
	const loginThrottle = await users.deleteForgottenThrottles(db, {
		midnight,
		quietSince: new Date(now.getTime() - THROTTLE_FORGET_MS),
		now
	});
	const sessions = await deleteExpiredSessions(db, now);
	// (Half-written temporary files on disk are removed by a job of their own (src/lib/server/jobs.ts),
	// which walks the photo directory; that walk is too costly to repeat here every 15 minutes.)
	const uploads = await submissions.sweepAbandonedUploads(db, storage, ABANDONED_UPLOAD_SECONDS, now);
	return { rateLimits: rateLimitCounters, clientKeys, loginThrottle, sessions, uploads };
}
