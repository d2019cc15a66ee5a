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
import { expect, test as base, type Frame, type Page } from '@playwright/test';
import { checkerboardJpeg } from '../photo-detail';
import { MODERATOR } from './accounts';

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

/** Terazije, central Belgrade: streets and names in every direction. */
const TERAZIJE = { lat: 44.8129, lng: 20.4606 };
const CYRILLIC = /[\u0400-\u04ff]/;
const locales = ['en', 'sr-Latn', 'sr-Cyrl'] as const;

test.beforeEach(async ({ page }) => {
	await page.addInitScript(() => {
		window.__nadzorTestHooks = true;
	});
});

/** Moves the map over Terazije at zoom 16 and returns the basemap's roads and labels once drawn. */
async function streetsDrawn(page: Page | Frame) {
	await page.waitForFunction(() => Boolean(window.__nadzorMap?.loaded()));
	await page.evaluate(({ lat, lng }) => window.__nadzorMap!.jumpTo({ center: [lng, lat], zoom: 16 }), TERAZIJE);
	const read = () =>
		page.evaluate(() => {
			const map = window.__nadzorMap!;
			if (!map.loaded() || !map.areTilesLoaded() || map.isMoving()) return { roads: 0, labels: [] as string[] };
			const labels = map
				.queryRenderedFeatures({ layers: ['streets-road-name'] })
				.map((feature) => String(feature.properties['name:latin'] ?? feature.properties.name ?? ''))
				.filter(Boolean);
			return { roads: map.queryRenderedFeatures({ layers: ['streets-road'] }).length, labels };
		});
	await expect.poll(async () => (await read()).labels.length, { timeout: 30_000 }).toBeGreaterThan(0);
	const drawn = await read();
	expect(drawn.roads).toBeGreaterThan(10);
	return drawn;
}

function expectScript(labels: string[], locale: (typeof locales)[number]) {
	if (locale === 'sr-Cyrl') {
		expect(
			labels.some((name) => CYRILLIC.test(name)),
			labels.join(', ')
		).toBe(true);
	} else {
		expect(
			labels.filter((name) => CYRILLIC.test(name)),
			'names left in Cyrillic'
		).toEqual([]);
		expect(labels.some((name) => /[A-Za-zčćšžđ]/.test(name))).toBe(true);
	}
}

for (const locale of locales) {
	test(`the home map draws streets with their names (${locale})`, async ({ page }) => {
		await page.goto(`/?lang=${locale}#map=16/${TERAZIJE.lat}/${TERAZIJE.lng}`);
		expectScript((await streetsDrawn(page)).labels, locale);
		await expect(page.locator('.maplibregl-ctrl-attrib')).toContainText('OpenStreetMap contributors');
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
	});
}

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
