/**
 * The static snapshot (npm run snapshot): every tile of every archive, read back with the
 * `pmtiles` reader, decodes (tests/support/mvt.ts) to the same features as the live
 * /tiles response at the same z/x/y; every candidate left out is empty on the live server.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tileIdToZxy } from 'pmtiles';
import { readArchive } from '../../support/pmtiles';
import { STREET_FONTS } from '../../../src/lib/components/map/style';
import { BasemapArchive } from '../../../src/lib/server/basemap/archive';
import { tileOf } from '../../../src/lib/geo/earth';
import { GlyphFolder } from '../../../src/lib/server/basemap/glyphs';
import { writeSnapshot, type SnapshotSummary } from '../../../src/lib/server/snapshot';
import { planTiles, type LayerPlan } from '../../../src/lib/server/snapshot/tiles';
import { startApp, type TestApp } from '../app';
import { testBackend } from '../harness';
import { decodeTile } from '../../support/mvt';
import { CENTRE, insertDataset } from '../tiles/dataset';

describe(`static snapshot (${testBackend()})`, () => {
	let app: TestApp;
	let out: string;
	let summary: SnapshotSummary;
	let plans: LayerPlan[];
	let archive: BasemapArchive;

	beforeAll(async () => {
		app = await startApp();
		await insertDataset(app.db);
		out = fs.mkdtempSync(path.join(os.tmpdir(), 'nadzor-snapshot-'));
		// Every zoom the live server has (the default stops at 15).
		archive = await BasemapArchive.open(path.resolve('basemap/belgrade.pmtiles'));
		summary = await writeSnapshot({
			db: app.db,
			backend: testBackend(),
			out,
			maxzoom: 16,
			locale: 'en',
			link: app.origin,
			basemap: { archive, fonts: new GlyphFolder(path.resolve('basemap/fonts')) }
		});
		plans = await planTiles(app.db, { maxzoom: 16 });
	}, 120_000);
	afterAll(async () => {
		await app?.close();
		await archive?.close();
		if (out) fs.rmSync(out, { recursive: true, force: true });
	});

	async function live(layer: string, z: number, x: number, y: number): Promise<Buffer> {
		const reply = await app.request(`/tiles/${layer}/${z}/${x}/${y}.mvt`, {
			headers: { 'accept-encoding': 'identity' }
		});
		expect(reply.status).toBe(200);
		return reply.raw;
	}

	it('writes one archive per public layer and a page with its files', () => {
		expect(summary.layers.map((layer) => layer.layer)).toEqual(['cameras', 'fov', 'areas']);
		for (const layer of summary.layers) expect(layer.tiles, layer.layer).toBeGreaterThan(0);
		const files = fs.readdirSync(out).sort();
		expect(files).toEqual([
			'areas.pmtiles',
			'basemap.pmtiles',
			'cameras.pmtiles',
			'fonts',
			'fov.pmtiles',
			'index.html',
			'land.geojson',
			'map.js',
			'maplibre-gl-worker.mjs',
			'maplibre-gl.css',
			'maplibre-gl.mjs',
			'pmtiles.js'
		]);
		const html = fs.readFileSync(path.join(out, 'index.html'), 'utf8');
		expect(html).toContain('pmtiles://cameras.pmtiles');
		expect(html).toContain('© OpenStreetMap contributors');
		expect(html).toContain('pmtiles://basemap.pmtiles');
		expect(html).toContain('"glyphs":"fonts/{fontstack}/{range}.pbf"');
		// The streets are OpenStreetMap's: Natural Earth is credited on a land-only page only.
		expect(html).not.toContain('Natural Earth');
		expect(html).toContain(`href="${app.origin}"`);
		// Every file the page loads is in the folder: no other host, no absolute address.
		for (const [, file] of html.matchAll(/(?:src|href)="([^"]+)"/g)) {
			if (file === app.origin) continue;
			expect(files, file).toContain(file);
		}
	});

	it('copies the street basemap of its box, names in the page’s script, and the glyphs they need', async () => {
		const copied = summary.basemap!;
		expect(copied.tiles).toBeGreaterThan(20);
		expect(copied.maxzoom).toBe(archive.info.maxzoom);
		const snapshot = readArchive(path.join(out, 'basemap.pmtiles'));
		const header = await snapshot.getHeader();
		expect(header.numAddressedTiles).toBe(copied.tiles);
		expect([header.minZoom, header.maxZoom]).toEqual([archive.info.minzoom, archive.info.maxzoom]);
		// The tile under the data's centre at the archive's top zoom: the live server's Latin tile.
		const [x, y] = tileOf(CENTRE.lng, CENTRE.lat, 14);
		const stored = await snapshot.getZxy(14, x, y);
		expect(stored).toBeDefined();
		const tile = decodeTile(new Uint8Array(stored!.data));
		expect(tile.transportation.features.length).toBeGreaterThan(20);
		const names = tile.transportation_name.features.map((feature) => String(feature.properties['name:latin']));
		expect(names.length).toBeGreaterThan(5);
		expect(names.filter((name) => /[\u0400-\u04ff]/.test(name))).toEqual([]);
		const reply = await app.request(`/basemap/latin/14/${x}/${y}.mvt`, { headers: { 'accept-encoding': 'identity' } });
		expect(tile).toEqual(decodeTile(reply.raw));
		// Outside the box: not copied.
		expect(await snapshot.getZxy(14, x + 200, y)).toBeUndefined();

		// Glyphs: every font stack of the style, the ranges of Latin with diacritics (č, š, ž, đ).
		for (const font of STREET_FONTS) {
			const ranges = fs.readdirSync(path.join(out, 'fonts', font));
			expect(ranges, font).toEqual(expect.arrayContaining(['0-255.pbf', '256-511.pbf']));
		}
	});

	it('holds exactly the non-empty tiles, each decoding like the live tile', async () => {
		for (const plan of plans) {
			const archive = readArchive(path.join(out, `${plan.layer}.pmtiles`));
			const header = await archive.getHeader();
			expect(header.clustered).toBe(true);
			let found = 0;
			for (const tileId of plan.tileIds) {
				const [z, x, y] = tileIdToZxy(tileId);
				const stored = await archive.getZxy(z, x, y);
				const served = await live(plan.layer, z, x, y);
				if (stored) {
					found++;
					expect(decodeTile(new Uint8Array(stored.data)), `${plan.layer} ${z}/${x}/${y}`).toEqual(decodeTile(served));
				} else {
					expect(served.length, `${plan.layer} ${z}/${x}/${y} left out`).toBe(0);
				}
			}
			expect(found).toBe(summary.layers.find((layer) => layer.layer === plan.layer)!.tiles);
			expect(header.numAddressedTiles).toBe(found);
		}
	});

	it('leaves nothing out: tiles next to the data are empty on the live server too', async () => {
		// Neighbours of the centre tile at a camera zoom and a cluster zoom, outside the plan.
		for (const z of [10, 15, 16]) {
			const plan = plans.find((entry) => entry.layer === 'cameras')!;
			const planned = new Set(plan.tileIds.map((id) => tileIdToZxy(id).join('/')));
			const n = 2 ** z;
			const cx = Math.floor(((CENTRE.lng + 180) / 360) * n);
			for (const x of [cx - 40, cx + 40]) {
				const y = Math.floor(n / 2 - 1);
				if (planned.has(`${z}/${x}/${y}`)) continue;
				expect((await live('cameras', z, x, y)).length).toBe(0);
			}
		}
	});

	it('restricts the tiles to a box when asked', async () => {
		const all = plans.find((plan) => plan.layer === 'cameras')!.tileIds.length;
		const west = await planTiles(app.db, {
			maxzoom: 16,
			bbox: [CENTRE.lng - 0.05, CENTRE.lat - 0.05, CENTRE.lng, CENTRE.lat + 0.05]
		});
		const some = west.find((plan) => plan.layer === 'cameras')!.tileIds.length;
		expect(some).toBeGreaterThan(0);
		expect(some).toBeLessThan(all);
	});
});
