import { describe, expect, it } from 'vitest';
import { hexagonWidthMetres, parseMapDisplay, withMapDisplay } from '../../../src/lib/geo/map-display';
import { hexagonSize } from '../../../src/lib/server/tiles/layers';

describe('map display in the address', () => {
	it('reads the density mode and the official list, dropping what it does not know', () => {
		expect(parseMapDisplay(new URLSearchParams('density=hexagons&official=zagreb-2016'))).toEqual({
			density: 'hexagons',
			official: 'zagreb-2016',
			leads: false
		});
		expect(parseMapDisplay(new URLSearchParams('density=heatmap&leads=1'))).toEqual({
			density: 'heatmap',
			official: null,
			leads: true
		});
		expect(parseMapDisplay(new URLSearchParams('density=bars&official=Not%20a%20slug&leads=yes'))).toEqual({
			density: 'off',
			official: null,
			leads: false
		});
	});

	it('writes them next to the filters and the view, leaving the rest alone', () => {
		const url = new URL('http://x/?lang=en&type=ALPR&density=heatmap#map=12/44.8/20.4');
		expect(withMapDisplay(url, { density: 'hexagons', official: null, leads: false })).toBe(
			'/?lang=en&type=ALPR&density=hexagons#map=12/44.8/20.4'
		);
		expect(withMapDisplay(url, { density: 'off', official: 'zagreb-2016', leads: true })).toBe(
			'/?lang=en&type=ALPR&official=zagreb-2016&leads=1#map=12/44.8/20.4'
		);
		expect(
			withMapDisplay(new URL('http://x/?density=heatmap&leads=1'), { density: 'off', official: null, leads: false })
		).toBe('/');
	});

	it('gives the hexagon width the tile server draws, halving with each zoom level', () => {
		for (const z of [0, 5, 12, 16]) {
			expect(hexagonWidthMetres(z + 0.7, 0)).toBeCloseTo(Math.sqrt(3) * hexagonSize(z), 6);
		}
		expect(hexagonWidthMetres(13, 0) / hexagonWidthMetres(14, 0)).toBeCloseTo(2, 10);
		// Ground metres shrink with the latitude; past zoom 16 the tiles are over-zoomed.
		expect(hexagonWidthMetres(14, 60)).toBeCloseTo(hexagonWidthMetres(14, 0) / 2, 6);
		expect(hexagonWidthMetres(18, 0)).toBe(hexagonWidthMetres(16, 0));
	});
});
