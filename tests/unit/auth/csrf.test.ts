import { describe, expect, it } from 'vitest';
import { isSameOriginRequest } from '../../../src/lib/server/auth/csrf';

const ORIGIN = 'https://nadzor.example';

describe('same-origin check for state-changing requests', () => {
	const cases: [string, Record<string, string>, boolean][] = [
		['same Origin', { origin: ORIGIN }, true],
		['other Origin', { origin: 'https://evil.example' }, false],
		['other port', { origin: 'https://nadzor.example:8443' }, false],
		['other scheme', { origin: 'http://nadzor.example' }, false],
		['subdomain', { origin: 'https://a.nadzor.example' }, false],
		['Origin with a trailing slash', { origin: `${ORIGIN}/` }, false],
		['opaque Origin "null"', { origin: 'null' }, false],
		['no Origin, Sec-Fetch-Site same-origin', { 'sec-fetch-site': 'same-origin' }, true],
		['no Origin, Sec-Fetch-Site same-site', { 'sec-fetch-site': 'same-site' }, false],
		['no Origin, Sec-Fetch-Site cross-site', { 'sec-fetch-site': 'cross-site' }, false],
		['no Origin, Sec-Fetch-Site none', { 'sec-fetch-site': 'none' }, false],
		['neither header', {}, false],
		[
			'other Origin wins over same-origin fetch metadata',
			{ origin: 'https://evil.example', 'sec-fetch-site': 'same-origin' },
			false
		]
	];
	for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'post']) {
		for (const [name, headers, allowed] of cases) {
			it(`${method} with ${name} → ${allowed ? 'allowed' : 'refused'}`, () => {
				expect(isSameOriginRequest(new Headers(headers), method, ORIGIN)).toBe(allowed);
			});
		}
	}
	describe('a local server under another loopback name', () => {
		const LOCAL = 'http://localhost:3000';
		const loopback: [string, boolean][] = [
			['http://127.0.0.1:3000', true],
			['http://[::1]:3000', true],
			['http://localhost:3000', true],
			['http://127.0.0.1:3001', false],
			['https://127.0.0.1:3000', false],
			['http://127.0.0.2:3000', false],
			['http://localhost.evil.example:3000', false],
			['http://evil.example:3000', false]
		];
		for (const [sent, allowed] of loopback) {
			it(`POST from ${sent} to ${LOCAL} → ${allowed ? 'allowed' : 'refused'}`, () => {
				expect(isSameOriginRequest(new Headers({ origin: sent }), 'POST', LOCAL)).toBe(allowed);
			});
		}
		it('only when the app itself is on a loopback name', () => {
			expect(
				isSameOriginRequest(new Headers({ origin: 'http://127.0.0.1:3000' }), 'POST', 'http://nadzor.lan:3000')
			).toBe(false);
		});
	});
	for (const method of ['GET', 'HEAD', 'OPTIONS']) {
		it(`${method} is never refused`, () => {
			expect(isSameOriginRequest(new Headers({ origin: 'https://evil.example' }), method, ORIGIN)).toBe(true);
		});
	}
});
