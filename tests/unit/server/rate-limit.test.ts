import { describe, expect, it } from 'vitest';
import { clientIdentity } from '../../../src/lib/server/rate-limit';

describe('client identity for rate limits', () => {
	it('keeps IPv4 addresses whole, also when IPv4-mapped', () => {
		expect(clientIdentity('203.0.113.7')).toBe('203.0.113.7');
		expect(clientIdentity('::ffff:203.0.113.7')).toBe('203.0.113.7');
		expect(clientIdentity(' 203.0.113.7 ')).toBe('203.0.113.7');
	});

	it('groups IPv6 addresses by their /64 network, however they are written', () => {
		const expected = '2001:db8:4a7f:9c21::/64';
		expect(clientIdentity('2001:db8:4a7f:9c21:1:2:3:4')).toBe(expected);
		expect(clientIdentity('2001:0db8:4a7f:9c21::1')).toBe(expected);
		expect(clientIdentity('[2001:db8:4a7f:9c21::ffff]')).toBe(expected);
		expect(clientIdentity('2001:DB8:4A7F:9C21::1%eth0')).toBe(expected);
		expect(clientIdentity('2001:db8::1')).toBe('2001:db8:0:0::/64');
		expect(clientIdentity('::1')).toBe('0:0:0:0::/64');
		expect(clientIdentity('2001:db8:4a7f:9c22::1')).not.toBe(expected);
	});

	it('passes anything else through, marked', () => {
		expect(clientIdentity('unix-socket')).toBe('other:unix-socket');
	});
});
