import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateSessionToken } from '../../../src/lib/server/auth/session';
import { form, startApp, type Reply, type TestApp } from '../app';
import { testBackend } from '../harness';
import { createUser, PASSWORD } from '../../support/factories';

describe(`sessions over HTTP, built app (${testBackend()})`, () => {
	let app: TestApp;
	beforeAll(async () => {
		app = await startApp();
	});
	afterAll(() => app?.close());

	const post = (path: string, fields: Record<string, string>, cookie?: string, address?: string) => {
		const { body, headers } = form(fields);
		return app.request(path, {
			method: 'POST',
			body,
			address,
			headers: { ...headers, origin: app.origin, ...(cookie ? { cookie: `session=${cookie}` } : {}) }
		});
	};
	const get = (path: string, cookie?: string) =>
		app.request(path, { headers: cookie ? { cookie: `session=${cookie}` } : {} });
	const token = (reply: Reply) => reply.cookies.session?.value;

	it('signs up, sets an httpOnly SameSite=Lax cookie for the whole site, and redirects to the account', async () => {
		const reply = await post('/signup', { username: 'Dragana', password: PASSWORD, email: '' });
		expect(reply.status).toBe(303);
		expect(reply.headers.location).toBe('/account');
		const cookie = reply.cookies.session;
		expect(cookie.value).toMatch(/^[a-z2-7]{32}\.[a-z2-7]{32}$/);
		const attributes = cookie.attributes.toLowerCase().split('; ');
		expect(attributes).toContain('httponly');
		expect(attributes).toContain('samesite=lax');
		expect(attributes).toContain('path=/');
		// Plain HTTP here: no Secure (a browser would drop a Secure cookie over http).
		expect(attributes).not.toContain('secure');
		expect(attributes).toContain(`max-age=${30 * 86_400}`);
		expect(reply.headers['cache-control']).toBe('private, no-store');
		const page = await get('/account', cookie.value);
		expect(page.status).toBe(200);
		expect(page.body).toContain('Dragana');
		expect(page.headers['cache-control']).toBe('private, no-store');
	});

	it('answers with field-level errors in the reader language and stores nothing', async () => {
		const before = await app.db.selectFrom('users').select('id').execute();
		const { body, headers } = form({ username: 'x', password: 'short' });
		const reply = await app.request('/signup?lang=en', {
			method: 'POST',
			body,
			headers: { ...headers, origin: app.origin }
		});
		expect(reply.status).toBe(400);
		expect(reply.body).toContain('Use 3 to 32 letters (a–z), digits, dots, dashes or underscores.');
		expect(reply.body).toContain('aria-invalid="true"');
		expect(await app.db.selectFrom('users').select('id').execute()).toEqual(before);
	});

	it('logs in with a new token every time; a cookie the browser held before is not upgraded', async () => {
		const user = await createUser(app.db);
		const attackerUser = await createUser(app.db);
		// An attacker plants their own valid session, or a made-up token, in the victim's browser.
		const planted = token(await post('/login', { username: attackerUser.username, password: attackerUser.password }))!;
		const madeUp = 'abcdefghijklmnopqrstuvwxyz234567.abcdefghijklmnopqrstuvwxyz234567';
		for (const before of [planted, madeUp]) {
			const reply = await post('/login', { username: user.username, password: user.password }, before);
			expect(reply.status).toBe(303);
			const issued = token(reply)!;
			expect(issued).toBeDefined();
			expect(issued).not.toBe(before);
			expect((await validateSessionToken(app.db, issued)).user?.id).toBe(user.id);
			// The planted token never becomes the victim's session.
			expect((await validateSessionToken(app.db, before)).user?.id).not.toBe(user.id);
		}
		// The planted session was ended by the log-in that replaced it.
		expect((await validateSessionToken(app.db, planted)).session).toBeNull();
	});

	it('refuses a wrong password with one message for a wrong name or password', async () => {
		const user = await createUser(app.db);
		const wrongPassword = await post(
			'/login?lang=en',
			{ username: user.username, password: 'not the password' },
			undefined,
			'192.0.2.50'
		);
		const unknownName = await post(
			'/login?lang=en',
			{ username: 'nobody-here', password: 'not the password' },
			undefined,
			'192.0.2.50'
		);
		for (const reply of [wrongPassword, unknownName]) {
			expect(reply.status).toBe(400);
			expect(reply.body).toContain('The username or the password is wrong.');
			expect(reply.cookies.session).toBeUndefined();
		}
	});

	it('throttles a client with 429 and Retry-After, while the owner logs in from elsewhere', async () => {
		const user = await createUser(app.db);
		const statuses: number[] = [];
		let last: Reply | undefined;
		for (let i = 0; i < 8; i += 1) {
			last = await post('/login', { username: user.username, password: `guess ${i}` }, undefined, '203.0.113.99');
			statuses.push(last.status);
		}
		expect(statuses).toEqual([400, 400, 400, 400, 400, 429, 429, 429]);
		expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
		const owner = await post(
			'/login',
			{ username: user.username, password: user.password },
			undefined,
			'198.51.100.23'
		);
		expect(owner.status).toBe(303);
		expect(token(owner)).toBeDefined();
	});

	it('logs out: the session ends in the database and the cookie is deleted', async () => {
		const user = await createUser(app.db);
		const session = token(await post('/login', { username: user.username, password: user.password }))!;
		expect((await get('/logout', session)).status).toBe(200);
		const reply = await post('/logout', {}, session);
		expect(reply.status).toBe(303);
		expect(reply.cookies.session.value).toBe('');
		expect(reply.cookies.session.attributes.toLowerCase()).toContain('max-age=0');
		expect((await validateSessionToken(app.db, session)).session).toBeNull();
		const after = await get('/account', session);
		expect(after.status).toBe(303);
		expect(after.headers.location).toBe('/login?redirectTo=%2Faccount');
	});

	it('changes the password: every other session ends, this device gets a fresh token', async () => {
		const user = await createUser(app.db);
		const login = () => post('/login', { username: user.username, password: user.password });
		const [here, phone, laptop] = [token(await login())!, token(await login())!, token(await login())!];
		const reply = await post(
			'/account?/changePassword',
			{ currentPassword: user.password, newPassword: 'a brand new passphrase' },
			here
		);
		expect(reply.status).toBe(200);
		const fresh = token(reply)!;
		expect(fresh).toBeDefined();
		expect(fresh).not.toBe(here);
		for (const old of [here, phone, laptop]) expect((await validateSessionToken(app.db, old)).session).toBeNull();
		expect((await validateSessionToken(app.db, fresh)).user?.id).toBe(user.id);
		expect((await get('/account', fresh)).status).toBe(200);
		expect((await get('/account', phone)).status).toBe(303);
	});

	it('lists and revokes own sessions only', async () => {
		const user = await createUser(app.db);
		const other = await createUser(app.db);
		const mine = token(await post('/login', { username: user.username, password: user.password }))!;
		const second = token(await post('/login', { username: user.username, password: user.password }))!;
		const theirs = token(await post('/login', { username: other.username, password: other.password }))!;
		const page = await get('/account', mine);
		const secondId = second.split('.')[0];
		expect(page.body).toContain(secondId);
		expect(page.body).not.toContain(theirs.split('.')[0]);
		// Someone else's session id is refused like an unknown one.
		const refused = await post('/account?/revokeSession', { session: theirs.split('.')[0] }, mine);
		expect(refused.status).toBe(400);
		expect((await validateSessionToken(app.db, theirs)).session).not.toBeNull();
		const revoked = await post('/account?/revokeSession', { session: secondId }, mine);
		expect(revoked.status).toBe(200);
		expect((await validateSessionToken(app.db, second)).session).toBeNull();
		expect((await validateSessionToken(app.db, mine)).session).not.toBeNull();
	});

	it('reads roles from the database on every request: a demoted admin loses access at once', async () => {
		const boss = await createUser(app.db, { role: 'admin' });
		const deputy = await createUser(app.db, { role: 'admin' });
		const bossSession = token(await post('/login', { username: boss.username, password: boss.password }))!;
		const deputySession = token(await post('/login', { username: deputy.username, password: deputy.password }))!;
		expect((await get('/admin/users', deputySession)).status).toBe(200);
		const demote = await post('/admin/users?/setRole', { user: String(deputy.id), role: 'moderator' }, bossSession);
		expect(demote.status).toBe(200);
		expect((await get('/admin/users', deputySession)).status).toBe(403);
		expect((await get('/admin/users/__data.json', deputySession)).body).not.toContain(boss.username);
		// An admin cannot demote themselves (there must be someone left to undo mistakes).
		const self = await post('/admin/users?/setRole', { user: String(boss.id), role: 'contributor' }, bossSession);
		expect(self.status).toBe(400);
		expect(
			(await app.db.selectFrom('users').select('role').where('id', '=', boss.id).executeTakeFirstOrThrow()).role
		).toBe('admin');
	});

	it('keeps protected data out of __data.json without the role', async () => {
		const admin = await createUser(app.db, { role: 'admin' });
		const contributor = await createUser(app.db);
		const contributorSession = token(
			await post('/login', { username: contributor.username, password: contributor.password })
		)!;
		const adminSession = token(await post('/login', { username: admin.username, password: admin.password }))!;
		const allowed = await get('/admin/users/__data.json', adminSession);
		expect(allowed.status).toBe(200);
		expect(allowed.body).toContain(contributor.username);
		for (const denied of [
			await get('/admin/users/__data.json', contributorSession),
			await get('/admin/users/__data.json')
		]) {
			expect(denied.body).not.toContain(contributor.username);
			expect(denied.body).not.toContain(admin.username);
		}
	});
});
