/**
 * A map's first view drawn by the server (src/lib/server/basemap/first-view.ts): in the map's
 * pixels around its centre, the streets named in the reader's script, the cameras where the map
 * puts them, and land only without a basemap.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BasemapArchive } from '../../../src/lib/server/basemap/archive';
import { boxOf, FIRST_VIEW_SIZES, firstView, firstViewSvg, pixelOf } from '../../../src/lib/server/basemap/first-view';
import { GlyphFolder } from '../../../src/lib/server/basemap/glyphs';
import { BasemapServer } from '../../../src/lib/server/basemap/server';
import { palettes } from '../../../src/lib/components/map/style';

const FONTS = path.resolve('basemap/fonts');
/** Terazije at the map's street zoom. */
const VIEW = { lat: 44.8129, lng: 20.4606, zoom: 15 };
const camera = (lng: number, lat: number, confidence = 'verified') => ({
	lng,
	lat,
	surveillance_type: 'camera',
	surveillance_zone: 'street',
	camera_type: 'fixed',
	camera_direction: [90],
	confidence
});

let archive: BasemapArchive;
let server: BasemapServer;
beforeAll(async () => {
	archive = await BasemapArchive.open(path.resolve('basemap/belgrade.pmtiles'));
	server = new BasemapServer({ archive, fonts: new GlyphFolder(FONTS), cacheBytes: 8 * 1024 * 1024 });
});
afterAll(() => archive.close());

describe('the first view of a map', () => {
	it('counts in the map’s pixels: 512 × 2^zoom across the world', () => {
		// One pixel at zoom 15 is 360° / (512 · 2^15) of longitude.
		const [x, y] = pixelOf(VIEW, VIEW.lng + 100 * (360 / (512 * 2 ** 15)), VIEW.lat);
		expect(x).toBeCloseTo(100, 6);
		expect(y).toBeCloseTo(0, 6);
		const { width, height } = FIRST_VIEW_SIZES.map;
		const [west, south, east, north] = boxOf(VIEW, FIRST_VIEW_SIZES.map);
		expect(pixelOf(VIEW, west, north)[0]).toBeCloseTo(-width / 2, 6);
		expect(pixelOf(VIEW, west, north)[1]).toBeCloseTo(-height / 2, 6);
		expect(pixelOf(VIEW, east, south)[0]).toBeCloseTo(width / 2, 6);
		expect(pixelOf(VIEW, east, south)[1]).toBeCloseTo(height / 2, 6);
	});

	it('draws the streets with their names in the reader’s script, and the cameras where the map puts them', async () => {
		const east = VIEW.lng + 50 * (360 / (512 * 2 ** 15));
		const phone = FIRST_VIEW_SIZES.phone;
		const latin = await firstView(
			server,
			VIEW,
			'sr-Latn',
			[camera(east, VIEW.lat), camera(VIEW.lng, VIEW.lat, 'reported')],
			phone
		);
		expect(latin.streets!.roads.map((road) => road.kind)).toEqual(expect.arrayContaining(['major', 'minor']));
		expect(latin.streets!.grounds!.map((ground) => ground.kind)).toContain('building');
		expect(latin.streets!.names.map((name) => name.text)).toContain('Terazije');
		expect(latin.cameras[0]).toMatchObject({ x: 50, y: 0, kind: 'camera', confidence: 'verified' });
		expect(latin.cameras[0].fov).toMatch(/^M50 0L/);

		const svg = firstViewSvg(latin, 'light');
		expect(svg).toMatch(
			new RegExp(`^<svg xmlns="http://www.w3.org/2000/svg" width="${phone.width}" height="${phone.height}"`)
		);
		expect(svg).toContain('>Terazije</textPath>');
		expect(svg).toContain(`fill="${palettes.light.kinds.camera}" stroke="${palettes.light.ring}"`);
		// A reported camera: land inside, its kind's colour around.
		expect(svg).toContain(`fill="${palettes.light.land}" stroke="${palettes.light.kinds.camera}"`);
		expect(firstViewSvg(latin, 'dark')).toContain(`fill="${palettes.dark.land}"`);

		const cyrillic = await firstView(server, VIEW, 'sr-Cyrl', [], phone);
		expect(firstViewSvg(cyrillic, 'light')).toContain('>Теразије</textPath>');
	});

	it('is land and cameras only where there is no basemap, as the land-only map', async () => {
		const bare = new BasemapServer({ archive: null, fonts: new GlyphFolder(FONTS), cacheBytes: 0 });
		const drawing = await firstView(bare, VIEW, 'en', [camera(VIEW.lng, VIEW.lat)]);
		expect(drawing.streets).toBeNull();
		const svg = firstViewSvg(drawing, 'light');
		expect(svg).not.toContain('<path id=');
		expect(svg).toContain('<circle cx="0" cy="0"');
	});
});
