/**
 * Response headers on every route of the authorization matrix, anonymous and signed in:
 * a CSP, nosniff, the referrer policy, no framing (except under /embed), and no storing of
 * anything that sets a cookie or depends on the session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { form, startApp, type Reply, type TestApp } from '../integration/app';
import { testBackend } from '../integration/harness';
import { arrange, nextAddress, signIn, type Arranged, type MatrixRequest } from './routes';
import { isEmbedPath } from '../../src/lib/server/embed/framing';

function header(reply: Reply, name: string): string {
	const value = reply.headers[name];
	return Array.isArray(value) ? value.join(', ') : (value ?? '');
}

function directives(csp: string): Map<string, string> {
	return new Map(
		csp
			.split(';')
			.map((part) => part.trim())
			.filter(Boolean)
			.map((part) => {
				const [name, ...values] = part.split(/\s+/);
				return [name.toLowerCase(), values.join(' ')] as const;
			})
	);
}

/** Every header problem of one reply; empty when it is right. */
function problems(request: MatrixRequest, reply: Reply, signedIn: boolean, anonymousBody?: Buffer): string[] {
	const found: string[] = [];
	const csp = header(reply, 'content-security-policy');
	if (!csp) found.push('no Content-Security-Policy');
	if (header(reply, 'x-content-type-options') !== 'nosniff') found.push('no X-Content-Type-Options: nosniff');
	if (header(reply, 'referrer-policy') !== 'strict-origin-when-cross-origin') found.push('wrong Referrer-Policy');
	const pathname = new URL(request.target, 'http://x').pathname;
	const ancestors = directives(csp).get('frame-ancestors');
	if (isEmbedPath(pathname)) {
		// Embeds exist to be framed by other sites.
		if (ancestors === "'none'" || header(reply, 'x-frame-options')) found.push('an embed refuses framing');
	} else {
		if (ancestors !== "'none'") found.push(`frame-ancestors ${ancestors ?? 'missing'}`);
		if (header(reply, 'x-frame-options') !== 'DENY') found.push('no X-Frame-Options: DENY');
	}
	const cache = header(reply, 'cache-control');
	const noStore = /\bno-store\b/.test(cache) && !/\bpublic\b/.test(cache);
	if (reply.headers['set-cookie'] && !noStore) found.push(`sets a cookie with Cache-Control "${cache}"`);
	// Signed in: not stored, unless the answer is exactly what an anonymous visitor gets.
	if (signedIn && !noStore && !(anonymousBody && anonymousBody.equals(reply.raw))) {
		found.push(`depends on the session with Cache-Control "${cache}"`);
	}
	return found.map(
		(problem) => `${signedIn ? 'signed in' : 'anonymous'} ${request.method} ${request.pattern}: ${problem}`
	);
}

describe(`security headers on every route, built app (${testBackend()})`, () => {
	let app: TestApp;
	let arranged: Arranged;

	beforeAll(async () => {
		app = await startApp();
		arranged = await arrange(app);
	});
	afterAll(() => app?.close());

	async function send(request: MatrixRequest, cookie?: string): Promise<Reply> {
		const headers: Record<string, string> = cookie ? { cookie } : {};
		if (request.method === 'GET') return app.request(request.target, { headers, address: nextAddress() });
		// An empty form: every action refuses it with field messages, nothing changes.
		const { body, headers: formHeaders } = form({});
		return app.request(request.target, {
			method: request.method,
			body,
			address: nextAddress(),
			headers: { ...formHeaders, ...headers, origin: app.origin }
		});
	}

	it('every response carries CSP, nosniff, referrer policy, no framing and no caching of sessions', async () => {
		const found: string[] = [];
		const anonymousBodies = new Map<string, Buffer>();
		for (const request of arranged.requests) {
			const reply = await send(request);
			expect(reply.status, `${request.method} ${request.pattern}`).toBeLessThan(500);
			anonymousBodies.set(`${request.method} ${request.target}`, reply.raw);
			found.push(...problems(request, reply, false));
		}
		let cookie = await signIn(app, arranged.admin);
		for (const request of arranged.requests) {
			const reply = await send(request, cookie);
			expect(reply.status, `${request.method} ${request.pattern}`).toBeLessThan(500);
			found.push(...problems(request, reply, true, anonymousBodies.get(`${request.method} ${request.target}`)));
			// Signing out ends the session: sign in again for the rest.
			if (request.method === 'POST' && request.pattern === '/logout') cookie = await signIn(app, arranged.admin);
		}
		expect(found).toEqual([]);
		expect(arranged.requests.length).toBeGreaterThanOrEqual(20);
	});

	it('the log-in answer that sets the session cookie is not stored', async () => {
		const { body, headers } = form(arranged.admin);
		const reply = await app.request('/login', {
			method: 'POST',
			body,
			address: nextAddress(),
			headers: { ...headers, origin: app.origin }
		});
		expect(reply.status).toBe(303);
		expect(reply.cookies.session?.value).toBeTruthy();
		expect(header(reply, 'cache-control')).toBe('private, no-store');
	});

	it('a public, cacheable answer that sets a cookie (?lang=) is not stored either', async () => {
		const reply = await app.request('/api/v1/areas.geojson?lang=en', { address: nextAddress() });
		expect(reply.status).toBe(200);
		expect(reply.cookies.lang?.value).toBe('en');
		expect(header(reply, 'cache-control')).toBe('private, no-store');
		const plain = await app.request('/api/v1/areas.geojson', { address: nextAddress() });
		expect(header(plain, 'cache-control')).toMatch(/^public/);
	});

	it('error pages and unknown paths carry the headers too', async () => {
		for (const target of ['/no/such/page', '/api/v1/no-such-endpoint', '/cameras/not-a-number']) {
			const reply = await app.request(target, { address: nextAddress() });
			expect(reply.status, target).toBe(404);
			expect(problems({ method: 'GET', pattern: target, target }, reply, false)).toEqual([]);
		}
	});
});
