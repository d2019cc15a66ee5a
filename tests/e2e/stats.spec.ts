/**
 * An advocate's numbers: the statistics page with its charts and tables in the three languages,
 * and the charts downloaded as SVG and PNG with the source and the date printed on them.
 */
import fs from 'node:fs/promises';
import sharp from 'sharp';
import { expect, expectNoAxeViolations, test } from './fixtures';

const languages = [
	{ lang: 'sr-Latn', heading: 'Kamere u brojkama', source: 'Izvor: Nadzor' },
	{ lang: 'sr-Cyrl', heading: 'Камере у бројкама', source: 'Извор: Надзор' },
	{ lang: 'en', heading: 'Cameras in numbers', source: 'Source: Nadzor' }
];

for (const { lang, heading, source } of languages) {
	test(`the statistics page shows charts and tables in ${lang}`, async ({ page }) => {
		await page.goto(`/stats?lang=${lang}`);
		await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
		for (const chart of ['ranking', 'growth', 'choropleth', 'coverage']) {
			await expect(page.getByTestId(`chart-${chart}`).locator('svg:visible')).toBeVisible();
			await expect(page.getByTestId(`chart-${chart}`)).toContainText(source);
		}
		// The demo data: the City of Belgrade and its cameras, in the table beside the chart.
		const row = page.getByTestId('table-ranking').getByRole('row').nth(1);
		await expect(row.getByRole('cell').nth(1)).toHaveText(/\d/);
		await expect(page.getByTestId('table-growth').getByRole('row')).not.toHaveCount(1);
		await expectNoAxeViolations(page);
	});
}

test('every word of a chart is printed at least 11 px tall at the width of the screen', async ({ page }) => {
	await page.goto('/stats?lang=sr-Latn');
	for (const chart of ['ranking', 'growth', 'choropleth', 'coverage']) {
		const svg = page.getByTestId(`chart-${chart}`).locator('svg:visible');
		const sizes = await svg.evaluate((element: SVGSVGElement) => {
			const scale = element.getBoundingClientRect().width / element.viewBox.baseVal.width;
			return [...element.querySelectorAll('text')].map((text) => Number(text.getAttribute('font-size')) * scale);
		});
		expect(sizes.length, chart).toBeGreaterThan(0);
		expect(Math.min(...sizes), `${chart}: the smallest text in px`).toBeGreaterThanOrEqual(11);
	}
});

test('charts download as SVG and PNG carrying the source and the date', async ({ page }) => {
	await page.goto('/stats?lang=en');
	const today = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date());
	const section = page.getByRole('region', { name: 'Cameras per area' });

	const [svgDownload] = await Promise.all([
		page.waitForEvent('download'),
		section.getByRole('link', { name: 'Download as SVG' }).click()
	]);
	const svg = await fs.readFile((await svgDownload.path())!, 'utf8');
	expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
	expect(svg).toContain('Cameras per area');
	expect(svg).toContain(`Source: Nadzor citizen map of surveillance cameras · ${today} · licence ODbL 1.0`);

	const [pngDownload] = await Promise.all([
		page.waitForEvent('download'),
		section.getByRole('button', { name: 'Download as PNG' }).click()
	]);
	const png = await fs.readFile((await pngDownload.path())!);
	const metadata = await sharp(png).metadata();
	expect(metadata.format).toBe('png');
	expect(metadata.width).toBe(1440);
});
