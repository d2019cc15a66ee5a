/**
 * Every map stands on the app's own street basemap: on the home map, the report picker, an
 * embedded map and the moderation page, roads and street names are drawn (read back with
 * queryRenderedFeatures), with the names in the reader's script — Cyrillic as in the data for
 * sr-Cyrl, transliterated for sr-Latn and English — and nothing is asked of another host (the
 * fixture checks every request).
 */
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { checkerboardJpeg } from '../photo-detail';
import { MODERATOR } from './accounts';
import { expect, test } from './fixtures';

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
async function streetsDrawn(page: Page) {
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
		expect(labels.some((name) => CYRILLIC.test(name)), labels.join(', ')).toBe(true);
	} else {
		expect(labels.filter((name) => CYRILLIC.test(name)), 'names left in Cyrillic').toEqual([]);
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

	test(`an embedded map draws streets with their names (${locale})`, async ({ page }) => {
		await page.goto(`/embed?lang=${locale}&map=16/${TERAZIJE.lat}/${TERAZIJE.lng}`);
		await expect(page.locator('html')).toHaveAttribute('data-map', 'ready');
		expectScript((await streetsDrawn(page)).labels, locale);
		await expect(page.locator('.maplibregl-ctrl-attrib')).toContainText('OpenStreetMap contributors');
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
	await expect(page).toHaveURL(/\/moderate\/\d+/);
	const detail = new URL(page.url()).pathname;

	for (const locale of locales) {
		await page.goto(`${detail}?lang=${locale}`);
		expectScript((await streetsDrawn(page)).labels, locale);
		await expect(page.locator('.maplibregl-ctrl-attrib')).toContainText('OpenStreetMap contributors');
	}
});
