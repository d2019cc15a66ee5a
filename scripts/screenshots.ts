/**
 * Screenshots of the main pages at phone (390×844) and desktop (1280×800) size in both Serbian
 * scripts, for docs/screenshots/ (linked from the README). Runs against a running app:
 *
 *   npx tsx scripts/screenshots.ts http://localhost:3000 [outDir]
 */
import { chromium } from '@playwright/test';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../tests/e2e/chromium';

const origin = process.argv[2] ?? 'http://localhost:3000';
const outDir = process.argv[3] ?? 'docs/screenshots';
const pages = [
	{ name: 'map', path: '/#map=16/44.8125/20.4612' },
	// A demo camera at Terazije, where the street basemap has names all around.
	{ name: 'camera', path: '/cameras/374' },
	{ name: 'report', path: '/report' },
	{ name: 'stats', path: '/stats' },
	{ name: 'area', path: '/areas/stari-grad' },
	{ name: 'data', path: '/data' }
];
const sizes = [
	{ name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true, deviceScaleFactor: 1 },
	{ name: 'desktop', viewport: { width: 1280, height: 800 }, isMobile: false, deviceScaleFactor: 1 }
];
const languages = ['sr-Latn', 'sr-Cyrl'];

await mkdir(outDir, { recursive: true });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
try {
	for (const size of sizes) {
		for (const lang of languages) {
			const context = await browser.newContext({
				viewport: size.viewport,
				isMobile: size.isMobile,
				hasTouch: size.isMobile,
				deviceScaleFactor: size.deviceScaleFactor
			});
			const page = await context.newPage();
			for (const { name, path: address } of pages) {
				const [pathname, hash] = address.split('#');
				await page.goto(`${origin}${pathname}?lang=${lang}${hash ? `#${hash}` : ''}`);
				await page.waitForLoadState('networkidle');
				if (name === 'map') {
					// The cameras are drawn once the list of cameras in view has its count (no longer "loading…").
					await page.waitForFunction(
						() => !document.querySelector('[data-testid="camera-list"] summary')?.textContent?.trim().endsWith('…'),
						undefined,
						{ timeout: 60_000 }
					);
					await page.waitForTimeout(1000);
				}
				// A framed live map (the area page) reports on its <html data-map> when it has drawn.
				for (const frame of page.frames().slice(1)) {
					await frame.waitForSelector('html[data-map="ready"]', { timeout: 60_000 }).catch(() => undefined);
				}
				const file = path.join(outDir, `${name}-${size.name}-${lang}.png`);
				await page.screenshot({ path: file });
				console.log(file);
			}
			await context.close();
		}
	}
} finally {
	await browser.close();
}
