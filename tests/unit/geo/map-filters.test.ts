import { describe, expect, it } from 'vitest';
import {
	activeFilterCount,
	formatMapFilters,
	noFilters,
	parseMapFilters,
	tileJsonUrl,
	withMapFilters
} from '../../../src/lib/geo/map-filters';

const parse = (query: string) => parseMapFilters(new URLSearchParams(query));

describe('map filters in the query string', () => {
	it('reads nothing as no filter', () => {
		expect(parse('')).toEqual(noFilters);
		expect(formatMapFilters(noFilters)).toBe('');
	});

	it('round-trips every filter with the contract names', () => {
		const query =
			'type=camera,ALPR&operator=police&capability=face_recognition,plate_reading&confidence=verified&removed=1&biometric=1';
		const filters = parse(query);
		expect(filters).toEqual({
			type: ['camera', 'ALPR'],
			operator: ['police'],
			capability: ['face_recognition', 'plate_reading'],
			confidence: 'verified',
			removed: true,
			biometric: true
		});
		expect(formatMapFilters(filters)).toBe(query);
	});

	it('reads the repeated parameters a plain HTML form sends', () => {
		const filters = parse('type=ALPR&type=camera&capability=face_recognition&removed=on&confidence=reported');
		expect(formatMapFilters(filters)).toBe('type=camera,ALPR&capability=face_recognition&removed=1');
	});

	it('drops unknown values instead of failing', () => {
		expect(parse('type=drone,ALPR&operator=aliens&capability=x-ray&confidence=certain&removed=yes')).toEqual({
			...noFilters,
			type: ['ALPR']
		});
	});

	it('treats every kind chosen as no choice, but not every capability', () => {
		expect(parse('type=camera,ALPR,guard,gunshot_detector').type).toEqual([]);
		expect(parse('operator=police,government,transport,private,unknown').operator).toEqual([]);
		expect(parse('capability=plate_reading,face_recognition').capability).toEqual([
			'face_recognition',
			'plate_reading'
		]);
	});

	it('counts the active filters', () => {
		expect(activeFilterCount(noFilters)).toBe(0);
		expect(activeFilterCount(parse('type=ALPR&confidence=confirmed&removed=1'))).toBe(3);
		expect(activeFilterCount(parse('biometric=1'))).toBe(1);
	});

	it('replaces only its own parameters of an address, keeping the rest and the hash', () => {
		const url = new URL('https://example.org/?lang=en&type=guard&removed=1#map=15/44.8/20.4');
		expect(withMapFilters(url, { ...noFilters, type: ['ALPR'] })).toBe('/?lang=en&type=ALPR#map=15/44.8/20.4');
		expect(withMapFilters(url, noFilters)).toBe('/?lang=en#map=15/44.8/20.4');
		expect(withMapFilters(new URL('https://example.org/'), noFilters)).toBe('/');
	});

	it('builds the TileJSON addresses with the filters', () => {
		expect(tileJsonUrl('https://example.org', 'cameras', parse('type=ALPR&removed=1'))).toBe(
			'https://example.org/tiles/cameras.json?type=ALPR&removed=1'
		);
		expect(tileJsonUrl('https://example.org', 'areas')).toBe('https://example.org/tiles/areas.json');
	});
});
