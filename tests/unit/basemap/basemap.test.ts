/**
 * The street basemap served from the archive that ships with the project (basemap/): tiles as
 * the reference decoder reads them, names in either script, HTTP caching, glyphs, and what a bad
 * address or a bad archive gets.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArchiveError, BasemapArchive } from '../../../src/lib/server/basemap/archive';
import { emptyGlyphs, GlyphFolder, parseRange } from '../../../src/lib/server/basemap/glyphs';
import { latinTile } from '../../../src/lib/server/basemap/latin';
import { BasemapServer, parseBasemapRequest } from '../../../src/lib/server/basemap/server';
import { clipLine, streetsAround } from '../../../src/lib/server/basemap/surroundings';
import { builtInStyle, OSM_ATTRIBUTION } from '../../../src/lib/components/map/style';
import { embedStyle } from '../../../src/lib/embed/style';

const ARCHIVE = path.resolve('basemap/belgrade.pmtiles');
const FONTS = path.resolve('basemap/fonts');
/** The tile of Terazije, central Belgrade, at zoom 14. */
const CENTRE = { z: 14, x: 9123, y: 5905 };
const origin = 'http://localhost';

let archive: BasemapArchive;
let server: BasemapServer;

beforeAll(async () => {
	archive = await BasemapArchive.open(ARCHIVE);
	server = new BasemapServer({ archive, fonts: new GlyphFolder(FONTS), cacheBytes: 8 * 1024 * 1024 });
});
afterAll(() => archive.close());

const get = (address: string, headers: Record<string, string> = {}) => {
	const url = new URL(address, origin);
	return server.respond(decodeURIComponent(url.pathname).replace(/^\/basemap\//, ''), url, new Headers(headers), 'en');
};

function decode(bytes: Uint8Array) {
	return new VectorTile(new PbfReader(bytes));
}

function names(tile: VectorTile, layer: string): string[] {
	const found = tile.layers[layer];
	const out: string[] = [];
	for (let i = 0; i < (found?.length ?? 0); i++) {
		const name = found.feature(i).properties['name:latin'];
		if (typeof name === 'string') out.push(name);
	}
	return out;
}

describe('basemap tiles', () => {
	it('serves the archive tile as stored, with roads and Cyrillic street names', async () => {
		const url = `/basemap/tiles/${CENTRE.z}/${CENTRE.x}/${CENTRE.y}.mvt?v=${archive.info.version}`;
		const response = await get(url, { 'accept-encoding': 'gzip' });
		expect(response.status).toBe(200);
		expect(response.headers.get('content-encoding')).toBe('gzip');
		expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
		const tile = decode(gunzipSync(Buffer.from(await response.arrayBuffer())));
		expect(tile.layers.transportation.length).toBeGreaterThan(100);
		expect(tile.layers.building.length).toBeGreaterThan(100);
		const streets = names(tile, 'transportation_name');
		expect(streets).toContain('Теразије');
		expect(streets.every((name) => !/[A-Za-z]/.test(name) || /\d/.test(name) || /[\u0400-\u04ff]/.test(name))).toBe(
			true
		);
	});

	it('serves the same tile with its names in Latin script, geometry untouched', async () => {
		const stored = decode(gunzipSync((await archive.tile(CENTRE.z, CENTRE.x, CENTRE.y))!.bytes));
		const response = await get(`/basemap/latin/${CENTRE.z}/${CENTRE.x}/${CENTRE.y}.mvt`);
		expect(response.headers.get('content-encoding')).toBeNull();
		const latin = decode(new Uint8Array(await response.arrayBuffer()));
		const streets = names(latin, 'transportation_name');
		expect(streets).toContain('Terazije');
		expect(streets.some((name) => /[\u0400-\u04ff]/.test(name))).toBe(false);
		for (const layer of Object.keys(stored.layers)) {
			expect(latin.layers[layer].length).toBe(stored.layers[layer].length);
			expect(latin.layers[layer].feature(0).loadGeometry()).toEqual(stored.layers[layer].feature(0).loadGeometry());
		}
		const numbers = latin.layers.housenumber;
		for (let i = 0; i < numbers.length; i++) {
			expect(String(numbers.feature(i).properties.housenumber)).not.toMatch(/[\u0400-\u04ff]/);
		}
	});

	it('leaves a tile without Cyrillic as the same bytes', () => {
		const bytes = new Uint8Array([0x1a, 0x05, 0x0a, 0x03, 0x61, 0x62, 0x63]);
		expect(latinTile(bytes)).toBe(bytes);
	});

	it('answers an ETag and 304, long caching only for the current version', async () => {
		const url = `/basemap/tiles/${CENTRE.z}/${CENTRE.x}/${CENTRE.y}.mvt`;
		const first = await get(url, { 'accept-encoding': 'gzip' });
		expect(first.headers.get('cache-control')).toBe('public, max-age=300');
		const etag = first.headers.get('etag')!;
		expect(etag).toMatch(/^".+-gz"$/);
		const again = await get(`${url}?v=${archive.info.version}`, { 'accept-encoding': 'gzip', 'if-none-match': etag });
		expect(again.status).toBe(304);
		const old = await get(`${url}?v=older`, { 'accept-encoding': 'gzip' });
		expect(old.headers.get('cache-control')).toBe('public, max-age=300');
	});

	it('answers an empty tile outside the archive', async () => {
		const response = await get('/basemap/tiles/14/0/0.mvt');
		expect(response.status).toBe(200);
		expect((await response.arrayBuffer()).byteLength).toBe(0);
	});

	it('describes the tiles in TileJSON with versioned addresses', async () => {
		const body = await (await get('/basemap/latin.json')).json();
		expect(body.tiles).toEqual([`${origin}/basemap/latin/{z}/{x}/{y}.mvt?v=${archive.info.version}`]);
		expect(body.maxzoom).toBe(14);
		expect(body.attribution).toContain('OpenStreetMap contributors');
	});

	it.each([
		['/basemap/tiles/14/9123/x.mvt', 400],
		['/basemap/tiles/-1/0/0.mvt', 400],
		['/basemap/tiles/14/99999/0.mvt', 404],
		['/basemap/tiles/15/18246/11810.mvt', 404],
		['/basemap/tiles/99/0/0.mvt', 404],
		['/basemap/tiles/1/0/0.mvt?v=%3Cscript%3E', 400],
		['/basemap/other/1/0/0.mvt', 404],
		['/basemap/tiles.json/../x', 404],
		['/basemap/fonts/Noto Sans Regular/0-256.pbf', 400],
		['/basemap/fonts/Noto Sans Regular/256-511.png', 400],
		['/basemap/fonts/Noto Sans Regular/99999999-100000254.pbf', 400],
		['/basemap/fonts/Comic Sans/0-255.pbf', 404],
		['/basemap/fonts/..%2F..%2Fetc/0-255.pbf', 404]
	])('answers %s with %i and a message', async (address, status) => {
		const response = await get(address);
		expect(response.status).toBe(status);
		expect((await response.json()).error.message).toMatch(/\w/);
	});
});

describe('basemap glyphs', () => {
	it('serves a glyph range of the first font of the stack it has', async () => {
		const response = await get('/basemap/fonts/Open Sans Bold,Noto Sans Regular/1024-1279.pbf');
		expect(response.status).toBe(200);
		const expected = fs.readFileSync(path.join(FONTS, 'Noto Sans Regular', '1024-1279.pbf'));
		expect(Buffer.from(await response.arrayBuffer()).equals(expected)).toBe(true);
		const compressed = await get('/basemap/fonts/Noto Sans Regular/1024-1279.pbf', { 'accept-encoding': 'gzip' });
		expect(compressed.headers.get('content-encoding')).toBe('gzip');
		expect(gunzipSync(Buffer.from(await compressed.arrayBuffer())).equals(expected)).toBe(true);
	});

	it('answers a range it does not have with an empty glyph set', async () => {
		const response = await get('/basemap/fonts/Noto Sans Regular/65280-65535.pbf');
		expect(response.status).toBe(200);
		const body = Buffer.from(await response.arrayBuffer());
		expect(body.equals(emptyGlyphs('Noto Sans Regular', 65280))).toBe(true);
		// glyphs.proto: fontstack (1) { name (1), range (2) } and no glyph (3).
		const reader = new PbfReader(body);
		const stack: { name?: string; range?: string; glyphs: number } = { glyphs: 0 };
		reader.readFields((tag) => {
			if (tag !== 1) return;
			reader.readMessage((inner) => {
				if (inner === 1) stack.name = reader.readString();
				else if (inner === 2) stack.range = reader.readString();
				else if (inner === 3) stack.glyphs++;
			}, stack);
		}, stack);
		expect(stack).toEqual({ name: 'Noto Sans Regular', range: '65280-65535', glyphs: 0 });
	});

	it('reads only whole ranges', () => {
		expect(parseRange('256-511.pbf')).toEqual({ ok: true, start: 256 });
		expect(parseRange('255-510.pbf')).toEqual({ ok: false });
		expect(parseRange('65536-65791.pbf')).toEqual({ ok: false });
	});
});

describe('a missing or corrupt archive', () => {
	let folder: string;
	beforeAll(() => {
		folder = fs.mkdtempSync(path.join(os.tmpdir(), 'basemap-'));
	});
	afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

	it('is refused with a reason, not a crash', async () => {
		await expect(BasemapArchive.open(path.join(folder, 'none.pmtiles'))).rejects.toThrow(ArchiveError);
		await expect(BasemapArchive.open(path.join(folder, 'none.pmtiles'))).rejects.toThrow('file not found');
		const corrupt = path.join(folder, 'corrupt.pmtiles');
		fs.writeFileSync(corrupt, Buffer.alloc(20_000, 7));
		await expect(BasemapArchive.open(corrupt)).rejects.toThrow(/not a PMTiles v3 archive/);
		const truncated = path.join(folder, 'truncated.pmtiles');
		fs.writeFileSync(truncated, fs.readFileSync(ARCHIVE).subarray(0, 1000));
		await expect(BasemapArchive.open(truncated)).rejects.toThrow(ArchiveError);
	});

	it('leaves the server without streets: tiles 404, glyphs still served', async () => {
		const bare = new BasemapServer({ archive: null, fonts: new GlyphFolder(FONTS), cacheBytes: 0 });
		expect(bare.info).toBeNull();
		const url = new URL('/basemap/tiles/14/9123/5905.mvt', origin);
		const tile = await bare.respond('tiles/14/9123/5905.mvt', url, new Headers(), 'sr-Cyrl');
		expect(tile.status).toBe(404);
		expect((await tile.json()).error.message).toMatch(/[\u0400-\u04ff]/);
		const glyphs = await bare.respond('fonts/Noto Sans Regular/0-255.pbf', url, new Headers(), 'en');
		expect(glyphs.status).toBe(200);
	});
});

describe('parseBasemapRequest', () => {
	it('reads tile, TileJSON and glyph addresses', () => {
		const query = new URLSearchParams('v=abc');
		expect(parseBasemapRequest('latin/3/4/5.mvt', query, 14)).toEqual({
			kind: 'tile',
			script: 'latin',
			z: 3,
			x: 4,
			y: 5,
			version: 'abc'
		});
		expect(parseBasemapRequest('tiles.json', query, 14)).toEqual({ kind: 'tilejson', script: 'tiles' });
		expect(parseBasemapRequest('fonts/Noto Sans Regular/0-255.pbf', query, 14)).toEqual({
			kind: 'glyphs',
			fontstack: 'Noto Sans Regular',
			start: 0
		});
	});
});

describe('the maps’ credits', () => {
	const streets = { version: 'v1', maxzoom: 14, bounds: [20.2, 44.7, 20.6, 44.9] };
	const credits = (style: { sources: Record<string, unknown> }) =>
		Object.values(style.sources)
			.map((source) => (source as { attribution?: string }).attribution)
			.filter(Boolean);

	it('credit OpenStreetMap, not Natural Earth, where the streets are drawn', () => {
		expect(credits(builtInStyle(origin, 'light', { streets }))).toEqual([OSM_ATTRIBUTION]);
		const embed = embedStyle({
			theme: 'dark',
			layers: ['cameras'],
			land: 'land.geojson',
			tiles: () => 'pmtiles://cameras.pmtiles',
			streets: { origin: '.', archive: streets, locale: 'en' }
		});
		expect(credits(embed)).toEqual([OSM_ATTRIBUTION]);
	});

	it('credit Natural Earth on a land-only map', () => {
		expect(credits(builtInStyle(origin, 'light', { streets: null }))).toEqual(['Natural Earth']);
		const embed = embedStyle({ theme: 'light', layers: [], land: 'land.geojson', tiles: () => '' });
		expect(credits(embed)).toEqual(['Natural Earth']);
	});
});

describe('the streets around a camera (its page’s drawing)', () => {
	const view = { halfWidth: 120, halfHeight: 72 };
	/** A camera on Terazije. */
	const camera = { lat: 44.8129, lng: 20.4606 };
	const CYRILLIC = /[\u0400-\u04ff]/;

	it('draws the road lines under the view, in metres from the camera', async () => {
		const drawn = (await streetsAround(server, camera, view, 'en'))!;
		const kinds = drawn.roads.map((road) => road.kind);
		expect(kinds).toContain('major');
		expect(kinds).toContain('minor');
		const points = drawn.roads
			.flatMap((road) => [...road.d.matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)])
			.map((match) => [Number(match[1]), Number(match[2])]);
		expect(points.length).toBeGreaterThan(50);
		// Clipped to the view and its margin; some pass near the camera itself.
		for (const [x, y] of points) {
			expect(Math.abs(x)).toBeLessThanOrEqual(view.halfWidth + 20.05);
			expect(Math.abs(y)).toBeLessThanOrEqual(view.halfHeight + 20.05);
		}
		expect(points.some(([x, y]) => Math.hypot(x, y) < 30)).toBe(true);
	});

	it('names the streets in the reader’s script, each once, running left to right', async () => {
		const latin = (await streetsAround(server, camera, view, 'sr-Latn'))!;
		const cyrillic = (await streetsAround(server, camera, view, 'sr-Cyrl'))!;
		const texts = latin.names.map((name) => name.text);
		expect(texts.length).toBeGreaterThan(2);
		expect(new Set(texts).size).toBe(texts.length);
		expect(texts).toContain('Terazije');
		expect(texts.filter((text) => CYRILLIC.test(text))).toEqual([]);
		expect(cyrillic.names.map((name) => name.text)).toContain('Теразије');
		for (const name of latin.names) {
			const points = [...name.d.matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)].map((match) => [
				Number(match[1]),
				Number(match[2])
			]);
			expect(points[0][0]).toBeLessThanOrEqual(points.at(-1)![0]);
		}
	});

	it('is null without a basemap', async () => {
		const bare = new BasemapServer({ archive: null, fonts: new GlyphFolder(FONTS), cacheBytes: 0 });
		expect(await streetsAround(bare, camera, view, 'en')).toBeNull();
	});

	it('clips a line to a box, piece by piece', () => {
		expect(
			clipLine(
				[
					[-20, 0],
					[0, 0],
					[20, 0],
					[20, 40],
					[0, 40]
				],
				[-10, -10, 30, 10]
			)
		).toEqual([
			[
				[-10, 0],
				[0, 0],
				[20, 0],
				[20, 10]
			]
		]);
		expect(
			clipLine(
				[
					[-20, 20],
					[40, 20]
				],
				[-10, -10, 30, 10]
			)
		).toEqual([]);
	});
});
