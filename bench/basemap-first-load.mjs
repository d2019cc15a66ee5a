/**
 * First-load bytes of the home map over central Belgrade at zoom 14 on a 390×844 phone (sr-Latn):
 * everything the page fetched until the map settled, by kind, for two running built apps side by
 * side in one run — one started with `BASEMAP_PMTILES=` (land only: before the street basemap)
 * and one with the basemap — and the ratio after/before.
 *
 * Usage: node bench/basemap-first-load.mjs http://localhost:3422 http://localhost:3423
 *        (land-only app first, street app second; each a fresh browser context, nothing cached)
 */
import os from 'node:os';
import { chromium } from '@playwright/test';

const [before, after] = process.argv.slice(2);
if (!before || !after) {
	console.error('usage: node bench/basemap-first-load.mjs <land-only app URL> <street basemap app URL>');
	process.exit(2);
}

const browser = await chromium.launch({
	executablePath: '/usr/bin/chromium',
	args: ['--no-sandbox', '--use-gl=swiftshader', '--enable-unsafe-swiftshader', '--disable-gpu']
});

function kindOf(pathname) {
	if (pathname.startsWith('/basemap/fonts')) return 'glyphs';
	if (pathname.startsWith('/basemap/')) return 'land / basemap tiles';
	if (pathname.startsWith('/tiles/')) return 'camera tiles';
	if (pathname.endsWith('.js')) return 'JavaScript';
	return 'other';
}

async function firstLoad(base) {
	const context = await browser.newContext({
		viewport: { width: 390, height: 844 },
		deviceScaleFactor: 2,
		isMobile: true,
		hasTouch: true
	});
	const page = await context.newPage();
	await page.addInitScript(() => {
		window.__nadzorTestHooks = true;
	});
	const finished = [];
	page.on('requestfinished', (request) => finished.push(request));
	await page.goto(`${base}/?lang=sr-Latn#map=14/44.8129/20.4606`);
	await page.waitForFunction(
		() => {
			const map = window.__nadzorMap;
			return map && map.loaded() && map.areTilesLoaded() && !map.isMoving();
		},
		null,
		{ timeout: 90_000 }
	);
	// Labels ask for their glyphs after the tiles: let the last requests finish.
	await page.waitForTimeout(3000);
	const byKind = {};
	let total = 0;
	const glyphRanges = new Set();
	for (const request of finished) {
		const sizes = await request.sizes();
		const bytes = sizes.responseBodySize + sizes.responseHeadersSize;
		const { pathname } = new URL(request.url());
		const kind = kindOf(pathname);
		if (kind === 'glyphs') glyphRanges.add(decodeURIComponent(pathname.slice('/basemap/fonts/'.length)));
		byKind[kind] = (byKind[kind] ?? 0) + bytes;
		total += bytes;
	}
	await context.close();
	return { requests: finished.length, total, byKind, glyphRanges: [...glyphRanges].sort() };
}

const kB = (bytes) => `${Math.round((bytes ?? 0) / 1024).toLocaleString('en')} KB`;
const load = os.loadavg().map((value) => value.toFixed(1));
const rows = [
	['before (land only)', await firstLoad(before)],
	['after (street basemap)', await firstLoad(after)]
];
console.log(`load average ${load.join(' ')} at the start, ${os.cpus().length} cores`);
const kinds = ['JavaScript', 'land / basemap tiles', 'glyphs', 'camera tiles', 'other'];
console.log(`| | requests | total | ${kinds.join(' | ')} |`);
console.log(`|---|---|---|${kinds.map(() => '---').join('|')}|`);
for (const [name, result] of rows) {
	console.log(
		`| ${name} | ${result.requests} | ${kB(result.total)} | ${kinds.map((kind) => kB(result.byKind[kind])).join(' | ')} |`
	);
}
console.log(`after / before: ${(rows[1][1].total / rows[0][1].total).toFixed(2)}×`);
console.log(`glyph ranges fetched (after): ${rows[1][1].glyphRanges.join(', ') || 'none'}`);
await browser.close();
