/**
 * The static snapshot (`npm run snapshot`) on a static host: its folder, served by a plain file
 * server with range requests (as a CDN), draws the street basemap (roads and their names in the
 * page's script, read back with queryRenderedFeatures) from its own files, and the page asks
 * nothing of any other address — not the app, not another host.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { serveStatic } from '../support/static-server';
import { expectScript, streetsDrawn, TERAZIJE } from './streets';

let folder = '';
let host: http.Server | undefined;
let origin = '';

test.beforeAll(async () => {
	// The CLI as an operator runs it, on a database of its own (the app's is in use).
	test.setTimeout(600_000);
	folder = fs.mkdtempSync(path.join(os.tmpdir(), 'nadzor-e2e-snapshot-'));
	const env = { ...process.env, DATA_DIR: path.join(folder, 'data'), DATABASE_URL: '', LOG_LEVEL: 'warn' };
	execFileSync('npx', ['tsx', 'scripts/db.ts', 'seed'], { env, stdio: 'pipe' });
	const out = path.join(folder, 'site');
	const bbox = `${TERAZIJE.lng - 0.02},${TERAZIJE.lat - 0.015},${TERAZIJE.lng + 0.02},${TERAZIJE.lat + 0.015}`;
	const printed = execFileSync(
		'npx',
		['tsx', 'scripts/snapshot.ts', '--out', out, '--bbox', bbox, '--lang', 'sr-Latn', '--maxzoom', '15'],
		{ env, encoding: 'utf8' }
	);
	expect(printed).toMatch(/basemap\.pmtiles: \d+ tiles/);
	host = await serveStatic(out, 0);
	origin = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
	if (host) await new Promise((resolve) => host!.close(resolve));
	if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

test('a snapshot on a static host draws the streets from its own files only', async ({ page }) => {
	const elsewhere: string[] = [];
	const basemap: string[] = [];
	page.on('request', (request) => {
		const url = request.url();
		if (url.startsWith('data:') || url.startsWith('blob:')) return;
		if (new URL(url).origin !== origin) elsewhere.push(url);
		else if (/basemap\.pmtiles|\/fonts\//.test(url)) basemap.push(decodeURIComponent(new URL(url).pathname));
	});
	await page.addInitScript(() => {
		window.__nadzorTestHooks = true;
	});
	await page.goto(`${origin}/`);
	await expect(page.locator('html')).toHaveAttribute('data-map', 'ready', { timeout: 30_000 });
	const drawn = await streetsDrawn(page);
	expectScript(drawn.labels, 'sr-Latn');
	// The archive and the glyphs came from the folder.
	expect(basemap).toContain('/basemap.pmtiles');
	expect(basemap.some((file) => file.startsWith('/fonts/Noto Sans Regular/'))).toBe(true);
	await expect(page.locator('.maplibregl-ctrl-attrib')).toContainText('OpenStreetMap contributors');
	await expect(page.locator('.bar')).not.toContainText('Natural Earth');
	await expect(page.locator('html')).not.toHaveAttribute('data-map', 'error');
	expect(elsewhere, 'requests outside the snapshot').toEqual([]);
});
