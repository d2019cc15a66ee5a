import { parseOptions } from '@node-rs/argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db';
import { changePassword, logIn, signUp } from '../../../src/lib/server/auth/accounts';
import { hashPassword, verifyPassword } from '../../../src/lib/server/auth/password';
import { createSession, validateSessionToken } from '../../../src/lib/server/auth/session';
import { RULES } from '../../../src/lib/server/auth/throttle';
import { clientKeyOf } from '../../../src/lib/server/rate-limit/client-key';
import * as users from '../../../src/lib/server/auth/repository';
import { testBackend, testDatabase } from '../harness';
import { createUser, PASSWORD } from '../../support/factories';

describe(`passwords and login throttling (${testBackend()})`, () => {
	let database: Database;
	beforeAll(async () => {
		database = await testDatabase();
	});
	afterAll(() => database?.close());

	it('hashes with argon2id, m=19456, t=2, p=1, a 16-byte salt, and verifies', async () => {
		const stored = await hashPassword('Ñandú en el río 1');
		const [, algorithm, version, params, salt] = stored.split('$');
		expect(algorithm).toBe('argon2id');
		expect(version).toBe('v=19');
		expect(params).toBe('m=19456,t=2,p=1');
		expect(Buffer.from(salt, 'base64').length).toBe(16);
		expect(parseOptions(stored)).toMatchObject({ memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 });
		expect(await verifyPassword(stored, 'Ñandú en el río 1')).toBe(true);
		// The same text in decomposed Unicode form (n + combining tilde) is the same password.
		expect(await verifyPassword(stored, 'Ñandú en el río 1'.normalize('NFD'))).toBe(true);
		expect(await verifyPassword(stored, 'Ñandú en el río 2')).toBe(false);
		expect(await hashPassword('Ñandú en el río 1')).not.toBe(stored);
	});

	it('stores the users argon2id hash, never the password', async () => {
		const key = await clientKeyOf(database.db, '198.51.100.1');
		const result = await signUp(database.db, { username: 'Vesna', password: 'tri nepovezane reči' }, key);
		expect(result.ok).toBe(true);
		const row = await database.db
			.selectFrom('users')
			.selectAll()
			.where('username', '=', 'Vesna')
			.executeTakeFirstOrThrow();
		expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(JSON.stringify(row)).not.toContain('tri nepovezane');
		expect(row.role).toBe('contributor');
	});

	it('refuses a username taken in another case, common passwords and the username as password', async () => {
		const key = await clientKeyOf(database.db, '198.51.100.2');
		await createUser(database.db, { username: 'Milica' });
		expect(await signUp(database.db, { username: 'MILICA', password: PASSWORD }, key)).toEqual({
			ok: false,
			status: 400,
			fields: { username: 'account.error.usernameTaken' }
		});
		await expect(
			users.create(database.db, { username: 'milica', passwordHash: await hashPassword('x') })
		).rejects.toThrow(users.UsernameTakenError);
		expect(await signUp(database.db, { username: 'Nikola', password: 'qwerty123' }, key)).toMatchObject({
			fields: { password: 'account.error.passwordCommon' }
		});
		expect(await signUp(database.db, { username: 'Nikola', password: 'nikola' }, key)).toMatchObject({
			fields: { password: 'account.error.passwordTooShort' }
		});
		expect(await signUp(database.db, { username: 'Nikola99', password: 'NIKOLA99' }, key)).toMatchObject({
			fields: { password: 'account.error.passwordSameAsUsername' }
		});
	});

	it('cannot be used to lock someone out: an attacker hammering a username slows down only themselves', async () => {
		const victim = await createUser(database.db, { username: 'Jelena' });
		const attacker = await clientKeyOf(database.db, '203.0.113.66');
		const owner = await clientKeyOf(database.db, '2001:db8:aaaa:bbbb::1');
		const now = new Date();
		let throttled = 0;
		for (let attempt = 0; attempt < 40; attempt += 1) {
			const result = await logIn(database.db, { username: 'jelena', password: `guess-${attempt}` }, attacker, now);
			expect(result.ok).toBe(false);
			if (!result.ok && result.status === 429) throttled += 1;
		}
		// The attacker got their free attempts, then only waits.
		expect(throttled).toBe(40 - RULES.login_pair.free);
		// Even the right password is not checked while the attacker is throttled.
		expect(await logIn(database.db, { username: 'Jelena', password: victim.password }, attacker, now)).toMatchObject({
			ok: false,
			status: 429
		});
		// The account holder, from their own client key, logs in at once.
		const result = await logIn(database.db, { username: 'Jelena', password: victim.password }, owner, now);
		expect(result).toMatchObject({ ok: true, user: { id: victim.id, username: 'Jelena' } });
	});

	it('lets the user in after the backoff has passed, and forgets failures on success', async () => {
		const user = await createUser(database.db);
		const key = await clientKeyOf(database.db, '192.0.2.10');
		const start = new Date();
		for (let i = 0; i < RULES.login_pair.free; i += 1) {
			expect(
				await logIn(database.db, { username: user.username, password: 'wrong password' }, key, start)
			).toMatchObject({
				status: 400
			});
		}
		const blocked = await logIn(database.db, { username: user.username, password: user.password }, key, start);
		expect(blocked).toMatchObject({ ok: false, status: 429, retryAfter: 1 });
		const later = new Date(start.getTime() + 1000);
		expect(await logIn(database.db, { username: user.username, password: user.password }, key, later)).toMatchObject({
			ok: true
		});
		// Success cleared the pair: one more mistake costs no wait.
		expect(await logIn(database.db, { username: user.username, password: 'again wrong' }, key, later)).toMatchObject({
			status: 400
		});
	});

	it('slows down one client trying many usernames (password spraying)', async () => {
		const key = await clientKeyOf(database.db, '192.0.2.77');
		const now = new Date();
		const outcomes: number[] = [];
		for (let i = 0; i < RULES.login_client.free + 3; i += 1) {
			const result = await logIn(database.db, { username: `nobody${i}`, password: 'password1' }, key, now);
			outcomes.push(result.ok ? 200 : result.status);
		}
		expect(outcomes.slice(0, RULES.login_client.free)).toEqual(Array(RULES.login_client.free).fill(400));
		expect(outcomes.slice(RULES.login_client.free)).toEqual([429, 429, 429]);
		// Another client is not affected.
		const other = await clientKeyOf(database.db, '192.0.2.78');
		expect(await logIn(database.db, { username: 'nobody0', password: 'password1' }, other, now)).toMatchObject({
			status: 400
		});
	});

	it('throttles sign-ups per client', async () => {
		const key = await clientKeyOf(database.db, '192.0.2.200');
		const now = new Date();
		const statuses: number[] = [];
		for (let i = 0; i < RULES.signup_client.free + 1; i += 1) {
			const result = await signUp(database.db, { username: `newbie${i}`, password: PASSWORD }, key, now);
			statuses.push(result.ok ? 200 : result.status);
		}
		expect(statuses).toEqual([...Array(RULES.signup_client.free).fill(200), 429]);
	});

	it('changes a password: checks the current one, applies the policy, ends every session', async () => {
		const user = await createUser(database.db);
		const key = await clientKeyOf(database.db, '192.0.2.30');
		const sessions = await Promise.all([1, 2].map(() => createSession(database.db, user.id)));
		expect(
			await changePassword(
				database.db,
				user.id,
				{ currentPassword: 'not it at all', newPassword: 'a new long passphrase' },
				key
			)
		).toMatchObject({ status: 400, fields: { currentPassword: 'account.error.currentPasswordWrong' } });
		expect(
			await changePassword(database.db, user.id, { currentPassword: user.password, newPassword: 'password123' }, key)
		).toMatchObject({ status: 400, fields: { newPassword: 'account.error.passwordCommon' } });
		for (const { token } of sessions) expect((await validateSessionToken(database.db, token)).session).not.toBeNull();
		const done = await changePassword(
			database.db,
			user.id,
			{ currentPassword: user.password, newPassword: 'a new long passphrase' },
			key
		);
		expect(done).toEqual({ ok: true, sessionsEnded: 2 });
		for (const { token } of sessions) expect((await validateSessionToken(database.db, token)).session).toBeNull();
		expect(await logIn(database.db, { username: user.username, password: user.password }, key)).toMatchObject({
			status: 400
		});
		expect(await logIn(database.db, { username: user.username, password: 'a new long passphrase' }, key)).toMatchObject(
			{ ok: true }
		);
	});

	it('keeps no client address: client keys are HMACs under a key of the day, older keys deleted', async () => {
		const today = new Date();
		const tomorrow = new Date(today.getTime() + 86_400_000);
		const a = await clientKeyOf(database.db, '203.0.113.5', today);
		expect(await clientKeyOf(database.db, '203.0.113.5', today)).toEqual(a);
		expect(await clientKeyOf(database.db, '203.0.113.6', today)).not.toEqual(a);
		const b = await clientKeyOf(database.db, '203.0.113.5', tomorrow);
		expect(b).not.toEqual(a);
		const days = await database.db.selectFrom('client_keys').select('day').execute();
		expect(days.map((row) => row.day)).toEqual([tomorrow.toISOString().slice(0, 10)]);
		const throttle = await database.db.selectFrom('login_throttle').selectAll().execute();
		expect(JSON.stringify(throttle)).not.toMatch(/203\.0\.113|198\.51\.100|192\.0\.2/);
	});
});
