/**
 * Any city: `npm run basemap` builds Monaco's street basemap from its OpenStreetMap extract
 * (tilemaker), and the app started with that archive draws Monaco's streets and their names in
 * the browser (read back with queryRenderedFeatures), from its own server only.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { exposeMap } from './map-hooks';
import { streetsDrawn } from './streets';

/** The project's copy of ../shared/data/osm-extract-monaco/monaco-latest.osm.pbf (byte for byte). */
const EXTRACT = 'seeds/data/monaco-latest.osm.pbf';
/** Monte-Carlo, Boulevard des Moulins. */
const MONTE_CARLO = { lat: 43.7396, lng: 7.4236 };

let folder = '';
let app: ChildProcess | undefined;
let origin = '';

/** A port nobody listens on now. */
function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = net.createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as net.AddressInfo;
			probe.close(() => resolve(port));
		});
	});
}

test.beforeAll(async () => {
	// tilemaker on the extract, then the built app (npm run build, as for every e2e run) on an empty database.
	test.setTimeout(300_000);
	folder = fs.mkdtempSync(path.join(os.tmpdir(), 'nadzor-e2e-monaco-'));
	const archive = path.join(folder, 'monaco.pmtiles');
	const printed = execFileSync('npx', ['tsx', 'scripts/basemap.ts', '--from', EXTRACT, '--out', archive], {
		encoding: 'utf8'
	});
	expect(printed).toMatch(/monaco\.pmtiles: \d+ tiles/);
	const port = await freePort();
	origin = `http://localhost:${port}`;
	app = spawn('node', ['scripts/server.js'], {
		env: {
			...process.env,
			PORT: String(port),
			ORIGIN: origin,
			DATA_DIR: path.join(folder, 'data'),
			DATABASE_URL: '',
			BASEMAP_PMTILES: archive,
			SEED_DEMO: 'false',
			LOG_LEVEL: 'warn'
		},
		stdio: 'ignore'
	});
	await expect
		.poll(
			() =>
				fetch(`${origin}/healthz`).then(
					(reply) => reply.status,
					() => 0
				),
			{ timeout: 120_000 }
		)
		.toBe(200);
});

test.afterAll(async () => {
	if (app && app.exitCode === null) {
		const exited = new Promise((resolve) => app!.once('exit', resolve));
		app.kill('SIGTERM');
		await exited;
	}
	if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

test('the app started with an archive built for Monaco draws Monaco’s streets', async ({ page }) => {
	const elsewhere: string[] = [];
	const tiles: string[] = [];
	page.on('request', (request) => {
		const url = request.url();
		if (url.startsWith('data:') || url.startsWith('blob:')) return;
		if (new URL(url).origin !== origin) elsewhere.push(url);
		else if (url.includes('/basemap/latin/')) tiles.push(url);
	});
	await exposeMap(page);
	await page.goto(`${origin}/?lang=en#map=16/${MONTE_CARLO.lat}/${MONTE_CARLO.lng}`);
	const drawn = await streetsDrawn(page, MONTE_CARLO);
	expect(
		drawn.labels.some((name) => /^(Boulevard|Avenue|Rue|Place|Quai) /.test(name)),
		drawn.labels.join(', ')
	).toBe(true);
	expect(tiles.length).toBeGreaterThan(0);
	await expect(page.locator('.maplibregl-ctrl-attrib')).toContainText('OpenStreetMap contributors');
	expect(elsewhere, 'requests to other hosts').toEqual([]);
});
