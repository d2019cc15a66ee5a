/**
 * Numbers on the map, on a phone: the density view (hexagons with their key, or a heatmap)
 * kept in the address; a walking route drawn over the demo cameras with the instant estimate,
 * then the server's number and the cameras watching it; the official list's page and its
 * points on the main map. (The e2e server imports the City of Zagreb's list with the CLI.)
 */
import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, test } from './fixtures';
import { exposeMap, settled, rendered } from './map-hooks';

const CENTRE = '16/44.8153/20.4604';

test.beforeEach(({ page }) => exposeMap(page));

const densityCases = [
	{
		lang: 'en',
		layers: 'Layers',
		hexagons: 'Hexagons: cameras per hexagon',
		heatmap: 'Heatmap: where cameras are dense',
		steps: 'Cameras per hexagon'
	},
	{
		lang: 'sr-Latn',
		layers: 'Slojevi',
		hexagons: 'Šestougaonici: kamere po šestougaoniku',
		heatmap: 'Toplotna mapa: gde su kamere guste',
		steps: 'Kamera po šestougaoniku'
	},
	{
		lang: 'sr-Cyrl',
		layers: 'Слојеви',
		hexagons: 'Шестоугаоници: камере по шестоугаонику',
		heatmap: 'Топлотна мапа: где су камере густе',
		steps: 'Камера по шестоугаонику'
	}
];

for (const words of densityCases) {
	test(`the density switch draws hexagons or a heatmap and keeps the choice in the address (${words.lang})`, async ({
		page
	}) => {
		await page.goto(`/?lang=${words.lang}#map=12/44.8153/20.4604`);
		await expect(page.getByTestId('map').locator('canvas')).toBeVisible();
		await page.getByText(words.layers, { exact: true }).click();
		await page.getByRole('radio', { name: words.hexagons }).check();
		await expect(page).toHaveURL(new RegExp(`\\?lang=${words.lang}&density=hexagons#map=`));
		await expect.poll(() => rendered(page, 'nadzor-density-hexagons')).toBeGreaterThan(0);
		await expect(page.getByRole('list', { name: words.steps }).getByRole('listitem')).toHaveCount(7);
		await expectNoAxeViolations(page);

		await page.getByRole('radio', { name: words.heatmap }).check();
		await expect(page).toHaveURL(/density=heatmap/);
		await expect.poll(() => rendered(page, 'nadzor-density-hexagons')).toBe(0);
		await page.reload();
		await expect(page.getByRole('radio', { name: words.heatmap, includeHidden: true })).toBeChecked();
		await settled(page);
		const visibility = await page.evaluate(() =>
			window.__nadzorMap!.getLayoutProperty('nadzor-heat-clusters', 'visibility')
		);
		expect(visibility).toBe('visible');
		await expectNoAxeViolations(page);
	});
}

test('the hexagons follow the filters', async ({ page }) => {
	await page.goto(`/?lang=en&density=hexagons#map=13/44.8153/20.4604`);
	const counts = async () => {
		await settled(page);
		return page.evaluate(() =>
			window
				.__nadzorMap!.queryRenderedFeatures({ layers: ['nadzor-density-hexagons'] })
				.reduce((sum, feature) => sum + Number(feature.properties.count), 0)
		);
	};
	await expect.poll(counts).toBeGreaterThan(0);
	const all = await counts();
	await page.getByText('Filters', { exact: true }).click();
	await page.getByRole('checkbox', { name: 'face recognition', exact: true }).check();
	await expect(page).toHaveURL(/density=hexagons/);
	await expect.poll(counts).toBeLessThan(all);
	expect(await counts()).toBeGreaterThan(0);
});

/** A screen point on each side of a demo camera that has a field of view, at the map's zoom. */
async function aroundACamera(page: Page): Promise<{ id: number; points: { x: number; y: number }[] }> {
	await settled(page);
	return page.evaluate(() => {
		const map = window.__nadzorMap!;
		const canvas = map.getCanvas().getBoundingClientRect();
		// The upper part of the map: the route panel covers the lower part.
		const centre = { x: canvas.width / 2, y: canvas.height * 0.25 };
		const cameras = map
			.queryRenderedFeatures({ layers: ['nadzor-cameras'] })
			.filter((feature) => ['camera', 'ALPR'].includes(feature.properties.surveillance_type))
			.map((feature) => {
				const [lng, lat] = (feature.geometry as GeoJSON.Point).coordinates;
				const point = map.project([lng, lat]);
				return { id: Number(feature.id), point, off: Math.hypot(point.x - centre.x, point.y - centre.y) };
			})
			.sort((a, b) => a.off - b.off);
		const { id, point } = cameras[0];
		return {
			id,
			points: [
				{ x: canvas.left + point.x - 40, y: canvas.top + point.y + 3 },
				{ x: canvas.left + point.x + 40, y: canvas.top + point.y - 3 }
			]
		};
	});
}

test('a walker taps a route and sees the estimate, then how many cameras see it (en)', async ({ page }) => {
	await page.goto(`/?lang=en#map=${CENTRE}`);
	await expect(page.getByTestId('map').locator('canvas')).toBeVisible();
	await page.getByRole('button', { name: 'Route exposure' }).click();
	const panel = page.getByTestId('route');
	await expect(panel.getByRole('heading', { name: 'How watched is a walk?' })).toBeVisible();

	const { id, points } = await aroundACamera(page);
	await page.mouse.click(points[0].x, points[0].y);
	await expect(panel.getByText(/^1 point, \d+ m$/)).toBeVisible();
	await expect(panel.getByText('Add at least two points.')).toBeVisible();
	await page.mouse.click(points[1].x, points[1].y);

	await expect(panel.getByTestId('route-estimate').or(panel.getByTestId('route-result'))).toBeVisible();
	const result = panel.getByTestId('route-result');
	await expect(result).toHaveText(/^Seen by \d+ cameras?, \d+% of the way\.$/);
	const seen = Number((await result.textContent())!.match(/Seen by (\d+)/)![1]);
	expect(seen).toBeGreaterThan(0);
	const links = panel.getByRole('list').getByRole('link');
	await expect(links).toHaveCount(seen);
	await expect(panel.getByRole('link', { name: new RegExp(`^Camera ${id}: `) })).toBeVisible();
	// The watched parts are drawn over the route.
	expect(await rendered(page, 'nadzor-route-covered')).toBeGreaterThan(0);
	await expectNoAxeViolations(page);

	// Undo: one point left, no number; the list goes.
	await panel.getByRole('button', { name: 'Undo last point' }).click();
	await expect(panel.getByText('Add at least two points.')).toBeVisible();
	await expect(links).toHaveCount(0);
	await page.mouse.click(points[1].x, points[1].y);
	await expect(result).toBeVisible();
	await panel.getByRole('link', { name: new RegExp(`^Camera ${id}: `) }).click();
	await expect(page).toHaveURL(new RegExp(`/cameras/${id}$`));
});

test('a keyboard user adds the map centre as route points and gets the number (sr-Latn)', async ({ page }) => {
	await page.goto(`/?lang=sr-Latn#map=${CENTRE}`);
	await expect(page.getByTestId('map').locator('canvas')).toBeVisible();
	const { id } = await aroundACamera(page);
	await page.getByRole('button', { name: 'Izloženost rute' }).click();
	const panel = page.getByTestId('route');
	await expect(panel.getByRole('heading', { name: 'Koliko je šetnja pod nadzorom?' })).toBeVisible();
	// Centre the map 30 m west of the camera, add it; 30 m east, add it.
	const camera = await page.evaluate((cameraId) => {
		const feature = window
			.__nadzorMap!.queryRenderedFeatures({ layers: ['nadzor-cameras'] })
			.find((candidate) => Number(candidate.id) === cameraId)!;
		return (feature.geometry as GeoJSON.Point).coordinates;
	}, id);
	const metre = 1 / (111_320 * Math.cos((camera[1] * Math.PI) / 180));
	const add = panel.getByRole('button', { name: 'Dodaj centar mape' });
	for (const offset of [-30, 30]) {
		await page.evaluate(
			([lng, lat]) => window.__nadzorMap!.jumpTo({ center: [lng, lat] }),
			[camera[0] + offset * metre, camera[1]]
		);
		await settled(page);
		await add.focus();
		await page.keyboard.press('Enter');
	}
	await expect(panel.getByText(/^2 tačke, \d+ m$/)).toBeVisible();
	const result = panel.getByTestId('route-result');
	await expect(result).toHaveText(/^Vidi je \d+ kamer[aei], \d+ ?% puta\.$/);
	await expect(panel.getByRole('link', { name: new RegExp(`^Kamera ${id}: `) })).toBeVisible();
	await expectNoAxeViolations(page);
	await panel.getByRole('button', { name: 'Obriši rutu' }).click();
	await expect(panel.getByText('Dodajte bar dve tačke.')).toBeVisible();
});

const officialCases = [
	{
		lang: 'en',
		heading: 'Popis nadzornih kamera Grada Zagreba',
		both: 'On both lists',
		csv: 'Every listed point (CSV)',
		onMap: 'Show on the main map'
	},
	{
		lang: 'sr-Latn',
		heading: 'Popis nadzornih kamera Grada Zagreba',
		both: 'Na oba spiska',
		csv: 'Sve tačke sa spiska (CSV)',
		onMap: 'Prikaži na glavnoj mapi'
	},
	{
		lang: 'sr-Cyrl',
		heading: 'Popis nadzornih kamera Grada Zagreba',
		both: 'На оба списка',
		csv: 'Све тачке са списка (CSV)',
		onMap: 'Прикажи на главној мапи'
	}
];

for (const words of officialCases) {
	test(`the official list has a page with its totals, points and downloads (${words.lang})`, async ({ page }) => {
		await page.goto(`/stats?lang=${words.lang}`);
		await page.locator('a[href="/official"]').click();
		// One list imported: the index opens it.
		await expect(page).toHaveURL(/\/official\/[a-z0-9-]+/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(words.heading);
		const totals = page.getByTestId('official-totals');
		await expect(totals.getByRole('row', { name: new RegExp(words.both) })).toBeVisible();
		await expect(page.getByRole('link', { name: words.csv })).toHaveAttribute('href', /comparison\.csv$/);
		await expect.poll(() => rendered(page, 'nadzor-official-points')).toBeGreaterThan(0);
		await expectNoAxeViolations(page);

		const response = await page.request.get((await page.getByRole('link', { name: words.csv }).getAttribute('href'))!);
		expect(response.status()).toBe(200);
		expect(await response.text()).toContain('listed_only');

		await page.getByRole('link', { name: words.onMap }).click();
		await expect(page).toHaveURL(/\/\?official=/);
		await expect.poll(() => rendered(page, 'nadzor-official-points')).toBe(0);
		// The main map opens on Belgrade; the layer is there, its points are in Zagreb.
		await page.evaluate(() => window.__nadzorMap!.jumpTo({ center: [15.98, 45.81], zoom: 12 }));
		await expect.poll(() => rendered(page, 'nadzor-official-points')).toBeGreaterThan(0);
	});
}
