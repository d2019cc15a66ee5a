/**
 * Accounts, their sessions and the log-in throttle. Usernames are unique regardless of case (`users_username_key` on lower(username));
 * a clash is reported as `UsernameTakenError`, not as a database error.
 */
import { sql, type Kysely } from 'kysely';
import { roles as accountRoles } from '../../schemas/account';
import type { DB, Role } from '../db/schema';
import type { ThrottleKey } from './throttle';

export const roles = accountRoles satisfies readonly Role[];
export type { Role };

export class UsernameTakenError extends Error {
	constructor() {
		super('username taken');
	}
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
	const candidate = error as { code?: string; constraint?: string } | null;
	return candidate?.code === '23505' && candidate.constraint === constraint;
}

export interface NewUser {
	username: string;
	email?: string | null;
	passwordHash: string;
	role?: Role;
}

export async function create(db: Kysely<DB>, user: NewUser): Promise<{ id: number }> {
	try {
		return await db
			.insertInto('users')
			.values({
				username: user.username,
				email: user.email || null,
				password_hash: user.passwordHash,
				role: user.role ?? 'contributor'
			})
			.returning('id')
			.executeTakeFirstOrThrow();
	} catch (error) {
		if (isUniqueViolation(error, 'users_username_key')) throw new UsernameTakenError();
		throw error;
	}
}

/** Looks a user up by name, ignoring case. */
export function findByUsername(db: Kysely<DB>, username: string) {
	return db
		.selectFrom('users')
		.select(['id', 'username', 'role', 'password_hash'])
		.where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
		.executeTakeFirst();
}

export function read(db: Kysely<DB>, id: number) {
	return db
		.selectFrom('users')
		.select(['id', 'username', 'email', 'role', 'password_hash', 'created_at', 'password_changed_at'])
		.where('id', '=', id)
		.executeTakeFirst();
}

/** Every account, for administrators, oldest first. */
export function list(db: Kysely<DB>) {
	return db.selectFrom('users').select(['id', 'username', 'role', 'created_at']).orderBy('id').execute();
}

export async function setRole(db: Kysely<DB>, id: number, role: Role, now = new Date()): Promise<boolean> {
	const result = await db
		.updateTable('users')
		.set({ role, role_changed_at: now })
		.where('id', '=', id)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

export async function setPasswordHash(db: Kysely<DB>, id: number, passwordHash: string, now = new Date()) {
	await db
		.updateTable('users')
		.set({ password_hash: passwordHash, password_changed_at: now })
		.where('id', '=', id)
		.execute();
}

// Sessions (`session.ts` decides validity; only the hash of a session's secret is stored).

export interface NewSession {
	id: string;
	secretHash: Uint8Array;
	userId: number;
	now: Date;
	expiresAt: Date;
}

export async function insertSession(db: Kysely<DB>, session: NewSession): Promise<void> {
	await db
		.insertInto('sessions')
		.values({
			id: session.id,
			secret_hash: session.secretHash,
			user_id: session.userId,
			created_at: session.now,
			last_verified_at: session.now,
			expires_at: session.expiresAt
		})
		.execute();
}

/** A session with its user, by session id. */
export function readSession(db: Kysely<DB>, id: string) {
	return db
		.selectFrom('sessions')
		.innerJoin('users', 'users.id', 'sessions.user_id')
		.select([
			'sessions.id',
			'sessions.secret_hash',
			'sessions.created_at',
			'sessions.last_verified_at',
			'sessions.expires_at',
			'users.id as user_id',
			'users.username',
			'users.role'
		])
		.where('sessions.id', '=', id)
		.executeTakeFirst();
}

export async function markSessionVerified(db: Kysely<DB>, id: string, now: Date): Promise<void> {
	await db.updateTable('sessions').set({ last_verified_at: now }).where('id', '=', id).execute();
}

export async function deleteSession(db: Kysely<DB>, id: string): Promise<void> {
	await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Deletes the user's sessions (all but `except`, when given); returns how many. */
export async function deleteUserSessions(db: Kysely<DB>, userId: number, except?: string): Promise<number> {
	const result = await db
		.deleteFrom('sessions')
		.where('user_id', '=', userId)
		.$if(except !== undefined, (query) => query.where('id', '!=', except!))
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}

/** The user's sessions still within their deadline and used since `activeSince`, latest use first. */
export function listLiveSessions(db: Kysely<DB>, userId: number, now: Date, activeSince: Date) {
	return db
		.selectFrom('sessions')
		.select(['id', 'created_at', 'last_verified_at', 'expires_at'])
		.where('user_id', '=', userId)
		.where('expires_at', '>', now)
		.where('last_verified_at', '>', activeSince)
		.orderBy('last_verified_at', 'desc')
		.execute();
}

/** Deletes sessions past their deadline at `now` or unused since `inactiveSince`; returns how many. */
export async function deleteExpiredSessions(db: Kysely<DB>, now: Date, inactiveSince: Date): Promise<number> {
	const result = await db
		.deleteFrom('sessions')
		.where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_verified_at', '<=', inactiveSince)]))
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}

// The log-in throttle (`throttle.ts` decides the waits).

export async function throttleBlockedUntil(db: Kysely<DB>, key: ThrottleKey) {
	const row = await db
		.selectFrom('login_throttle')
		.select('blocked_until')
		.where('bucket', '=', key.bucket)
		.where('key_hash', '=', key.hash)
		.executeTakeFirst();
	return row?.blocked_until ?? null;
}

/** Counts one failure (from 1 again when the last was before `forgetBefore`); returns the count. */
export async function countThrottleFailure(
	db: Kysely<DB>,
	key: ThrottleKey,
	now: Date,
	forgetBefore: Date
): Promise<number> {
	const row = await db
		.insertInto('login_throttle')
		.values({ bucket: key.bucket, key_hash: key.hash, failures: 1, last_failure_at: now })
		.onConflict((oc) =>
			oc.columns(['bucket', 'key_hash']).doUpdateSet({
				failures: sql<number>`CASE WHEN login_throttle.last_failure_at < ${forgetBefore}
					THEN 1 ELSE login_throttle.failures + 1 END`,
				last_failure_at: now
			})
		)
		.returning('failures')
		.executeTakeFirstOrThrow();
	return row.failures;
}

export async function setThrottleBlock(db: Kysely<DB>, key: ThrottleKey, blockedUntil: Date | null): Promise<void> {
	await db
		.updateTable('login_throttle')
		.set({ blocked_until: blockedUntil })
		.where('bucket', '=', key.bucket)
		.where('key_hash', '=', key.hash)
		.execute();
}

export async function clearThrottle(db: Kysely<DB>, key: ThrottleKey): Promise<void> {
	await db.deleteFrom('login_throttle').where('bucket', '=', key.bucket).where('key_hash', '=', key.hash).execute();
}

/** Deletes throttle counters whose last failure was before `before`; returns how many. */
export async function deleteThrottlesFailedBefore(db: Kysely<DB>, before: Date): Promise<number> {
	const result = await db.deleteFrom('login_throttle').where('last_failure_at', '<', before).executeTakeFirstOrThrow();
	return Number(result.numDeletedRows);
}

/**
 * Deletes throttle counters of an earlier day (before `midnight`), and those quiet since
 * `quietSince` with no wait in force at `now`; returns how many.
 */
export async function deleteForgottenThrottles(
	db: Kysely<DB>,
	{ midnight, quietSince, now }: { midnight: Date; quietSince: Date; now: Date }
): Promise<number> {
	const result = await db
		.deleteFrom('login_throttle')
		.where((eb) =>
			eb.or([
				eb('last_failure_at', '<', midnight),
				eb.and([
					eb('last_failure_at', '<', quietSince),
					eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<=', now)])
				])
			])
		)
		.executeTakeFirstOrThrow();
	return Number(result.numDeletedRows);
}
