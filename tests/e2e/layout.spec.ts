/**
 * Every public page at phone and tablet widths, in the three languages: nothing scrolls
 * sideways, axe finds nothing, and on the map page the map is the page (at least 75% of the
 * first screen on a phone).
 */
import { expect, expectNoAxeViolations, test } from './fixtures';

const sizes = [
	{ width: 320, height: 640 },
	{ width: 360, height: 740 },
	{ width: 390, height: 844 },
	{ width: 768, height: 1024 }
];
const languages = ['sr-Latn', 'sr-Cyrl', 'en'];
const pages = [
	'/',
	'/cameras/1',
	'/report',
	'/stats',
	'/areas/savski-venac',
	'/report/mine',
	'/models',
	'/data',
	'/data/dictionary',
	'/official',
	'/official/popis-nadzornih-kamera-grada-zagreba',
	'/api',
	'/share?kind=map',
	'/login',
	'/signup'
];

for (const path of pages) {
	for (const lang of languages) {
		test(`${path} in ${lang} fits 320–768 px without sideways scrolling`, async ({ page }) => {
			test.setTimeout(120_000);
			for (const size of sizes) {
				await page.setViewportSize(size);
				const response = await page.goto(`${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
				expect(response?.status()).toBe(200);
				await page.waitForLoadState('networkidle');
				// A phone browser widens its layout viewport to fit content that is too wide and zooms
				// out, so window.innerWidth alone would grow with the page: compare with the screen too.
				const widths = await page.evaluate(() => ({
					document: document.documentElement.scrollWidth,
					viewport: window.innerWidth
				}));
				expect(widths.viewport, `${path} at ${size.width} px: layout viewport`).toBe(size.width);
				expect(widths.document, `${path} at ${size.width} px`).toBeLessThanOrEqual(size.width);
				await expectNoAxeViolations(page);
			}
		});
	}
}

for (const lang of languages) {
	test(`on a phone the map covers at least 75% of the first screen (${lang})`, async ({ page }) => {
		for (const size of sizes.filter((size) => size.width < 768)) {
			await page.setViewportSize(size);
			await page.goto(`/?lang=${lang}`);
			const box = await page.getByTestId('map').boundingBox();
			expect(box).not.toBeNull();
			const visible =
				Math.max(0, Math.min(box!.x + box!.width, size.width) - Math.max(box!.x, 0)) *
				Math.max(0, Math.min(box!.y + box!.height, size.height) - Math.max(box!.y, 0));
			expect(visible / (size.width * size.height), `map share at ${size.width}×${size.height}`).toBeGreaterThanOrEqual(
				0.75
			);
		}
	});
}
