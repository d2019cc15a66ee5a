/**
 * The map's opt-in layers and its areas, on a phone: the OpenStreetMap leads (the e2e server
 * imports tests/fixtures/osm/surveillance.osm: a node and a way in central Belgrade) are off
 * until the reader turns them on, in each language; a tap on an area beside the cameras offers
 * its campaign page.
 */
import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, test } from './fixtures';
import { exposeMap, settled, rendered } from './map-hooks';

test.beforeEach(({ page }) => exposeMap(page));

const leadCases = [
	{
		lang: 'en',
		layers: 'Layers',
		leads: 'Leads from OpenStreetMap (not yet checked)',
		note: 'Hollow purple rings: cameras in OpenStreetMap that a moderator has not checked yet.'
	},
	{
		lang: 'sr-Latn',
		layers: 'Slojevi',
		leads: 'Tragovi iz baze OpenStreetMap (još neprovereni)',
		note: 'Šuplji ljubičasti krugovi: kamere u bazi OpenStreetMap koje moderator još nije proverio.'
	},
	{
		lang: 'sr-Cyrl',
		layers: 'Слојеви',
		leads: 'Трагови из базе OpenStreetMap (још непроверени)',
		note: 'Шупљи љубичасти кругови: камере у бази OpenStreetMap које модератор још није проверио.'
	}
];

for (const words of leadCases) {
	test(`the leads from OpenStreetMap are off until turned on, and kept in the address (${words.lang})`, async ({
		page
	}) => {
		// Two full loads of the map, each waited for until every tile is drawn, on shared cores.
		test.slow();
		const asked: string[] = [];
		page.on('request', (request) => {
			if (request.url().includes('/api/v1/leads.geojson')) asked.push(request.url());
		});
		await page.goto(`/?lang=${words.lang}#map=14/44.8127/20.4552`);
		await settled(page);
		expect(asked).toEqual([]);
		await page.getByText(words.layers, { exact: true }).click();
		const toggle = page.getByRole('checkbox', { name: words.leads });
		await expect(toggle).not.toBeChecked();
		await toggle.check();
		await expect(page).toHaveURL(new RegExp(`\\?lang=${words.lang}&leads=1#map=`));
		await expect(page.getByText(words.note)).toBeVisible();
		// The node and the way's centroid, both in view.
		await expect.poll(() => rendered(page, 'nadzor-leads-points'), { timeout: 45_000 }).toBeGreaterThanOrEqual(1);
		expect(asked[0]).toMatch(/\/api\/v1\/leads\.geojson\?bbox=20\.\d+,44\.\d+,20\.\d+,44\.\d+$/);
		await expectNoAxeViolations(page);

		await page.reload();
		await expect(page.getByRole('checkbox', { name: words.leads, includeHidden: true })).toBeChecked();
		await expect.poll(() => rendered(page, 'nadzor-leads-points'), { timeout: 45_000 }).toBeGreaterThanOrEqual(1);
		await page.getByText(words.layers, { exact: true }).click();
		await page.getByRole('checkbox', { name: words.leads }).uncheck();
		await expect(page).not.toHaveURL(/leads=1/);
		await expect.poll(() => rendered(page, 'nadzor-leads-points'), { timeout: 45_000 }).toBe(0);
	});
}

test('what the leads layer publishes is OpenStreetMap’s own, credited', async ({ request }) => {
	const response = await request.get('/api/v1/leads.geojson?bbox=20.3,44.7,20.6,44.9');
	expect(response.status()).toBe(200);
	const body = await response.json();
	expect(body.attribution).toContain('OpenStreetMap');
	expect(body.features.length).toBeGreaterThan(0);
	for (const feature of body.features) {
		expect(Object.keys(feature.properties).sort()).toEqual([
			'camera_type',
			'operator',
			'osm_id',
			'osm_type',
			'surveillance_type'
		]);
	}
});

/** A point on the canvas inside an area with no camera or cluster within 16 px, in page coordinates. */
async function quietPointInArea(page: Page) {
	await settled(page);
	return page.evaluate(() => {
		const map = window.__nadzorMap!;
		const canvas = map.getCanvas().getBoundingClientRect();
		const width = map.getCanvas().clientWidth;
		const height = map.getCanvas().clientHeight;
		for (let y = height * 0.45; y < height * 0.9; y += 12) {
			for (let x = width * 0.2; x < width * 0.8; x += 12) {
				const near = map.queryRenderedFeatures(
					[
						[x - 16, y - 16],
						[x + 16, y + 16]
					],
					{ layers: ['nadzor-cameras', 'nadzor-clusters'] }
				);
				if (near.length > 0) continue;
				const areas = map.queryRenderedFeatures([x, y], { layers: ['nadzor-areas-hit'] });
				if (areas.length > 0) return { x: canvas.left + x, y: canvas.top + y };
			}
		}
		return null;
	});
}

test('a tap on an area beside the cameras offers the area’s page (sr-Cyrl)', async ({ page }) => {
	await page.goto('/?lang=sr-Cyrl#map=14/44.8176/20.4633');
	const point = await quietPointInArea(page);
	expect(point).not.toBeNull();
	await page.mouse.click(point!.x, point!.y);
	const popup = page.getByTestId('area-popup');
	await expect(popup).toBeVisible();
	await expect(popup.getByText(/^\d+ камер/)).toBeVisible();
	// The municipality first, the city around it after.
	await expect(popup.getByRole('link', { name: 'Београд' })).toHaveAttribute('href', '/areas/beograd');
	const open = popup.getByRole('link', { name: 'Бројке и пакет за медије' });
	const href = await open.getAttribute('href');
	expect(href).toMatch(/^\/areas\/[a-z-]+$/);
	expect(href).not.toBe('/areas/beograd');
	const name = await popup.getByRole('heading').textContent();
	await expectNoAxeViolations(page);
	await open.click();
	await expect(page).toHaveURL(new RegExp(`${href}$`));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${name}: камере у бројкама`);
});
