/**
 * Vector tile benchmark on real PostgreSQL + PostGIS, run by hand:
 *
 *   npm run build && TEST_DATABASE_URL=postgres://nadzor:nadzor@127.0.0.1:5432/postgres npm run bench:tiles \
 *     [-- --sizes 100000,1000000] [--layers cameras,density] [--filter type=camera] [--zooms 6-16] [--tiles 150] [--port 3421]
 *
 * For each size it builds (once; kept for later runs; bench/dataset.ts) a database `nadzor_bench_<size>` of
 * cameras resampled from the OpenStreetMap nodes in /work/shared/data/osm-surveillance-us-west
 * (small jitter, copies shifted to other regions), then, per zoom, over many distinct tiles
 * where cameras are:
 *   raw       the layer's ST_AsMVT query timed inside the database (EXPLAIN ANALYZE)
 *   uncached  GET /tiles/{layer}/... from the built app with its cache off, 1 and 32 clients
 *   cached    the same with the cache warm, 32 clients (autocannon)
 * (`--raw-only`: only the in-database time and the tile sizes, no app, no build needed.)
 * and prints a table (p50 / p99 ms, requests/s, largest tile). Results go to bench/RESULTS.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { openDatabase } from '../src/lib/server/db';
import { parseCameraFilter, type CameraFilter } from '../src/lib/schemas/camera-filter';
import { isLayerName, layerQuery, type LayerName } from '../src/lib/server/tiles/layers';
import { nativeTileSql } from '../src/lib/server/tiles/render';
import { tileAt, type TileId } from '../src/lib/server/tiles/tile';
import { buildDataset, random } from './dataset';

const { values } = parseArgs({
	options: {
		sizes: { type: 'string', default: '100000,1000000' },
		layers: { type: 'string', default: 'cameras,density' },
		filter: { type: 'string', default: '' },
		'raw-only': { type: 'boolean', default: false },
		zooms: { type: 'string', default: '6-16' },
		tiles: { type: 'string', default: '150' },
		port: { type: 'string', default: '3421' },
		seconds: { type: 'string', default: '4' },
		data: { type: 'string', default: '/work/shared/data/osm-surveillance-us-west' }
	}
});
const adminUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
if (!adminUrl)
	throw new Error('TEST_DATABASE_URL: a superuser URL of the PostgreSQL server to create the bench databases on');
const [zMin, zMax] = values.zooms!.split('-').map(Number);
const zooms = Array.from({ length: zMax - zMin + 1 }, (_, i) => zMin + i);
const tilesPerZoom = Number(values.tiles);
const port = Number(values.port);
const seconds = Number(values.seconds);
const benchLayers = values.layers!.split(',').map((name) => {
	if (!isLayerName(name)) throw new Error(`--layers: no layer ${name}`);
	return name;
});
const parsedFilter = parseCameraFilter(new URLSearchParams(values.filter));
if (!parsedFilter.ok) throw new Error(`--filter: ${parsedFilter.field} is not valid`);
const filter: CameraFilter = parsedFilter.filter;

/** Distinct tiles holding cameras, drawn from a deterministic sample of cameras. */
async function pickTiles(url: string, size: number): Promise<Map<number, TileId[]>> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	const { rows } = await client.query<{ lng: number; lat: number }>(
		`SELECT ST_X(geom) AS lng, ST_Y(geom) AS lat FROM cameras WHERE id % $1 = 0 ORDER BY id`,
		[Math.max(1, Math.floor(size / 5000))]
	);
	await client.end();
	const picked = new Map<number, TileId[]>();
	for (const z of zooms) {
		const seen = new Map<string, TileId>();
		for (const row of rows) {
			const tile = tileAt(row.lng, row.lat, z);
			seen.set(`${tile.x}/${tile.y}`, tile);
		}
		const all = [...seen.values()];
		const next = random(z);
		const chosen: TileId[] = [];
		while (chosen.length < Math.min(tilesPerZoom, all.length))
			chosen.push(all.splice(Math.floor(next() * all.length), 1)[0]);
		picked.set(z, chosen);
	}
	return picked;
}

const percentile = (sorted: number[], p: number) =>
	sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function raw(url: string, layer: LayerName, tiles: TileId[]) {
	const database = await openDatabase({ url, max: 1 });
	const times: number[] = [];
	let maxBytes = 0;
	for (const tile of tiles) {
		const query = nativeTileSql(layerQuery(layer, tile, filter));
		const compiled = query.compile(database.db);
		const explain = await database.pool.query(
			`EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ${compiled.sql}`,
			compiled.parameters as unknown[]
		);
		const plan = explain.rows[0]['QUERY PLAN'][0];
		times.push(plan['Planning Time'] + plan['Execution Time']);
		const { rows } = await query.execute(database.db);
		maxBytes = Math.max(maxBytes, rows[0]?.mvt?.length ?? 0);
	}
	await database.close();
	times.sort((a, b) => a - b);
	return { p50: percentile(times, 50), p99: percentile(times, 99), maxBytes };
}

function get(path: string): Promise<number> {
	return new Promise((resolve, reject) => {
		const request = http.get({ host: '127.0.0.1', port, path, headers: { 'accept-encoding': 'gzip' } }, (response) => {
			response.resume();
			response.on('end', () =>
				response.statusCode === 200 ? resolve(0) : reject(new Error(`${path}: ${response.statusCode}`))
			);
		});
		request.on('error', reject);
	});
}

/** One client, one request at a time: exact latencies. */
async function sequential(paths: string[]) {
	const times: number[] = [];
	for (const path of paths) {
		const started = performance.now();
		await get(path);
		times.push(performance.now() - started);
	}
	times.sort((a, b) => a - b);
	return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

async function concurrent(paths: string[], connections: number) {
	const result = await autocannon({
		url: `http://127.0.0.1:${port}`,
		connections,
		duration: seconds,
		requests: paths.map((path) => ({ method: 'GET', path, headers: { 'accept-encoding': 'gzip' } }))
	});
	if (result.non2xx || result.errors) throw new Error(`autocannon: ${result.non2xx} non-2xx, ${result.errors} errors`);
	return { p50: result.latency.p50, p99: result.latency.p99, rps: result.requests.average };
}

async function startApp(url: string, cacheMb: number): Promise<ChildProcess> {
	const child = spawn(process.execPath, ['build/index.js'], {
		env: {
			...process.env,
			DATABASE_URL: url,
			PORT: String(port),
			HOST: '127.0.0.1',
			SEED_DEMO: 'false',
			LOG_LEVEL: 'warn',
			TILE_CACHE_MB: String(cacheMb),
			ORIGIN: `http://127.0.0.1:${port}`
		},
		stdio: ['ignore', 'inherit', 'inherit']
	});
	for (let i = 0; i < 100; i++) {
		try {
			await new Promise<void>((resolve, reject) =>
				http
					.get(
						{ host: '127.0.0.1', port, path: '/healthz' },
						(r) => (r.resume(), r.statusCode === 200 ? resolve() : reject())
					)
					.on('error', reject)
			);
			return child;
		} catch {
			await new Promise((r) => setTimeout(r, 200));
		}
	}
	throw new Error('the app did not start');
}

async function stopApp(child: ChildProcess) {
	const exited = new Promise((resolve) => child.on('exit', resolve));
	child.kill('SIGTERM');
	setTimeout(() => child.kill('SIGKILL'), 2000).unref();
	await exited;
}

const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));

async function main() {
	const client = new pg.Client({ connectionString: adminUrl });
	await client.connect();
	const settings: Record<string, string> = {};
	for (const name of ['server_version', 'shared_buffers', 'work_mem', 'jit'])
		settings[name] = (await client.query(`SHOW ${name}`)).rows[0][name];
	await client.end();
	console.log(
		`machine: ${os.cpus().length} cores, ${os.cpus()[0].model}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; PostgreSQL ${settings.server_version}, shared_buffers ${settings.shared_buffers}, work_mem ${settings.work_mem}, jit ${settings.jit}`
	);
	for (const size of values.sizes!.split(',').map(Number)) {
		const url = await buildDataset(adminUrl!, size, values.data!);
		const tiles = await pickTiles(url, size);
		for (const layer of benchLayers) await benchLayer(url, size, layer, tiles);
	}
}

async function benchLayer(url: string, size: number, layer: LayerName, tiles: Map<number, TileId[]>) {
	{
		const query = values.filter ? `?${values.filter}` : '';
		const paths = (z: number) => tiles.get(z)!.map((t) => `/tiles/${layer}/${z}/${t.x}/${t.y}.mvt${query}`);
		const rows: string[] = [];
		const rawResults = new Map<number, Awaited<ReturnType<typeof raw>>>();
		for (const z of zooms) rawResults.set(z, await raw(url, layer, tiles.get(z)!));
		if (values['raw-only']) {
			console.log(
				`\n${size.toLocaleString('en')} cameras (layer \`${layer}\`, ${values.filter ? `filter ${values.filter}` : 'default filter'}), in the database only\n`
			);
			console.log('| z | tiles | raw ST_AsMVT p50 / p99 ms | largest tile KB |');
			console.log('| - | - | - | - |');
			for (const z of zooms) {
				const r = rawResults.get(z)!;
				console.log(
					`| ${z} | ${tiles.get(z)!.length} | ${fmt(r.p50)} / ${fmt(r.p99)} | ${(r.maxBytes / 1024).toFixed(1)} |`
				);
			}
			return;
		}

		let app = await startApp(url, 0);
		const uncached = new Map<
			number,
			{ one: { p50: number; p99: number }; many: { p50: number; p99: number; rps: number } }
		>();
		for (const z of zooms) {
			await sequential(paths(z).slice(0, 10));
			uncached.set(z, { one: await sequential(paths(z)), many: await concurrent(paths(z), 32) });
		}
		await stopApp(app);

		app = await startApp(url, 512);
		const cached = new Map<
			number,
			{ one: { p50: number; p99: number }; many: { p50: number; p99: number; rps: number } }
		>();
		for (const z of zooms) {
			await sequential(paths(z));
			cached.set(z, { one: await sequential(paths(z)), many: await concurrent(paths(z), 32) });
		}
		await stopApp(app);

		for (const z of zooms) {
			const r = rawResults.get(z)!;
			const u = uncached.get(z)!;
			const c = cached.get(z)!;
			rows.push(
				`| ${z} | ${tiles.get(z)!.length} | ${fmt(r.p50)} / ${fmt(r.p99)} | ${fmt(u.one.p50)} / ${fmt(u.one.p99)} | ${fmt(u.many.p50)} / ${fmt(u.many.p99)} / ${fmt(u.many.rps)} | ${fmt(c.one.p50)} / ${fmt(c.one.p99)} | ${fmt(c.many.p50)} / ${fmt(c.many.p99)} / ${fmt(c.many.rps)} | ${(r.maxBytes / 1024).toFixed(1)} |`
			);
		}
		console.log(
			`\n${size.toLocaleString('en')} cameras (layer \`${layer}\`, ${values.filter ? `filter ${values.filter}` : 'default filter'})\n`
		);
		console.log(
			'| z | tiles | raw ST_AsMVT p50 / p99 ms | uncached 1 client p50 / p99 | uncached 32 clients p50 / p99 / req/s | cached 1 client p50 / p99 | cached 32 clients p50 / p99 / req/s | largest tile KB |'
		);
		console.log('| - | - | - | - | - | - | - | - |');
		for (const row of rows) console.log(row);
	}
}

await main();
