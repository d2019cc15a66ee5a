import { describe, expect, it } from 'vitest';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { hashSecret, parseToken, sessionCookieName } from '../../../src/lib/server/auth/session';
import { backoffMs, RULES, throttleKey } from '../../../src/lib/server/auth/throttle';
import { clientIdentity } from '../../../src/lib/server/rate-limit/client-key';

const id = 'abcdefghijklmnopqrstuvwxyz234567';

describe('session tokens', () => {
	it('accepts only <32 base32 chars>.<32 base32 chars>', () => {
		expect(parseToken(`${id}.${id}`)).toEqual({ id, secret: id });
		for (const bad of [
			'',
			id,
			`${id}.`,
			`${id}.${id}.${id}`,
			`${id.toUpperCase()}.${id}`,
			`${id}.${id.slice(1)}`,
			`${id}.${id}1`
		]) {
			expect(parseToken(bad)).toBeNull();
		}
	});
	it('hashes the secret with SHA-256', () => {
		expect(encodeHexLowerCase(hashSecret('abc'))).toBe(
			'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
		);
	});
	it('names the cookie with the __Host- prefix over HTTPS only', () => {
		expect(sessionCookieName(true)).toBe('__Host-session');
		expect(sessionCookieName(false)).toBe('session');
	});
});

describe('throttle', () => {
	it('waits nothing during the free attempts, then doubles up to the cap', () => {
		const rule = RULES.login_pair;
		const waits = Array.from({ length: 20 }, (_, i) => backoffMs(rule, i + 1));
		expect(waits.slice(0, rule.free - 1)).toEqual([0, 0, 0, 0]);
		expect(waits.slice(rule.free - 1, rule.free + 3)).toEqual([1000, 2000, 4000, 8000]);
		expect(Math.max(...waits)).toBe(rule.maxMs);
		expect(backoffMs(rule, 10_000)).toBe(rule.maxMs);
	});
	it('keys a username case-insensitively, separately per bucket and client', () => {
		const a = new Uint8Array(32).fill(1);
		const b = new Uint8Array(32).fill(2);
		const hex = (key: { hash: Uint8Array }) => encodeHexLowerCase(key.hash);
		expect(hex(throttleKey('login_pair', a, 'Ana'))).toBe(hex(throttleKey('login_pair', a, 'ana')));
		expect(hex(throttleKey('login_pair', a, 'ana'))).not.toBe(hex(throttleKey('login_pair', b, 'ana')));
		expect(hex(throttleKey('login_pair', a, 'ana'))).not.toBe(hex(throttleKey('login_pair', a, 'anb')));
		expect(hex(throttleKey('login_client', a))).not.toBe(hex(throttleKey('signup_client', a)));
	});
});

describe('client identity', () => {
	it.each([
		['203.0.113.7', '203.0.113.7'],
		['::ffff:203.0.113.7', '203.0.113.7'],
		['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
		['2001:db8:1:2::9', '2001:db8:1:2::/64'],
		['2001:db8::1', '2001:db8:0:0::/64'],
		['[2001:DB8:0001:0002::1]', '2001:db8:1:2::/64'],
		['fe80::1%eth0', 'fe80:0:0:0::/64'],
		['::1', '0:0:0:0::/64'],
		['not an address', 'other:not an address']
	])('%s → %s', (address, identity) => {
		expect(clientIdentity(address)).toBe(identity);
	});
});
