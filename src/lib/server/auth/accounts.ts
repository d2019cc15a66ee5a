/**
 * Sign-up, log-in and password change, independent of HTTP: the routes translate the results
 * into form responses and cookies. Problems are message keys per field.
 */
import type { Kysely } from 'kysely';
import type { MessageKey } from '#lib/i18n/index.js';
import type { DB } from '../db/schema';
import * as users from './repository';
import { checkPasswordPolicy, hashPassword, verifyDecoy, verifyPassword, type PasswordProblem } from './password';
import { invalidateUserSessions } from './session';
import { clearFailures, recordFailure, retryAfterSeconds, throttleKey } from './throttle';

export type Outcome<T> =
	| ({ ok: true } & T)
	| { ok: false; status: 400; fields: Record<string, MessageKey> }
	| { ok: false; status: 429; retryAfter: number };

const POLICY_MESSAGES: Record<PasswordProblem, MessageKey> = {
	tooShort: 'account.error.passwordTooShort',
	tooLong: 'account.error.passwordTooLong',
	common: 'account.error.passwordCommon',
	sameAsUsername: 'account.error.passwordSameAsUsername'
};

export function policyMessage(problem: PasswordProblem): MessageKey {
	return POLICY_MESSAGES[problem];
}

export interface SignupInput {
	username: string;
	password: string;
	email?: string;
}

/**
 * Creates a contributor account. Every attempt that gets past the password policy counts against
 * the client, the answer "this username is taken" included: otherwise usernames could be
 * enumerated at no cost.
 */
export async function signUp(
	db: Kysely<DB>,
	input: SignupInput,
	clientKey: Uint8Array,
	now = new Date()
): Promise<Outcome<{ userId: number }>> {
	const key = throttleKey('signup_client', clientKey);
	const retryAfter = await retryAfterSeconds(db, [key], now);
	if (retryAfter > 0) return { ok: false, status: 429, retryAfter };
	const problem = checkPasswordPolicy(input.password, input.username);
	if (problem) return { ok: false, status: 400, fields: { password: policyMessage(problem) } };
	await recordFailure(db, [key], now);
	if (await users.findByUsername(db, input.username)) {
		return { ok: false, status: 400, fields: { username: 'account.error.usernameTaken' } };
	}
	try {
		const { id } = await users.create(db, {
			username: input.username,
			email: input.email,
			passwordHash: await hashPassword(input.password)
		});
		return { ok: true, userId: id };
	} catch (error) {
		// Two sign-ups for one name at once: the unique index decides.
		if (error instanceof users.UsernameTakenError) {
			return { ok: false, status: 400, fields: { username: 'account.error.usernameTaken' } };
		}
		throw error;
	}
}

/**
 * Checks a username and password. A throttled client gets 429 before the password is even
 * looked at, so waiting cannot be skipped by guessing right.
 */
export async function logIn(
	db: Kysely<DB>,
	input: { username: string; password: string },
	clientKey: Uint8Array,
	now = new Date()
): Promise<Outcome<{ user: { id: number; username: string; role: users.Role } }>> {
	const pair = throttleKey('login_pair', clientKey, input.username);
	const client = throttleKey('login_client', clientKey);
	const retryAfter = await retryAfterSeconds(db, [pair, client], now);
	if (retryAfter > 0) return { ok: false, status: 429, retryAfter };
	const user = await users.findByUsername(db, input.username);
	const valid = user ? await verifyPassword(user.password_hash, input.password) : await verifyDecoy(input.password);
	if (!user || !valid) {
		await recordFailure(db, [pair, client], now);
		return { ok: false, status: 400, fields: { form: 'account.error.loginFailed' } };
	}
	await clearFailures(db, pair);
	return { ok: true, user: { id: user.id, username: user.username, role: user.role } };
}

/**
 * Replaces a user's password and ends every one of their sessions; the caller then starts a
 * fresh session for the device that asked. The current password is throttled like a log-in,
 * so a stolen session cannot be used to guess it.
 */
export async function changePassword(
	db: Kysely<DB>,
	userId: number,
	input: { currentPassword: string; newPassword: string },
	clientKey: Uint8Array,
	now = new Date()
): Promise<Outcome<{ sessionsEnded: number }>> {
	const user = await users.read(db, userId);
	if (!user) throw new Error('changePassword: no such user');
	const pair = throttleKey('login_pair', clientKey, user.username);
	const retryAfter = await retryAfterSeconds(db, [pair], now);
	if (retryAfter > 0) return { ok: false, status: 429, retryAfter };
	if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
		await recordFailure(db, [pair], now);
		return { ok: false, status: 400, fields: { currentPassword: 'account.error.currentPasswordWrong' } };
	}
	const problem = checkPasswordPolicy(input.newPassword, user.username);
	if (problem) return { ok: false, status: 400, fields: { newPassword: policyMessage(problem) } };
	const passwordHash = await hashPassword(input.newPassword);
	const sessionsEnded = await db.transaction().execute(async (trx) => {
		await users.setPasswordHash(trx, userId, passwordHash, now);
		return invalidateUserSessions(trx, userId);
	});
	await clearFailures(db, pair);
	return { ok: true, sessionsEnded };
}
