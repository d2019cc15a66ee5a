import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { form, startApp, type TestApp } from '../app';
import { testBackend } from '../harness';
import { createUser } from '../../support/factories';

/** With an https ORIGIN (production behind a TLS proxy) the cookie is `__Host-session`, Secure. */
describe(`session cookie in production, built app (${testBackend()})`, () => {
	let app: TestApp;
	beforeAll(async () => {
		app = await startApp({ origin: 'https://nadzor.example' });
	});
	afterAll(() => app?.close());

	it('is __Host-session: Secure, HttpOnly, SameSite=Lax, Path=/, no Domain, max-age of the session', async () => {
		const user = await createUser(app.db);
		const { body, headers } = form({ username: user.username, password: user.password });
		const reply = await app.request('/login', { method: 'POST', body, headers: { ...headers, origin: app.origin } });
		expect(reply.status).toBe(303);
		expect(reply.cookies.session).toBeUndefined();
		const cookie = reply.cookies['__Host-session'];
		const attributes = cookie.attributes.toLowerCase().split('; ');
		expect(attributes.sort()).toEqual(['httponly', `max-age=${30 * 86_400}`, 'path=/', 'samesite=lax', 'secure']);
		expect((await app.request('/account', { headers: { cookie: `__Host-session=${cookie.value}` } })).status).toBe(200);
		// The development name is not read in production.
		expect((await app.request('/account', { headers: { cookie: `session=${cookie.value}` } })).status).toBe(303);
	});

	it('checks Origin against the configured https origin', async () => {
		const { body, headers } = form({ username: 'someone', password: 'something long' });
		const plain = await app.request('/login', {
			method: 'POST',
			body,
			headers: { ...headers, origin: 'http://nadzor.example' }
		});
		expect(plain.status).toBe(403);
	});
});
