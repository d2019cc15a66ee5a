/**
 * Login throttling that cannot be turned against the account holder.
 *
 * Failures are counted per (username, client key) and per client key, never per account alone:
 * an attacker hammering someone's username slows down only themselves (their own client key),
 * while the real user, arriving with another client key, logs in as usual. After a number of free
 * attempts each further failure doubles the wait, up to a cap; nothing is ever locked for good,
 * and counters are forgotten after a quiet period (and with the client key of the day).
 *
 * The trade-off, accepted on purpose: an attacker with many addresses gets a few guesses per
 * address per account. Common passwords are refused at sign-up, which is what makes those few
 * guesses worthless.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import * as users from './repository';

export type Bucket = 'login_pair' | 'login_client' | 'signup_client';

export interface ThrottleRule {
	/** Failures allowed before any wait. */
	free: number;
	/** Wait after the first failure past `free`; doubled with each further one. */
	baseMs: number;
	maxMs: number;
	/** A key with no failure for this long starts from zero again. */
	forgetAfterMs: number;
}

const MINUTE = 60_000;
export const RULES: Record<Bucket, ThrottleRule> = {
	// One person mistyping their own password: 5 tries, then 1 s, 2 s, 4 s, ... at most 15 min.
	login_pair: { free: 5, baseMs: 1000, maxMs: 15 * MINUTE, forgetAfterMs: 60 * MINUTE },
	// One client trying many accounts (password spraying): more room for a shared address.
	login_client: { free: 30, baseMs: 1000, maxMs: 60 * MINUTE, forgetAfterMs: 60 * MINUTE },
	// Account creation (each costs a password hash). Room for a mapping workshop signing up
	// together behind one address, then waits from 10 s upwards.
	signup_client: { free: 30, baseMs: 10_000, maxMs: 60 * MINUTE, forgetAfterMs: 60 * MINUTE }
};

/** The wait after `failures` failures (0 while free attempts remain). */
export function backoffMs(rule: ThrottleRule, failures: number): number {
	if (failures < rule.free) return 0;
	return Math.min(rule.maxMs, rule.baseMs * 2 ** Math.min(failures - rule.free, 30));
}

export interface ThrottleKey {
	bucket: Bucket;
	hash: Uint8Array;
}

/** The key of a bucket for a client key and, for per-account buckets, a username. */
export function throttleKey(bucket: Bucket, clientKey: Uint8Array, username?: string): ThrottleKey {
	const parts = [new TextEncoder().encode(`${bucket}\0`), clientKey];
	if (username !== undefined) parts.push(new TextEncoder().encode(`\0${username.toLowerCase()}`));
	const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
	let offset = 0;
	for (const part of parts) {
		bytes.set(part, offset);
		offset += part.length;
	}
	return { bucket, hash: sha256(bytes) };
}

/** Seconds until the first of `keys` allows another attempt; 0 when all allow it now. */
export async function retryAfterSeconds(db: Kysely<DB>, keys: ThrottleKey[], now = new Date()): Promise<number> {
	let wait = 0;
	for (const key of keys) {
		const blockedUntil = await users.throttleBlockedUntil(db, key);
		if (blockedUntil) wait = Math.max(wait, new Date(blockedUntil).getTime() - now.getTime());
	}
	return wait > 0 ? Math.ceil(wait / 1000) : 0;
}

/** Counts one failure (or one attempt, for sign-up) against each key. */
export async function recordFailure(db: Kysely<DB>, keys: ThrottleKey[], now = new Date()): Promise<void> {
	for (const key of keys) {
		const rule = RULES[key.bucket];
		const forgetBefore = new Date(now.getTime() - rule.forgetAfterMs);
		const failures = await users.countThrottleFailure(db, key, now, forgetBefore);
		const wait = backoffMs(rule, failures);
		await users.setThrottleBlock(db, key, wait > 0 ? new Date(now.getTime() + wait) : null);
	}
}

/** Forgets the failures of a key (a successful login clears its own username/client pair). */
export async function clearFailures(db: Kysely<DB>, key: ThrottleKey): Promise<void> {
	await users.clearThrottle(db, key);
}
