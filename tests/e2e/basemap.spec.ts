/**
 * Every map stands on the app's own street basemap: on the home map, the report picker, an
 * embedded map and the moderation page, roads and street names are drawn (read back with
 * queryRenderedFeatures), with the names in the reader's script — Cyrillic as in the data for
 * sr-Cyrl, transliterated for sr-Latn and English — and nothing is asked of another host (the
 * fixture checks every request).
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test as base } from '@playwright/test';
import { checkerboardJpeg } from '../photo-detail';
import { MODERATOR } from './accounts';
import { exposeMap } from './map-hooks';
import { expectScript, locales, streetsDrawn, TERAZIJE } from './streets';

/**
 * The "other site" an embed lives on: a tiny server on a free port of 127.0.0.1 (another origin
 * than the app's localhost), whose page frames the embed given in its query string.
 */
let hostOrigin = '';
const host = http.createServer((request, response) => {
	const src = new URL(request.url ?? '/', 'http://host').searchParams.get('src') ?? '';
	const attribute = src.replaceAll('&', '&amp;').replaceAll('"', '&quot;');
	response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
	response.end(
		`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>An article</title></head><body>` +
			`<iframe sandbox="allow-scripts allow-popups" src="${attribute}" title="Map" width="360" height="400"></iframe></body></html>`
	);
});

/** As tests/e2e/fixtures.ts: no request leaves the app, except to the "other site" itself. */
const test = base.extend<{ foreignRequests: string[] }>({
	foreignRequests: [
		async ({ page, baseURL }, use) => {
			const foreign: string[] = [];
			page.on('request', (request) => {
				const url = request.url();
				if (url.startsWith('data:') || url.startsWith('blob:')) return;
				const origin = new URL(url).origin;
				if (origin !== new URL(baseURL!).origin && origin !== hostOrigin) foreign.push(url);
			});
			await use(foreign);
			expect(foreign, 'requests to other hosts').toEqual([]);
		},
		{ auto: true }
	]
});

test.beforeAll(async () => {
	await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
	hostOrigin = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
});
test.afterAll(() => new Promise<void>((resolve) => host.close(() => resolve())));

test.beforeEach(({ page }) => exposeMap(page));

for (const locale of locales) {
	test(`the home map draws streets with their names (${locale})`, async ({ page }) => {
		await page.goto(`/?lang=${locale}#map=16/${TERAZIJE.lat}/${TERAZIJE.lng}`);
		expectScript((await streetsDrawn(page)).labels, locale);
		await expect(page.locator('.maplibregl-ctrl-attrib')).toContainText('OpenStreetMap contributors');
		// The streets are OpenStreetMap's: Natural Earth is credited only on a land-only map.
		await expect(page.locator('.maplibregl-ctrl-attrib')).not.toContainText('Natural Earth');
		await expect(page.locator('p.attribution')).toContainText('OpenStreetMap');
		await expect(page.locator('p.attribution')).not.toContainText('Natural Earth');
	});

	test(`the report picker draws streets with their names (${locale})`, async ({ page }) => {
		await page.goto(`/report?lang=${locale}`);
		expectScript((await streetsDrawn(page)).labels, locale);
		await expect(page.locator('.maplibregl-ctrl-attrib')).toContainText('OpenStreetMap contributors');
	});

	test(`an embedded map draws streets with their names (${locale})`, async ({ page, baseURL }) => {
		// As on another site: in a sandboxed frame, with an opaque origin.
		const src = `${baseURL}/embed?lang=${locale}&map=16/${TERAZIJE.lat}/${TERAZIJE.lng}`;
		await page.goto(`${hostOrigin}/?src=${encodeURIComponent(src)}`);
		await expect.poll(() => page.frames().some((frame) => frame.url().startsWith(src))).toBe(true);
		const frame = page.frames().find((candidate) => candidate.url().startsWith(src))!;
		await expect(frame.locator('html')).toHaveAttribute('data-map', 'ready', { timeout: 30_000 });
		expectScript((await streetsDrawn(frame)).labels, locale);
		await expect(frame.locator('.maplibregl-ctrl-attrib')).toContainText('OpenStreetMap contributors');
		await expect(frame.locator('.bar')).toContainText('OpenStreetMap');
		await expect(frame.locator('.bar')).not.toContainText('Natural Earth');
	});
}

test('the area page frames a live map that draws streets', async ({ page }) => {
	// Framed by the app itself, not sandboxed: MapLibre's worker starts from the embed's worker
	// file and runs under that file's own policy, which must let it fetch tiles.
	await page.goto('/areas/stari-grad?lang=sr-Latn');
	const iframe = page.locator('iframe.live');
	await iframe.scrollIntoViewIfNeeded();
	await expect.poll(() => page.frames().some((frame) => frame.url().includes('/embed?area=stari-grad'))).toBe(true);
	const frame = page.frames().find((candidate) => candidate.url().includes('/embed?area=stari-grad'))!;
	await expect(frame.locator('html')).toHaveAttribute('data-map', 'ready', { timeout: 30_000 });
	expectScript((await streetsDrawn(frame)).labels, 'sr-Latn');
});

test('the moderation page draws streets around a report, in each language', async ({ page, request, baseURL }) => {
	const place = { lat: 44.81311, lng: 20.46021 };
	const sent = await request.post('/api/v1/submissions', {
		headers: { origin: baseURL!, 'idempotency-key': randomUUID(), 'accept-language': 'en' },
		multipart: {
			payload: JSON.stringify({ kind: 'new_camera', ...place, camera_type: 'dome' }),
			photos: { name: 'camera.jpg', mimeType: 'image/jpeg', buffer: await checkerboardJpeg() }
		}
	});
	expect(sent.status()).toBe(201);

	await page.goto('/login?lang=en&redirectTo=/moderate');
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Username').fill(MODERATOR.username);
	await page.getByLabel('Password').fill(MODERATOR.password);
	await page.getByRole('button', { name: 'Log in' }).click();
	await expect(page).toHaveURL((url) => url.pathname === '/moderate');
	const row = page.getByTestId('queue-item').filter({ hasText: `${place.lat}, ${place.lng}` });
	await row.first().getByRole('link').first().click();
	await expect(page).toHaveURL(/\/moderate\/[0-9a-f-]{36}/);
	const detail = new URL(page.url()).pathname;

	for (const locale of locales) {
		await page.goto(`${detail}?lang=${locale}`);
		expectScript((await streetsDrawn(page)).labels, locale);
		await expect(page.locator('.maplibregl-ctrl-attrib')).toContainText('OpenStreetMap contributors');
	}
});
