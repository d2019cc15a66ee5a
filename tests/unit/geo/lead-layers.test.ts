import { describe, expect, it } from 'vitest';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { LEADS_SOURCE, leadLayers, leadsBox, leadsUrl } from '../../../src/lib/components/map/lead-layers';
import { builtInStyle, type Theme } from '../../../src/lib/components/map/style';
import { parseBBox } from '../../../src/lib/schemas/bbox';

describe('the leads layer', () => {
	it.each<Theme>(['light', 'dark'])('makes a valid MapLibre style in the %s palette', (theme) => {
		const style = builtInStyle('https://example.org', theme, { areas: false });
		style.sources[LEADS_SOURCE] = { type: 'geojson', data: 'https://example.org/leads.geojson' };
		style.layers.push(...leadLayers(theme));
		expect(validateStyleMin(style).map((error) => error.message)).toEqual([]);
	});

	it('asks for the view, cut to a box the endpoint serves', () => {
		expect(leadsBox([20.3, 44.7, 20.6, 44.9])).toEqual([20.3, 44.7, 20.6, 44.9]);
		expect(leadsUrl('http://localhost:3000', [20.3, 44.7, 20.6, 44.9])).toBe(
			'http://localhost:3000/api/v1/leads.geojson?bbox=20.3,44.7,20.6,44.9'
		);
		// Zoomed far out (the whole world, or past the antimeridian): the middle of the view.
		for (const view of [
			[-180, -85, 180, 85],
			[-200, -95, 220, 95],
			[10, 40, 30, 50]
		] as const) {
			const box = leadsBox([...view]);
			expect(parseBBox(box.join(','))).toEqual({ ok: true, bbox: box });
			expect((box[0] + box[2]) / 2).toBeCloseTo(Math.max(-178, Math.min(178, (view[0] + view[2]) / 2)), 3);
		}
	});
});
