/**
 * An area's campaign page, on a phone and on a desktop: reached from /stats, every number
 * readable without sideways scrolling, no axe violations, nothing from other hosts (the
 * fixtures check that); the press kit's files download and open (SVG well-formed, PNG decodes,
 * CSV parses, GeoJSON holds the area's cameras), and the printable summary is one A4 page in
 * Chromium's print-to-PDF. (The e2e server sets an official number of 40 for Stari grad.)
 */
import fs from 'node:fs/promises';
import type { Download, Locator, Page } from '@playwright/test';
import { XMLValidator } from 'fast-xml-parser';
import sharp from 'sharp';
import { parseCsv } from '../../src/lib/csv';
import { expect, expectNoAxeViolations, test } from './fixtures';

async function download(page: Page, trigger: Locator): Promise<Download> {
	const [file] = await Promise.all([page.waitForEvent('download'), trigger.click()]);
	expect(await file.failure()).toBeNull();
	return file;
}

async function fitsWidth(page: Page) {
	const { scroll, width } = await page.evaluate(() => ({
		scroll: document.documentElement.scrollWidth,
		width: window.innerWidth
	}));
	expect(scroll).toBeLessThanOrEqual(width);
}

test('the area page, reached from /stats, shows every number and downloads a press kit that opens', async ({
	page
}) => {
	await page.goto('/stats?lang=en');
	await page.getByRole('table').getByRole('link', { name: 'Stari Grad', exact: true }).first().click();
	await expect(page).toHaveURL(/\/areas\/stari-grad$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Stari Grad: cameras in numbers');
	await expect(page.getByTestId('area-headline')).toHaveText(/^mapped by citizens: \d+ · officially admitted: 40$/);
	const numbers = page.getByTestId('area-numbers');
	await expect(numbers.getByText('Cameras mapped by citizens')).toBeVisible();
	await expect(numbers.locator('dd')).toHaveCount(12);
	for (const value of await numbers.locator('dd').allTextContents()) expect(value.trim()).not.toBe('');
	await expect(page.frameLocator('iframe.live').locator('canvas')).toBeVisible();
	await fitsWidth(page);
	await expectNoAxeViolations(page);

	const kit = page.getByTestId('press-kit');
	// The map as SVG: well-formed XML, an <svg> at its root.
	const svgFile = await download(page, kit.getByRole('link', { name: 'Download as SVG' }).first());
	const svg = await fs.readFile((await svgFile.path())!, 'utf8');
	expect(XMLValidator.validate(svg)).toBe(true);
	expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
	// The same chart as PNG, drawn in the browser: it decodes.
	const pngFile = await download(page, kit.getByRole('button', { name: 'Download as PNG' }).first());
	const png = await sharp(await fs.readFile((await pngFile.path())!))
		.raw()
		.toBuffer({ resolveWithObject: true });
	expect(png.info.width).toBeGreaterThan(100);
	expect(png.info.height).toBeGreaterThan(100);
	// The growth chart as SVG too.
	const growthFile = await download(page, kit.getByRole('link', { name: 'Download as SVG' }).nth(1));
	expect(XMLValidator.validate(await fs.readFile((await growthFile.path())!, 'utf8'))).toBe(true);

	// The area's cameras: CSV that parses into rows of the header's width, and the same as GeoJSON.
	const csvFile = await download(page, kit.getByRole('link', { name: 'The area’s cameras (CSV)' }));
	const [header, ...rows] = parseCsv(await fs.readFile((await csvFile.path())!, 'utf8'), { strict: true });
	expect(header).toEqual(expect.arrayContaining(['id', 'lon', 'lat', 'surveillance_type', 'source']));
	expect(rows.length).toBeGreaterThan(0);
	for (const row of rows) expect(row).toHaveLength(header.length);
	const geoFile = await download(page, kit.getByRole('link', { name: 'The area’s cameras (GeoJSON)' }));
	const collection = JSON.parse(await fs.readFile((await geoFile.path())!, 'utf8'));
	expect(collection.type).toBe('FeatureCollection');
	expect(collection.features).toHaveLength(rows.length);
	const mapped = Number((await page.getByTestId('area-headline').textContent())!.match(/citizens: (\d+)/)![1]);
	expect(rows.length).toBe(mapped);
});

test('the printable summary fits one A4 page in print-to-PDF', async ({ page }) => {
	await page.goto('/areas/stari-grad?lang=sr-Latn');
	await page.getByRole('link', { name: 'Sažetak na jednoj strani za štampu ili PDF' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Stari grad: kamere u brojkama');
	await expect(page.getByRole('button', { name: 'Odštampajte ili sačuvajte kao PDF' })).toBeVisible();
	await fitsWidth(page);
	await expectNoAxeViolations(page);

	await page.emulateMedia({ media: 'print' });
	const pdf = (await page.pdf({ format: 'A4', printBackground: true })).toString('latin1');
	expect(pdf.startsWith('%PDF-')).toBe(true);
	// Page objects (not the /Pages tree): exactly one.
	expect(pdf.match(/\/Type\s*\/Page(?![a-zA-Z])/g)).toHaveLength(1);
});
