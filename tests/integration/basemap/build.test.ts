/**
 * `npm run basemap` for another city: Monaco's real OpenStreetMap extract through tilemaker
 * (its OpenMapTiles profile) into a PMTiles archive whose tiles the reference decoder reads with
 * named roads and which the app's basemap server serves; and a box cut out of a larger archive
 * over HTTP with range requests, as from a planet build. (No database: the build is a file
 * operation; it sits with the integration tests because it runs real external tools.)
 */
import fs from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BasemapArchive } from '../../../src/lib/server/basemap/archive';
import { tileOf } from '../../../src/lib/geo/earth';
import { buildFromOsm, cutArchive, parseBbox } from '../../../src/lib/server/basemap/build';
import { GlyphFolder } from '../../../src/lib/server/basemap/glyphs';
import { BasemapServer } from '../../../src/lib/server/basemap/server';
import { serveStatic } from '../../support/static-server';

/** The project's copy of OpenStreetMap's Monaco extract (seeds/data/SOURCES.md). */
const MONACO_PBF = path.resolve('seeds/data/monaco-latest.osm.pbf');
const BELGRADE = path.resolve('basemap/belgrade.pmtiles');

let folder: string;
beforeAll(() => {
	folder = fs.mkdtempSync(path.join(os.tmpdir(), 'nadzor-basemap-build-'));
});
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

function roadNames(bytes: Uint8Array): string[] {
	const tile = new VectorTile(new PbfReader(bytes));
	const names: string[] = [];
	for (const layer of ['transportation_name', 'transportation_name_detail']) {
		const found = tile.layers[layer];
		for (let i = 0; i < (found?.length ?? 0); i++) {
			const name = found.feature(i).properties['name:latin'] ?? found.feature(i).properties.name;
			if (typeof name === 'string') names.push(name);
		}
	}
	return names;
}

describe('npm run basemap', () => {
	it(
		'builds Monaco from its OpenStreetMap extract with tilemaker, with named roads',
		{ timeout: 180_000 },
		async () => {
			const out = path.join(folder, 'monaco.pmtiles');
			const result = buildFromOsm(MONACO_PBF, out);
			expect(result.tiles).toBeGreaterThan(5);
			const archive = await BasemapArchive.open(out);
			try {
				expect(archive.info.maxzoom).toBe(14);
				// Monte-Carlo, Boulevard des Moulins.
				const [x, y] = tileOf(7.4236, 43.7396, 14);
				const stored = (await archive.tile(14, x, y))!;
				expect(stored.gzip).toBe(true);
				const tile = new VectorTile(new PbfReader(gunzipSync(stored.bytes)));
				expect(tile.layers.transportation.length).toBeGreaterThan(20);
				expect(tile.layers.building.length).toBeGreaterThan(20);
				const names = roadNames(gunzipSync(stored.bytes));
				expect(names.length).toBeGreaterThan(5);
				expect(names.some((name) => /Boulevard|Avenue|Rue/.test(name))).toBe(true);

				// The app's basemap server serves it as it serves Belgrade.
				const server = new BasemapServer({ archive, fonts: new GlyphFolder('basemap/fonts'), cacheBytes: 1 << 20 });
				const url = new URL(`http://localhost/basemap/latin/14/${x}/${y}.mvt?v=${archive.info.version}`);
				const response = await server.respond(`latin/14/${x}/${y}.mvt`, url, new Headers(), 'en');
				expect(response.headers.get('cache-control')).toContain('immutable');
				expect(roadNames(new Uint8Array(await response.arrayBuffer()))).toEqual(names);
			} finally {
				await archive.close();
			}
		}
	);

	it('cuts a box out of a larger archive over HTTP with range requests', { timeout: 60_000 }, async () => {
		const ranges: string[] = [];
		const host: http.Server = await serveStatic(path.dirname(BELGRADE), 0);
		host.on('request', (request: http.IncomingMessage) => ranges.push(request.headers.range ?? 'none'));
		try {
			const port = (host.address() as AddressInfo).port;
			const out = path.join(folder, 'terazije.pmtiles');
			const bbox = parseBbox('20.455,44.808,20.466,44.816');
			const result = await cutArchive(`http://127.0.0.1:${port}/belgrade.pmtiles`, bbox, out);
			expect(result.tiles).toBeGreaterThan(14);
			expect(ranges.length).toBeGreaterThan(1);
			expect(ranges.every((range) => /^bytes=\d+-\d+$/.test(range))).toBe(true);
			// Far less than the whole archive was read.
			const read = ranges.reduce((sum, range) => {
				const [start, end] = range.slice(6).split('-').map(Number);
				return sum + end - start + 1;
			}, 0);
			expect(read).toBeLessThan(fs.statSync(BELGRADE).size / 4);

			const cut = await BasemapArchive.open(out);
			const whole = await BasemapArchive.open(BELGRADE);
			try {
				expect(cut.info.bounds).toEqual(bbox);
				const [x, y] = tileOf(20.4606, 44.8129, 14);
				expect((await cut.tile(14, x, y))!.bytes.equals((await whole.tile(14, x, y))!.bytes)).toBe(true);
				// Outside the box: not in the cut.
				expect(await cut.tile(14, x + 5, y)).toBeUndefined();
			} finally {
				await cut.close();
				await whole.close();
			}
		} finally {
			await new Promise((resolve) => host.close(resolve));
		}
	});

	it('refuses a box that is not W,S,E,N', () => {
		expect(() => parseBbox('20.5,44.8,20.4,44.9')).toThrow(/W,S,E,N/);
		expect(() => parseBbox('a,b,c,d')).toThrow(/W,S,E,N/);
	});
});
