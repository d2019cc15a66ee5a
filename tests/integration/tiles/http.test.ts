/**
 * /tiles/... through the built app: HTTP caching and compression, TileJSON, changes reaching the
 * tiles within seconds, and malformed addresses answered with 4xx, never 5xx.
 */
import { gunzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTile } from '../../support/mvt';
import { tileAt } from '../../support/tiles';
import { startApp, type TestApp } from '../app';
import { createCamera } from '../../support/factories';
import { testBackend } from '../harness';
import { CENTRE, insertDataset } from './dataset';

describe(`tiles over HTTP (${testBackend()})`, () => {
	let app: TestApp;
	const z14 = tileAt(CENTRE.lng, CENTRE.lat, 14);
	const tilePath = `/tiles/cameras/14/${z14.x}/${z14.y}.mvt`;
	beforeAll(async () => {
		app = await startApp();
		await insertDataset(app.db);
	});
	afterAll(() => app?.close());

	it('describes each layer in TileJSON 3.0.0 with versioned, absolute tile URLs', async () => {
		const reply = await app.request('/tiles/cameras.json?type=camera,ALPR&lang=en');
		expect(reply.status).toBe(200);
		const body = JSON.parse(reply.body);
		expect(body.tilejson).toBe('3.0.0');
		expect(body.tiles[0]).toMatch(
			new RegExp(`^${app.origin}/tiles/cameras/\\{z\\}/\\{x\\}/\\{y\\}\\.mvt\\?v=\\d+&type=ALPR,camera$`)
		);
		expect(body.attribution).toContain('OpenStreetMap contributors');
		expect(body.vector_layers.map((layer: { id: string }) => layer.id)).toEqual(['clusters', 'cameras']);
		const [west, south, east, north] = body.bounds;
		expect(west).toBeLessThanOrEqual(CENTRE.lng);
		expect(east).toBeGreaterThanOrEqual(CENTRE.lng);
		expect(south).toBeLessThanOrEqual(CENTRE.lat);
		expect(north).toBeGreaterThanOrEqual(CENTRE.lat);
		const areas = JSON.parse((await app.request('/tiles/areas.json')).body);
		expect(areas.vector_layers[0].fields).toHaveProperty('cameras');
		// The density layer carries the camera filter like the camera layers.
		const density = JSON.parse((await app.request('/tiles/density.json?capability=face_recognition')).body);
		expect(density.tiles[0]).toMatch(
			new RegExp(`^${app.origin}/tiles/density/\\{z\\}/\\{x\\}/\\{y\\}\\.mvt\\?v=\\d+&capability=face_recognition$`)
		);
		expect(density.vector_layers).toEqual([expect.objectContaining({ id: 'density', minzoom: 0, maxzoom: 16 })]);
	});

	it('serves tiles gzipped or plain, with ETag, 304 and a cache policy by data version', async () => {
		const tilejson = JSON.parse((await app.request('/tiles/cameras.json')).body);
		const version = new URL(tilejson.tiles[0].replace(/\{(\w)\}/g, '0')).searchParams.get('v');
		const plain = await app.request(tilePath, { headers: { 'accept-encoding': 'identity' } });
		expect(plain.status).toBe(200);
		expect(plain.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
		expect(plain.headers['content-encoding']).toBeUndefined();
		expect(plain.headers['cache-control']).toBe('public, max-age=5');

		const zipped = await app.request(`${tilePath}?v=${version}`, { headers: { 'accept-encoding': 'gzip, br' } });
		expect(zipped.headers['content-encoding']).toBe('gzip');
		expect(zipped.headers['cache-control']).toMatch(/max-age=86400/);
		expect(zipped.headers.etag).toMatch(/^"[\w-]+-gz"$/);
		expect(zipped.headers.etag).not.toBe(plain.headers.etag);

		const again = await app.request(tilePath, {
			headers: { 'accept-encoding': 'gzip', 'if-none-match': zipped.headers.etag as string }
		});
		expect(again.status).toBe(304);
		expect(again.body).toBe('');
	});

	it('serves valid tiles for every layer', async () => {
		const z8 = tileAt(CENTRE.lng, CENTRE.lat, 8);
		const z13 = tileAt(CENTRE.lng, CENTRE.lat, 13);
		for (const path of [
			tilePath,
			`/tiles/cameras/8/${z8.x}/${z8.y}.mvt`,
			`/tiles/density/8/${z8.x}/${z8.y}.mvt`,
			`/tiles/density/13/${z13.x}/${z13.y}.mvt?type=camera`
		]) {
			const reply = await rawGet(app, path);
			expect(reply.status).toBe(200);
			const layers = readTile(gunzipSync(reply.body));
			expect(layers.length).toBe(1);
			expect(layers[0].features.length).toBeGreaterThan(0);
		}
	});

	it('shows a newly approved camera within 5 seconds', async () => {
		const tile = tileAt(CENTRE.lng, CENTRE.lat, 16);
		const path = `/tiles/cameras/16/${tile.x}/${tile.y}.mvt`;
		const count = async () => {
			const reply = await rawGet(app, path);
			return reply.body.length === 0 ? 0 : (readTile(gunzipSync(reply.body))[0]?.features.length ?? 0);
		};
		const before = await count();
		await createCamera(app.db, { ...CENTRE, source_ref: 'tiles-http-new' });
		const started = Date.now();
		while ((await count()) === before && Date.now() - started < 5000) await new Promise((r) => setTimeout(r, 200));
		expect(await count()).toBe(before + 1);
		expect(Date.now() - started).toBeLessThan(5000);
	});

	it('answers 120 malformed tile addresses with 4xx and a message, never 5xx', async () => {
		const bad = [
			'/tiles/cameras/-1/0/0.mvt',
			'/tiles/cameras/17/0/0.mvt',
			'/tiles/cameras/99999999999/0/0.mvt',
			'/tiles/cameras/1/2/0.mvt',
			'/tiles/cameras/1/0/2.mvt',
			'/tiles/cameras/1.0/0/0.mvt',
			'/tiles/cameras/1e1/0/0.mvt',
			'/tiles/cameras/0x1/0/0.mvt',
			'/tiles/cameras/%201/0/0.mvt',
			'/tiles/cameras/%20/0/0.mvt',
			'/tiles/cameras/%00/0/0.mvt',
			'/tiles/cameras/1/0/0.MVT',
			'/tiles/cameras/1/0/0.pbf',
			'/tiles/cameras/1/0/0',
			'/tiles/cameras/1/0/0.mvt/extra',
			'/tiles/cameras/1/0.mvt',
			'/tiles/cameras.geojson',
			'/tiles/cameras.json/1',
			'/tiles/.json',
			'/tiles/..%2F..%2Fetc%2Fpasswd.json',
			'/tiles/%E2%80%AE.json',
			'/tiles/%ff.json',
			'/tiles/roads/1/0/0.mvt',
			'/tiles/CAMERAS/1/0/0.mvt',
			'/tiles/fov/14/0/0.mvt',
			'/tiles/fov/0/0/0.mvt',
			'/tiles/areas/17/0/0.mvt',
			'/tiles//1/0/0.mvt',
			'/tiles/cameras//0/0.mvt',
			`/tiles/cameras/16/${2 ** 16}/0.mvt`,
			`/tiles/cameras/16/0/${2 ** 16}.mvt`,
			'/tiles/cameras/16/-0/0.mvt',
			'/tiles/cameras/NaN/0/0.mvt',
			'/tiles/cameras/Infinity/0/0.mvt',
			`/tiles/cameras/1/0/0.mvt?type=${'a'.repeat(3000)}`
		];
		const queries = [
			'type=car',
			'type=camera,,ALPR',
			'type=%00',
			'type=camera&type=ALPR',
			'operator=POLICE',
			'operator=police;drop%20table%20cameras',
			'capability=x-ray',
			'capability=face_recognition,',
			'confidence=high',
			'confidence=verified,confirmed',
			'removed=2',
			'removed=true',
			'v=abc',
			'v=-1',
			'v=1.5',
			'v=99999999999999999999',
			'type=%E2%80%AE',
			'operator=%ff',
			"confidence='%20OR%201=1%20--",
			'removed=1&removed=0'
		];
		const targets = [...bad];
		for (const query of queries) {
			targets.push(`/tiles/cameras/10/570/368.mvt?${query}`);
			targets.push(`/tiles/fov/15/18246/11791.mvt?${query}`);
			targets.push(`/tiles/cameras.json?${query}`);
		}
		for (let i = 0; targets.length < 130; i++) targets.push(`/tiles/cameras/${i % 20}/${2 ** (i % 20)}/0.mvt`);
		expect(targets.length).toBeGreaterThanOrEqual(120);
		const failures: string[] = [];
		for (const target of targets) {
			const reply = await app.request(target, { headers: { 'accept-language': 'en' } });
			if (reply.status >= 500 || reply.status < 400) failures.push(`${target}: ${reply.status}`);
		}
		// Only the version check is not an error for the fov/cameras.json targets of `v=...`: TileJSON ignores v.
		expect(failures.filter((line) => !/\.json\?v=/.test(line) || / 5\d\d$/.test(line))).toEqual([]);
		const message = await app.request('/tiles/cameras/1/5/0.mvt', { headers: { 'accept-language': 'en' } });
		expect(JSON.parse(message.body).error.message).toBe('There is no such tile: at zoom 1, x and y run from 0 to 1.');
		const serbian = await app.request('/tiles/cameras/1/0/0.mvt?confidence=high', {
			headers: { 'accept-language': 'sr' }
		});
		expect(JSON.parse(serbian.body).error.message).toContain('confidence mora biti jedno od');
	});

	it('keeps the data version table to one row', async () => {
		const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM tile_data_version`.execute(app.db);
		expect(rows[0].n).toBe(1);
	});
});

/** GET with gzip, keeping the body as bytes (the harness's request() decodes text). */
async function rawGet(app: TestApp, path: string) {
	const reply = await app.request(path, { headers: { 'accept-encoding': 'gzip' } });
	return { status: reply.status, body: reply.raw };
}
