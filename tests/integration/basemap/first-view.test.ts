/**
 * The first view over HTTP: the map page and the report page link a picture of the view they
 * open at, and /maps/first-view.svg draws those views only (a drawing decodes the basemap tiles
 * under it: any other place is not found, so requests for made-up places cannot keep the server
 * busy), on both backends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCameras } from '../../support/factories';
import { startApp, type TestApp } from '../app';
import { testBackend } from '../harness';

/** The first-view pictures a page links (its <img> and <source> addresses). */
async function pictures(app: TestApp, page: string): Promise<URL[]> {
	const reply = await app.request(page);
	expect(reply.status, page).toBe(200);
	const found = reply.body.match(/\/maps\/first-view\.svg\?[^"\s,]+/g) ?? [];
	return [...new Set(found)].map((address) => new URL(address.replaceAll('&amp;', '&'), app.origin));
}

const path = (url: URL) => `${url.pathname}${url.search}`;

describe(`the first view over HTTP (${testBackend()})`, () => {
	let app: TestApp;
	beforeAll(async () => {
		app = await startApp();
		await createCameras(app.db, [
			{ lng: 20.46, lat: 44.812, source: 'osm' },
			{ lng: 20.461, lat: 44.813, source: 'osm' },
			{ lng: 20.41, lat: 44.845, source: 'osm' }
		]);
	}, 120_000);
	afterAll(() => app?.close());

	it('draws the views the map page and the report page open at', async () => {
		const onMap = await pictures(app, '/');
		const onReport = await pictures(app, '/report');
		expect(onMap.length).toBeGreaterThan(0);
		expect(onReport.length).toBeGreaterThan(0);
		expect(onMap.every((url) => url.searchParams.get('cameras') === '1')).toBe(true);
		for (const url of [...onMap, ...onReport]) {
			const reply = await app.request(path(url));
			expect(reply.status, path(url)).toBe(200);
			expect(reply.headers['content-type'], path(url)).toBe('image/svg+xml');
			expect(reply.body, path(url)).toMatch(/^<svg[^>]* width="\d+" height="\d+"/);
		}
	});

	it('draws no other place, and answers a malformed address with 400', async () => {
		const [map] = await pictures(app, '/');
		const [picker] = await pictures(app, '/report');
		const elsewhere = (url: URL, key: string, value: string) => {
			const moved = new URL(url);
			moved.searchParams.set(key, value);
			return path(moved);
		};
		for (const address of [
			elsewhere(map, 'lat', String(Number(map.searchParams.get('lat')) + 0.01)),
			elsewhere(map, 'lng', '19.84'),
			elsewhere(map, 'z', '12'),
			// The report picker's view is not the map page's, nor the other way round.
			elsewhere(map, 'size', 'picker'),
			elsewhere(picker, 'size', 'map')
		]) {
			expect((await app.request(address)).status, address).toBe(404);
		}
		for (const address of [
			elsewhere(map, 'z', 'far'),
			elsewhere(map, 'size', 'poster'),
			elsewhere(map, 'theme', 'neon'),
			'/maps/first-view.svg'
		]) {
			expect((await app.request(address)).status, address).toBe(400);
		}
	});
});
