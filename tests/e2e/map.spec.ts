/**
 * The public map as a resident uses it, on a phone: cameras from the vector tiles, clusters
 * when zoomed out, filters in the address, the list of cameras in view (the map's text
 * alternative) matching what the map draws, a camera's popup, the permalink, dark mode, and a
 * camera approved by a moderator appearing on an open map without a reload.
 *
 * What the map draws is read through `window.__nadzorMap` (exposed only when the test sets
 * `__nadzorTestHooks` before the page loads).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { MODERATOR } from './accounts';
import { expect, expectNoAxeViolations, test } from './fixtures';
import { exposeMap, settled } from './map-hooks';

const CENTRE = '15/44.8153/20.4604';

test.use({ locale: 'en-GB' });

test.beforeEach(({ page }) => exposeMap(page));

interface Rendered {
	id: number;
	face_recognition: boolean;
	operator_class: string;
	status: string;
}

/** The camera features the map draws now, each once. */
async function renderedCameras(page: Page): Promise<Rendered[]> {
	await settled(page);
	return page.evaluate(() => {
		const byId = new Map<number, Rendered>();
		for (const feature of window.__nadzorMap!.queryRenderedFeatures({ layers: ['nadzor-cameras'] })) {
			const p = feature.properties;
			const id = Number(feature.id ?? p.id);
			byId.set(id, {
				id,
				face_recognition: p.face_recognition === true,
				operator_class: p.operator_class,
				status: p.status
			});
		}
		return [...byId.values()].sort((a, b) => a.id - b.id);
	});
}

async function listedIds(page: Page): Promise<number[]> {
	// The list is in a closed <details> unless someone opened it: hidden, but in the page.
	const links = page
		.getByRole('list', { name: 'Cameras in view', includeHidden: true })
		.getByRole('link', { includeHidden: true });
	const ids = await links.evaluateAll((elements) => elements.map((element) => Number(element.dataset.cameraId)));
	return ids.sort((a, b) => a - b);
}

test('a resident opens the map, sees clusters zoomed out and the cameras zoomed in, and opens one', async ({
	page
}) => {
	await page.goto('/?lang=en');
	await expect(page.getByTestId('map').locator('canvas')).toBeVisible();
	await expect(page.getByRole('note')).toContainText('Demo data');
	// It opens where the cameras are densest, at street level: the cameras one by one.
	const summary = page.getByTestId('camera-list').locator('summary');
	await expect(summary).toHaveText(/^\d+ cameras? in view/);

	// Zoomed out on the whole city: clusters, their total, and a request to zoom in.
	await page.goto('/?lang=en#map=9.5/44.8/20.43');
	await expect(summary).toHaveText(/About [\d,]+ cameras in view/);
	const total = Number((await summary.textContent())!.replace(/\D/g, ''));
	expect(total).toBeGreaterThanOrEqual(200);
	await summary.click();
	await expect(page.getByText('Zoom in to list the cameras one by one.')).toBeVisible();
	await expectNoAxeViolations(page);

	await page.goto(`/?lang=en#map=${CENTRE}`);
	// Same page, new #map=: the map moves there and the open list follows it.
	await expect(summary).toHaveText(/^\d+ cameras? in view/);
	const cameras = page.getByRole('list', { name: 'Cameras in view' }).getByRole('link');
	await expect(cameras.first()).toBeVisible();
	expect(await cameras.count()).toBeGreaterThan(5);
	await expectNoAxeViolations(page);

	await cameras.first().click();
	await expect(page).toHaveURL(/\/cameras\/\d+$/);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Camera');
});

test('the list of cameras in view is exactly what the map draws', async ({ page }) => {
	await page.goto(`/?lang=en#map=${CENTRE}`);
	const drawn = await renderedCameras(page);
	expect(drawn.length).toBeGreaterThan(5);
	await expect.poll(() => listedIds(page)).toEqual(drawn.map((camera) => camera.id));

	// After a move the list follows the map.
	await page.evaluate(() => window.__nadzorMap!.jumpTo({ zoom: 16.5 }));
	const closer = await renderedCameras(page);
	expect(closer.length).toBeLessThan(drawn.length);
	await expect.poll(() => listedIds(page)).toEqual(closer.map((camera) => camera.id));
});

test('filters change what the map shows, live and in the address', async ({ page }) => {
	await page.goto(`/?lang=en#map=${CENTRE}`);
	const all = await renderedCameras(page);
	expect(all.some((camera) => !camera.face_recognition)).toBe(true);

	await page.getByText('Filters', { exact: true }).click();
	await page.getByRole('checkbox', { name: 'face recognition', exact: true }).check();
	await expect(page).toHaveURL(/\?lang=en&capability=face_recognition#map=/);
	await expect(page.getByText('Filters (1 on)')).toBeVisible();
	await expect
		.poll(async () => {
			const shown = await renderedCameras(page);
			return shown.length > 0 && shown.length < all.length && shown.every((camera) => camera.face_recognition);
		})
		.toBe(true);
	await expectNoAxeViolations(page);

	// The address brings the same filtered map back.
	const filtered = await renderedCameras(page);
	await page.reload();
	await expect(
		page.getByRole('checkbox', { name: 'face recognition', exact: true, includeHidden: true })
	).toBeChecked();
	expect(await renderedCameras(page)).toEqual(filtered);
	await expect.poll(() => listedIds(page)).toEqual(filtered.map((camera) => camera.id));

	// Every demo camera is "verified": asking for "confirmed" leaves none.
	await page.getByText('Filters (1 on)').click();
	await page.getByLabel('Confidence').selectOption('confirmed');
	await expect(page).toHaveURL(/capability=face_recognition&confidence=confirmed/);
	await expect.poll(async () => (await renderedCameras(page)).length).toBe(0);
	await expect(page.getByTestId('camera-list').locator('summary')).toHaveText('0 cameras in view');

	await page.getByRole('link', { name: 'Clear filters' }).click();
	await expect(page).toHaveURL(/\/\?lang=en#map=/);
	await expect.poll(async () => (await renderedCameras(page)).length).toBe(all.length);
});

test('without JavaScript the filters are a plain form', async ({ browser, baseURL }) => {
	const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
	const page = await context.newPage();
	await page.goto('/?lang=en');
	await page.getByText('Filters', { exact: true }).click();
	await page.getByRole('checkbox', { name: 'police' }).check();
	await page.getByRole('checkbox', { name: 'private' }).check();
	await page.getByRole('button', { name: 'Show' }).click();
	await expect(page).toHaveURL(/\?operator=police&operator=private/);
	await expect(page.getByText('Filters (1 on)')).toBeVisible();
	await page.getByText('Filters (1 on)').click();
	await expect(page.getByRole('checkbox', { name: 'police' })).toBeChecked();
	await expect(page.getByRole('checkbox', { name: 'government' })).not.toBeChecked();
	await context.close();
});

test('a camera tapped on the map shows what it is, with a link to its page', async ({ page }) => {
	await page.goto(`/?lang=en#map=17/44.8153/20.4604`);
	await settled(page);
	const point = await page.evaluate(() => {
		const map = window.__nadzorMap!;
		const feature = map.queryRenderedFeatures({ layers: ['nadzor-cameras'] })[0];
		const at = map.project((feature.geometry as unknown as { coordinates: [number, number] }).coordinates);
		const box = map.getCanvas().getBoundingClientRect();
		return { x: box.left + at.x, y: box.top + at.y, id: Number(feature.id) };
	});
	await settled(page);
	await page.mouse.click(point.x, point.y);
	const popup = page.getByTestId('camera-popup');
	await expect(popup.getByRole('heading')).toHaveText(`Camera ${point.id}`);
	await expect(popup.getByText('Operator type')).toBeVisible();
	await expect(popup.getByText('Last seen')).toBeVisible();
	await expect(popup.getByRole('link', { name: 'Open camera page' })).toHaveAttribute('href', `/cameras/${point.id}`);
	await expectNoAxeViolations(page);
	await popup.getByRole('button', { name: 'Close' }).click();
	await expect(popup).toHaveCount(0);
});

test('a camera page draws the camera among its neighbours without loading the map', async ({ page }) => {
	const scripts: string[] = [];
	page.on('request', (request) => {
		if (request.resourceType() === 'script') scripts.push(request.url());
	});
	// A camera in central Belgrade, where the basemap has streets all around.
	const found = await page.request.get('/api/v1/cameras.geojson?bbox=20.455,44.808,20.466,44.816');
	const id = ((await found.json()) as { features: { id: number }[] }).features[0].id;
	await page.goto(`/cameras/${id}?lang=en`);
	const drawing = page.getByRole('img', {
		name: new RegExp(`^Map of the 240 m around camera ${id} \\(the large dot\\): \\d+ other cameras?`)
	});
	await expect(drawing).toBeVisible();
	// The camera's own cone and the neighbours' are drawn, with a scale.
	await expect(drawing.locator('path.focus')).toHaveCount(1);
	await expect(drawing.locator('circle.camera')).not.toHaveCount(0);
	await expect(drawing.getByText('50 m')).toBeVisible();
	// Over the streets from the app's basemap: road lines and their names, credited.
	await expect(drawing.locator('path.road')).not.toHaveCount(0);
	expect(await drawing.locator('path.road').first().getAttribute('d')).toMatch(/^M-?[\d.]+ -?[\d.]+L/);
	const names = await drawing.locator('text.street-name').allTextContents();
	expect(names.length).toBeGreaterThan(0);
	expect(names.every((name) => /^[\p{L}\d .'-]+$/u.test(name))).toBe(true);
	await expect(drawing.getByText('© OpenStreetMap contributors')).toBeVisible();
	await page.getByRole('link', { name: 'Show on the map' }).waitFor();
	await page.waitForLoadState('networkidle');
	// No canvas, and none of the map library's code (its chunk is the one that defines maplibregl).
	await expect(page.locator('canvas')).toHaveCount(0);
	for (const url of scripts) expect(await (await page.request.get(url)).text()).not.toContain('maplibregl');
	await expectNoAxeViolations(page);
});

test('the view is kept in the address and restored from it', async ({ page }) => {
	await page.goto('/?lang=en#map=17/44.8153/20.4604');
	await expect(page.getByTestId('map').locator('canvas')).toBeVisible();
	await expect(page).toHaveURL(/#map=17\/44\.815\d*\/20\.460\d*/);
	const before = await renderedCameras(page);
	await page.evaluate(() => window.__nadzorMap!.jumpTo({ center: [20.462, 44.8161], zoom: 16 }));
	await expect(page).toHaveURL(/#map=16\/44\.816\d*\/20\.462\d*/);
	const moved = await renderedCameras(page);
	await page.reload();
	await expect(page).toHaveURL(/#map=16\/44\.816\d*\/20\.462\d*/);
	await settled(page);
	expect(await page.evaluate(() => window.__nadzorMap!.getZoom())).toBeCloseTo(16, 1);
	expect(await renderedCameras(page)).toEqual(moved);
	expect(moved).not.toEqual(before);
});

test('dark mode switches the page and the map, and is remembered', async ({ page }) => {
	await page.goto(`/?lang=en#map=${CENTRE}`);
	await settled(page);
	const water = () => page.evaluate(() => window.__nadzorMap!.getPaintProperty('water', 'background-color'));
	const lightWater = await water();
	await page.getByText('Menu', { exact: true }).click();
	const toggle = page.getByRole('button', { name: 'Dark mode' });
	await expect(toggle).toHaveAttribute('aria-pressed', 'false');
	await toggle.click();
	await expect(toggle).toHaveAttribute('aria-pressed', 'true');
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
	await expect.poll(water).not.toEqual(lightWater);
	await expectNoAxeViolations(page);
	await page.reload();
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
	await page.getByText('Menu', { exact: true }).click();
	await expect(page.getByRole('button', { name: 'Dark mode' })).toHaveAttribute('aria-pressed', 'true');
	await settled(page);
	expect(await water()).not.toEqual(lightWater);
});

test('a camera a moderator approves appears on an open map within seconds', async ({
	page,
	browser,
	request,
	baseURL
}) => {
	// A new place, away from the demo cameras and from the other e2e reports.
	const place = { lat: 44.79876, lng: 20.43321 };
	await page.goto(`/?lang=en#map=17/${place.lat}/${place.lng}`);
	const before = await renderedCameras(page);

	const form = new FormData();
	form.set('payload', JSON.stringify({ kind: 'new_camera', ...place, camera_type: 'fixed', camera_direction: [90] }));
	const photo = await fs.readFile(path.resolve('tests/e2e/fixtures/camera.png'));
	const sent = await request.post('/api/v1/submissions', {
		headers: { origin: new URL(baseURL!).origin, 'idempotency-key': crypto.randomUUID() },
		multipart: {
			payload: form.get('payload') as string,
			photos: { name: 'camera.png', mimeType: 'image/png', buffer: photo }
		}
	});
	expect(sent.status()).toBe(201);

	const context = await browser.newContext({ baseURL, locale: 'en-GB' });
	const moderator = await context.newPage();
	await moderator.goto('/login?lang=en&redirectTo=/moderate');
	await moderator.waitForLoadState('networkidle');
	await moderator.getByLabel('Username').fill(MODERATOR.username);
	await moderator.getByLabel('Password').fill(MODERATOR.password);
	await moderator.getByRole('button', { name: 'Log in' }).click();
	await moderator
		.getByTestId('queue-item')
		.filter({ hasText: `${place.lat}, ${place.lng}` })
		.getByRole('link', { name: 'Review' })
		.click();
	await expect(moderator.getByTestId('blur-frame').locator('img')).toBeVisible();
	await moderator.keyboard.press('c');
	await moderator.keyboard.press('a');
	const message = moderator.getByTestId('decision-message');
	await expect(message).toContainText('Approved: camera');
	const cameraId = Number(/camera (\d+) is on the map/.exec((await message.textContent())!)![1]);
	await context.close();

	// No reload: the map notices the new data version by itself.
	await expect
		.poll(async () => (await renderedCameras(page)).map((camera) => camera.id), { timeout: 5_000 })
		.toContain(cameraId);
	expect(before.map((camera) => camera.id)).not.toContain(cameraId);
});
