import { describe, expect, it } from 'vitest';
import { formatViewHash, parseViewHash } from '../../../src/lib/geo/permalink';

describe('map permalink', () => {
	it('round-trips a view', () => {
		const hash = formatViewHash({ zoom: 15.5, lat: 44.81535, lng: 20.46041 });
		expect(hash).toBe('#map=15.5/44.81535/20.46041');
		expect(parseViewHash(hash)).toEqual({ zoom: 15.5, lat: 44.81535, lng: 20.46041 });
	});
	it('uses fewer decimals at low zoom', () => {
		expect(formatViewHash({ zoom: 3, lat: 44.81535, lng: 20.46041 })).toBe('#map=3/44.8/20.5');
	});
	it.each(['', '#', '#map=', '#map=a/b/c', '#map=12/95/20', '#map=12/44/200', '#map=30/44/20', '#other=1/2/3'])(
		'rejects %j',
		(hash) => {
			expect(parseViewHash(hash)).toBeUndefined();
		}
	);
});
