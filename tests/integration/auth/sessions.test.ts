import { encodeHexLowerCase } from '@oslojs/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db';
import {
	ABSOLUTE_LIFETIME_MS,
	ACTIVITY_CHECK_INTERVAL_MS,
	createSession,
	deleteExpiredSessions,
	INACTIVITY_TIMEOUT_MS,
	invalidateSession,
	invalidateUserSessions,
	listUserSessions,
	validateSessionToken
} from '../../../src/lib/server/auth/session';
import * as users from '../../../src/lib/server/auth/repository';
import { testBackend, testDatabase } from '../harness';
import { createUser } from '../../support/factories';

const DAY = 86_400_000;
const at = (start: Date, ms: number) => new Date(start.getTime() + ms);

describe(`sessions (${testBackend()})`, () => {
	let database: Database;
	beforeAll(async () => {
		database = await testDatabase();
	});
	afterAll(() => database?.close());

	it('issues a random 160-bit id and secret, and stores only the id and SHA-256 of the secret', async () => {
		const user = await createUser(database.db);
		const { token, session } = await createSession(database.db, user.id);
		const [id, secret] = token.split('.');
		expect(id).toMatch(/^[a-z2-7]{32}$/);
		expect(secret).toMatch(/^[a-z2-7]{32}$/);
		expect(session.id).toBe(id);
		const row = await database.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
		const stored = JSON.stringify({ ...row, secret_hash: encodeHexLowerCase(row.secret_hash) });
		expect(stored).not.toContain(secret);
		const other = await createSession(database.db, user.id);
		expect(other.token).not.toBe(token);
	});

	it('validates a token and reads the role from the database on every validation', async () => {
		const user = await createUser(database.db, { role: 'moderator' });
		const { token } = await createSession(database.db, user.id);
		const first = await validateSessionToken(database.db, token);
		expect(first.user).toEqual({ id: user.id, username: user.username, role: 'moderator' });
		// A demoted moderator loses the role on the very next request.
		await users.setRole(database.db, user.id, 'contributor');
		expect((await validateSessionToken(database.db, token)).user?.role).toBe('contributor');
	});

	it('refuses a token whose secret is wrong by a single character, and malformed tokens', async () => {
		const user = await createUser(database.db);
		const { token } = await createSession(database.db, user.id);
		const last = token.at(-1) === 'a' ? 'b' : 'a';
		for (const bad of [token.slice(0, -1) + last, token.split('.')[0], `${token}.x`, '', token.toUpperCase()]) {
			expect((await validateSessionToken(database.db, bad)).session).toBeNull();
		}
		expect((await validateSessionToken(database.db, token)).session).not.toBeNull();
	});

	it('holds no usable token: no value stored in the sessions table works as a cookie', async () => {
		const user = await createUser(database.db);
		const tokens = await Promise.all([1, 2, 3].map(() => createSession(database.db, user.id)));
		const rows = await database.db.selectFrom('sessions').selectAll().execute();
		expect(rows.length).toBeGreaterThanOrEqual(3);
		const candidates = new Set<string>();
		for (const row of rows) {
			const values = Object.values(row).map((value) =>
				value instanceof Uint8Array
					? encodeHexLowerCase(value)
					: value instanceof Date
						? value.toISOString()
						: String(value)
			);
			for (const value of values) candidates.add(value);
			// Every pairing of two stored values as "<id>.<secret>", too.
			for (const a of values) for (const b of values) candidates.add(`${a}.${b}`);
			candidates.add(`${row.id}.${encodeHexLowerCase(row.secret_hash)}`);
		}
		let accepted = 0;
		for (const candidate of candidates) {
			if ((await validateSessionToken(database.db, candidate)).session) accepted += 1;
		}
		expect(candidates.size).toBeGreaterThan(rows.length * 6);
		expect(accepted).toBe(0);
		// ...while the real tokens, which only the browsers hold, still work.
		for (const { token } of tokens) expect((await validateSessionToken(database.db, token)).session).not.toBeNull();
	});

	it('slides the inactivity deadline at most once a day', async () => {
		const user = await createUser(database.db);
		const start = new Date('2031-01-01T00:00:00Z');
		const { token } = await createSession(database.db, user.id, start);
		const soon = await validateSessionToken(database.db, token, at(start, ACTIVITY_CHECK_INTERVAL_MS - 1000));
		expect(soon.refreshed).toBe(false);
		expect(soon.session?.lastVerifiedAt).toEqual(start);
		const nextDay = at(start, ACTIVITY_CHECK_INTERVAL_MS);
		const later = await validateSessionToken(database.db, token, nextDay);
		expect(later.refreshed).toBe(true);
		expect(later.session?.idleExpiresAt).toEqual(at(nextDay, INACTIVITY_TIMEOUT_MS));
	});

	it('ends a session after 30 days without use (injected clock)', async () => {
		const user = await createUser(database.db);
		const start = new Date('2031-02-01T00:00:00Z');
		const { token } = await createSession(database.db, user.id, start);
		expect(
			(await validateSessionToken(database.db, token, at(start, INACTIVITY_TIMEOUT_MS - 1000))).session
		).not.toBeNull();
		// That use moved the deadline: 30 days from it, not from the start.
		const used = at(start, INACTIVITY_TIMEOUT_MS - 1000);
		expect(
			(await validateSessionToken(database.db, token, at(used, INACTIVITY_TIMEOUT_MS - 1000))).session
		).not.toBeNull();
		const idle = at(at(used, INACTIVITY_TIMEOUT_MS - 1000), INACTIVITY_TIMEOUT_MS);
		expect((await validateSessionToken(database.db, token, idle)).session).toBeNull();
		// Met expired, it was deleted.
		expect(
			await database.db.selectFrom('sessions').select('id').where('id', '=', token.split('.')[0]).execute()
		).toEqual([]);
	});

	it('ends a session 90 days after it began however active it is (injected clock)', async () => {
		const user = await createUser(database.db);
		const start = new Date('2031-03-01T00:00:00Z');
		const { token } = await createSession(database.db, user.id, start);
		for (let day = 1; day < 90; day += 1) {
			const now = at(start, day * DAY);
			expect((await validateSessionToken(database.db, token, now)).session, `day ${day}`).not.toBeNull();
		}
		const last = await validateSessionToken(database.db, token, at(start, ABSOLUTE_LIFETIME_MS - 1000));
		expect(last.session?.idleExpiresAt).toEqual(at(start, ABSOLUTE_LIFETIME_MS));
		expect((await validateSessionToken(database.db, token, at(start, ABSOLUTE_LIFETIME_MS))).session).toBeNull();
	});

	it('invalidates one session, all of a user, or all but one', async () => {
		const user = await createUser(database.db);
		const other = await createUser(database.db);
		const [a, b, c] = await Promise.all([1, 2, 3].map(() => createSession(database.db, user.id)));
		const theirs = await createSession(database.db, other.id);
		await invalidateSession(database.db, a.session.id);
		expect((await validateSessionToken(database.db, a.token)).session).toBeNull();
		expect((await listUserSessions(database.db, user.id)).map((s) => s.id).sort()).toEqual(
			[b.session.id, c.session.id].sort()
		);
		expect(await invalidateUserSessions(database.db, user.id, c.session.id)).toBe(1);
		expect((await validateSessionToken(database.db, b.token)).session).toBeNull();
		expect((await validateSessionToken(database.db, c.token)).session).not.toBeNull();
		expect(await invalidateUserSessions(database.db, user.id)).toBe(1);
		expect((await validateSessionToken(database.db, c.token)).session).toBeNull();
		expect((await validateSessionToken(database.db, theirs.token)).session).not.toBeNull();
	});

	it('deletes expired sessions in housekeeping', async () => {
		const user = await createUser(database.db);
		const old = await createSession(database.db, user.id, new Date('2020-01-01T00:00:00Z'));
		const fresh = await createSession(database.db, user.id);
		expect(await deleteExpiredSessions(database.db)).toBeGreaterThanOrEqual(1);
		const ids = (await database.db.selectFrom('sessions').select('id').execute()).map((row) => row.id);
		expect(ids).not.toContain(old.session.id);
		expect(ids).toContain(fresh.session.id);
	});

	it('deletes the sessions of a deleted user', async () => {
		const user = await createUser(database.db);
		const { token } = await createSession(database.db, user.id);
		await database.db.deleteFrom('users').where('id', '=', user.id).execute();
		expect((await validateSessionToken(database.db, token)).session).toBeNull();
	});
});
