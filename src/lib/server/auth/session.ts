/**
 * Sessions, after lucia-auth.com's current design ("Basic session implementation" and
 * "Inactivity timeout"): a token is `<id>.<secret>`, both halves 20 random bytes in lower-case
 * base32. The database keeps the id and SHA-256(secret) only, so a copy of the sessions table
 * holds nothing a browser could present; the secret is checked with a constant-time comparison
 * after the row is found by id, so response times say nothing about the secret.
 *
 * Lifetime: a session ends after INACTIVITY_TIMEOUT without use (`last_verified_at` is moved
 * forward at most once per ACTIVITY_CHECK_INTERVAL, to spare the database a write per request)
 * and in any case ABSOLUTE_LIFETIME after it was created.
 *
 * The user's role is read from the database with every validation, never kept in the cookie:
 * a role change applies from the next request.
 *
 * Every function takes `now` so tests can move the clock.
 */
import type { Cookies } from '@sveltejs/kit';
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import type { Kysely } from 'kysely';
import type { DB, Role } from '../db/schema';
import * as users from './repository';

const DAY_MS = 86_400_000;
export const INACTIVITY_TIMEOUT_MS = 30 * DAY_MS;
export const ACTIVITY_CHECK_INTERVAL_MS = DAY_MS;
export const ABSOLUTE_LIFETIME_MS = 90 * DAY_MS;

const ID_PATTERN = /^[a-z2-7]{32}$/;

export interface Session {
	id: string;
	userId: number;
	createdAt: Date;
	lastVerifiedAt: Date;
	expiresAt: Date;
	/** When the session ends if it is not used again (never after `expiresAt`). */
	idleExpiresAt: Date;
}

export interface SessionUser {
	id: number;
	username: string;
	role: Role;
}

export type SessionValidationResult =
	{ session: Session; user: SessionUser; refreshed: boolean } | { session: null; user: null; refreshed: false };

function randomString(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

export function hashSecret(secret: string): Uint8Array {
	return sha256(new TextEncoder().encode(secret));
}

/** Splits a token into its halves; null for anything that is not a well-formed token. */
export function parseToken(token: string): { id: string; secret: string } | null {
	const parts = token.split('.');
	if (parts.length !== 2) return null;
	const [id, secret] = parts;
	if (!ID_PATTERN.test(id) || !ID_PATTERN.test(secret)) return null;
	return { id, secret };
}

function idleExpiry(lastVerifiedAt: Date, expiresAt: Date): Date {
	return new Date(Math.min(lastVerifiedAt.getTime() + INACTIVITY_TIMEOUT_MS, expiresAt.getTime()));
}

/** Creates a session for `userId`; the returned token goes into the cookie and nowhere else. */
export async function createSession(
	db: Kysely<DB>,
	userId: number,
	now = new Date()
): Promise<{ token: string; session: Session }> {
	const id = randomString();
	const secret = randomString();
	const expiresAt = new Date(now.getTime() + ABSOLUTE_LIFETIME_MS);
	await users.insertSession(db, { id, secretHash: hashSecret(secret), userId, now, expiresAt });
	return {
		token: `${id}.${secret}`,
		session: { id, userId, createdAt: now, lastVerifiedAt: now, expiresAt, idleExpiresAt: idleExpiry(now, expiresAt) }
	};
}

/**
 * The session and user behind `token`, or nulls. Expired sessions are deleted when met;
 * `refreshed` says the inactivity deadline moved (the cookie should be sent again).
 */
export async function validateSessionToken(
	db: Kysely<DB>,
	token: string,
	now = new Date()
): Promise<SessionValidationResult> {
	const none = { session: null, user: null, refreshed: false } as const;
	const parsed = parseToken(token);
	if (!parsed) return none;
	const row = await users.readSession(db, parsed.id);
	if (!row) return none;
	if (!constantTimeEqual(hashSecret(parsed.secret), new Uint8Array(row.secret_hash))) return none;

	const expiresAt = new Date(row.expires_at);
	let lastVerifiedAt = new Date(row.last_verified_at);
	if (now >= expiresAt || now.getTime() >= lastVerifiedAt.getTime() + INACTIVITY_TIMEOUT_MS) {
		await invalidateSession(db, row.id);
		return none;
	}
	let refreshed = false;
	if (now.getTime() - lastVerifiedAt.getTime() >= ACTIVITY_CHECK_INTERVAL_MS) {
		lastVerifiedAt = now;
		refreshed = true;
		await users.markSessionVerified(db, row.id, now);
	}
	return {
		session: {
			id: row.id,
			userId: row.user_id,
			createdAt: new Date(row.created_at),
			lastVerifiedAt,
			expiresAt,
			idleExpiresAt: idleExpiry(lastVerifiedAt, expiresAt)
		},
		user: { id: row.user_id, username: row.username, role: row.role },
		refreshed
	};
}

export async function invalidateSession(db: Kysely<DB>, sessionId: string): Promise<void> {
	await users.deleteSession(db, sessionId);
}

/** Ends every session of a user (password change, account takeover), or all but `except`. */
export function invalidateUserSessions(db: Kysely<DB>, userId: number, except?: string): Promise<number> {
	return users.deleteUserSessions(db, userId, except);
}

export async function listUserSessions(db: Kysely<DB>, userId: number, now = new Date()) {
	const rows = await users.listLiveSessions(db, userId, now, new Date(now.getTime() - INACTIVITY_TIMEOUT_MS));
	return rows.map((row) => ({
		id: row.id,
		createdAt: new Date(row.created_at),
		lastVerifiedAt: new Date(row.last_verified_at)
	}));
}

/** Deletes sessions past either deadline (housekeeping; validation ignores them anyway). */
export function deleteExpiredSessions(db: Kysely<DB>, now = new Date()): Promise<number> {
	return users.deleteExpiredSessions(db, now, new Date(now.getTime() - INACTIVITY_TIMEOUT_MS));
}

export function sessionCookieName(secure: boolean): string {
	return secure ? '__Host-session' : 'session';
}

export function setSessionCookie(
	cookies: Cookies,
	token: string,
	session: Pick<Session, 'idleExpiresAt'>,
	secure: boolean,
	now = new Date()
): void {
	cookies.set(sessionCookieName(secure), token, {
		httpOnly: true,
		sameSite: 'lax',
		path: '/',
		secure,
		// Ends with the session's own deadline (inactivity or absolute, whichever is first).
		maxAge: Math.max(0, Math.floor((session.idleExpiresAt.getTime() - now.getTime()) / 1000))
	});
}

export function deleteSessionCookie(cookies: Cookies, secure: boolean): void {
	cookies.delete(sessionCookieName(secure), { httpOnly: true, sameSite: 'lax', path: '/', secure });
}
