/**
 * The street basemap beside the camera tiles, in one run, against a running built app
 * (`BENCH_URL`, default http://127.0.0.1:3210; start it with `node build/index.js`):
 *
 *   uncached  in-process: every z14 tile of central Belgrade through BasemapServer with no cache
 *             (a file read, and for `latin/` gunzip + transliteration + gzip), p50 per tile
 *   cached    over HTTP, 32 clients for 8 s (autocannon), gzip accepted: one basemap tile
 *             (`tiles/` and `latin/`) and one camera tile (`/tiles/cameras`), with their versions
 *
 * Usage: npx tsx bench/basemap.ts
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
const cameraUrl = cameraJson.tiles[0].replace('{z}', '14').replace('{x}', '9123').replace('{y}', '5905');
const version = archive.info.version;
const rows = [
	[
		'basemap tiles/ 14/9123/5905',
		p50(uncached.tiles),
		await cached(`${BASE}/basemap/tiles/14/9123/5905.mvt?v=${version}`)
	],
	[
		'basemap latin/ 14/9123/5905',
		p50(uncached.latin),
		await cached(`${BASE}/basemap/latin/14/9123/5905.mvt?v=${version}`)
	],
	['camera tile cameras/14/9123/5905', null, await cached(cameraUrl)]
] as const;

console.log(
	`load average ${os
		.loadavg()
		.map((v) => v.toFixed(1))
		.join(' ')}, ${os.cpus().length} cores, ${tiles.length} z14 tiles uncached`
);
console.log('| tile | uncached p50 (in-process) | cached p50 / p99 (32 clients, HTTP) | cached req/s | non-2xx |');
console.log('|---|---|---|---|---|');
for (const [name, cold, warm] of rows) {
	console.log(
		`| ${name} | ${cold === null ? '—' : `${cold.toFixed(1)} ms`} | ${warm.p50} / ${warm.p99} ms | ${warm.rps} | ${warm.bad} |`
	);
}
await archive.close();
