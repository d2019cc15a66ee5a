/**
 * The street basemap beside the camera tiles, in one run, against a running built app
 * (`BENCH_URL`, default http://127.0.0.1:3210; start it with `node build/index.js`):
 *
 *   uncached  in-process: every z14 tile of central Belgrade through BasemapServer with no cache
 *             (a file read, and for `latin/` gunzip + transliteration + gzip), p50 per tile
 *   uncached  over HTTP: the first request for each z14 tile of another part of the city (not yet
 *             in the app's tile caches: run against a freshly started app), one at a time, p50;
 *             basemap and camera tiles of the same places
 *   cached    over HTTP, 32 clients for 8 s (autocannon), gzip accepted: one basemap tile
 *             (`tiles/` and `latin/`) and one camera tile (`/tiles/cameras`), with their versions
 *
 * Usage: BENCH_URL=http://127.0.0.1:3423 npx tsx bench/basemap.ts
 */
import os from 'node:os';
import autocannon from 'autocannon';
import { BasemapArchive } from '../src/lib/server/basemap/archive';
import { tileIdsIn } from '../src/lib/server/basemap/build';
import { GlyphFolder } from '../src/lib/server/basemap/glyphs';
import { BasemapServer, type Script } from '../src/lib/server/basemap/server';

const BASE = process.env.BENCH_URL ?? 'http://127.0.0.1:3210';
const p50 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const archive = await BasemapArchive.open('basemap/belgrade.pmtiles');
const tiles = tileIdsIn([20.43, 44.8, 20.49, 44.83], 14, 14);
const uncached: Record<Script, number[]> = { tiles: [], latin: [] };
for (const script of ['tiles', 'latin'] as const) {
	const server = new BasemapServer({ archive, fonts: new GlyphFolder('basemap/fonts'), cacheBytes: 0 });
	for (const tile of tiles) {
		const started = performance.now();
		await server.tile(script, tile.z, tile.x, tile.y);
		uncached[script].push(performance.now() - started);
	}
}

async function cached(url: string) {
	const result = await autocannon({
		url,
		connections: 32,
		duration: 8,
		headers: { 'accept-encoding': 'gzip' }
	});
	return {
		p50: result.latency.p50,
		p99: result.latency.p99,
		rps: Math.round(result.requests.average),
		bad: result.non2xx + result.errors
	};
}

const cameraJson = (await (await fetch(`${BASE}/tiles/cameras.json`)).json()) as { tiles: string[] };
const cameraTemplate = cameraJson.tiles[0];
const at = (template: string, z: number, x: number, y: number) =>
	template.replace('{z}', String(z)).replace('{x}', String(x)).replace('{y}', String(y));
const cameraUrl = at(cameraTemplate, 14, 9123, 5905);
const version = archive.info.version;

/** First requests, one at a time, for tiles the app has not served yet: p50 of the full answer. */
const coldTiles = tileIdsIn([20.37, 44.77, 20.42, 44.8], 14, 14);
async function uncachedHttp(template: string) {
	const times: number[] = [];
	for (const tile of coldTiles) {
		const started = performance.now();
		const reply = await fetch(at(template, tile.z, tile.x, tile.y), { headers: { 'accept-encoding': 'gzip' } });
		await reply.arrayBuffer();
		if (!reply.ok) throw new Error(`${reply.status} for ${reply.url}`);
		times.push(performance.now() - started);
	}
	return p50(times);
}
const basemapTemplate = (script: Script) => `${BASE}/basemap/${script}/{z}/{x}/{y}.mvt?v=${version}`;
const cold = {
	tiles: await uncachedHttp(basemapTemplate('tiles')),
	latin: await uncachedHttp(basemapTemplate('latin')),
	cameras: await uncachedHttp(cameraTemplate)
};

const rows = [
	[
		'basemap tiles/ 14/9123/5905',
		p50(uncached.tiles),
		cold.tiles,
		await cached(`${BASE}/basemap/tiles/14/9123/5905.mvt?v=${version}`)
	],
	[
		'basemap latin/ 14/9123/5905',
		p50(uncached.latin),
		cold.latin,
		await cached(`${BASE}/basemap/latin/14/9123/5905.mvt?v=${version}`)
	],
	['camera tile cameras/14/9123/5905', null, cold.cameras, await cached(cameraUrl)]
] as const;

console.log(
	`load average ${os
		.loadavg()
		.map((v) => v.toFixed(1))
		.join(
			' '
		)} at the end, ${os.cpus().length} cores; ${tiles.length} z14 tiles in-process, ${coldTiles.length} over HTTP uncached`
);
console.log(
	'| tile | uncached p50 (in-process) | uncached p50 (HTTP, first request) | cached p50 / p99 (32 clients, HTTP) | cached req/s | non-2xx |'
);
console.log('|---|---|---|---|---|---|');
for (const [name, inProcess, firstRequest, warm] of rows) {
	console.log(
		`| ${name} | ${inProcess === null ? '—' : `${inProcess.toFixed(1)} ms`} | ${firstRequest.toFixed(1)} ms | ${warm.p50} / ${warm.p99} ms | ${warm.rps} | ${warm.bad} |`
	);
}
console.log(
	`cached req/s, camera tile / basemap latin tile: ${(rows[2][3].rps / Math.max(1, rows[1][3].rps)).toFixed(1)}×`
);
await archive.close();
