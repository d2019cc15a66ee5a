/**
 * Vector tile benchmark on real PostgreSQL + PostGIS, run by hand:
 *
 *   npm run build && TEST_DATABASE_URL=postgres://nadzor:nadzor@127.0.0.1:5432/postgres npm run bench:tiles \
 *     [-- --sizes 100000,1000000] [--layers cameras,density] [--filter type=camera] [--zooms 6-16] [--tiles 150] [--port 3421]
 *     [--hot-only] [--hot-zoom 14] [--rounds 2]
 *
 * For each size it builds (once; kept for later runs; bench/dataset.ts) a database `nadzor_bench_<size>` of
 * cameras resampled from the OpenStreetMap nodes in /work/shared/data/osm-surveillance-us-west
 * (small jitter, copies shifted to other regions), then, per zoom, over many distinct tiles
 * where cameras are:
 *   raw       the layer's ST_AsMVT query timed inside the database (EXPLAIN ANALYZE)
 *   uncached  GET /tiles/{layer}/... from the built app with its cache off, 1 and 32 clients
 *   cached    the same with the cache warm, 32 clients (autocannon)
 * (`--raw-only`: only the in-database time and the tile sizes, no app, no build needed.)
 * and prints a table (p50 / p99 ms, requests/s, largest tile).
 *
 * Then the hot tiles (`--hot-only`: only these): 1 and 100 cached tiles of `--hot-zoom` (versioned
 * URLs, as the map asks), and 1 and 100 cached z14 tiles of the street basemap, 32 connections, the same gzip bytes from four servers in the same run,
 * in turn, `--rounds` times: the app's fast path (scripts/server.js), the app's full path (the
 * same process's framework-only port, FULL_PATH_PORT), a bare Node `http` server answering from a
 * Map with the app's own headers, and nginx (Debian package) with `gzip_static`, one worker, from
 * files written in a temporary directory with a temporary configuration; with the ratios and the
 * load average. Results go to bench/RESULTS.md. BENCH_DATABASE_PREFIX names the datasets
 * (bench/dataset.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { openDatabase } from '../src/lib/server/db';
import { parseCameraFilter, type CameraFilter } from '../src/lib/schemas/camera-filter';
import { isLayerName, layerQuery, type LayerName } from '../src/lib/server/tiles/layers';
import { nativeTileSql } from '../src/lib/server/tiles/repository';
import type { TileId } from '../src/lib/server/tiles/tile';
import { tileAt } from '../tests/support/tiles';
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
		'hot-only': { type: 'boolean', default: false },
		'hot-zoom': { type: 'string', default: '14' },
		rounds: { type: 'string', default: '2' },
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
async function pickTiles(
	url: string,
	size: number,
	zoomList = zooms,
	count = tilesPerZoom
): Promise<Map<number, TileId[]>> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	const { rows } = await client.query<{ lng: number; lat: number }>(
		`SELECT ST_X(geom) AS lng, ST_Y(geom) AS lat FROM cameras WHERE id % $1 = 0 ORDER BY id`,
		[Math.max(1, Math.floor(size / 5000))]
	);
	await client.end();
	const picked = new Map<number, TileId[]>();
	for (const z of zoomList) {
		const seen = new Map<string, TileId>();
		for (const row of rows) {
			const tile = tileAt(row.lng, row.lat, z);
			seen.set(`${tile.x}/${tile.y}`, tile);
		}
		const all = [...seen.values()];
		const next = random(z);
		const chosen: TileId[] = [];
		// Decided before drawing: `all` shrinks with every draw.
		const wanted = Math.min(count, all.length);
		while (chosen.length < wanted) chosen.push(all.splice(Math.floor(next() * all.length), 1)[0]);
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

/**
 * `connections` clients for `seconds`: requests/s and latency percentiles from every response's
 * own time (autocannon's histogram keeps whole milliseconds). A few socket errors or timeouts
 * on a busy machine are counted, not fatal; any non-2xx answer is.
 */
async function concurrent(paths: string[], connections: number, target = port) {
	const times: number[] = [];
	const instance = autocannon({
		url: `http://127.0.0.1:${target}`,
		connections,
		duration: seconds,
		requests: paths.map((path) => ({ method: 'GET', path, headers: { 'accept-encoding': 'gzip' } }))
	});
	instance.on('response', (_client: unknown, _status: number, _bytes: number, time: number) => times.push(time));
	const result = await instance;
	if (result.non2xx) throw new Error(`autocannon: ${result.non2xx} non-2xx answers`);
	if (result.errors > result.requests.total / 1000)
		throw new Error(`autocannon: ${result.errors} errors in ${result.requests.total} requests`);
	times.sort((a, b) => a - b);
	return {
		p50: percentile(times, 50),
		p99: percentile(times, 99),
		rps: result.requests.average,
		errors: result.errors + result.timeouts
	};
}

/** GET that resolves when the answer is 200. */
function ok(port: number, path: string): Promise<void> {
	return new Promise<void>((resolve, reject) =>
		http
			.get({ host: '127.0.0.1', port, path }, (r) => (r.resume(), r.statusCode === 200 ? resolve() : reject()))
			.on('error', reject)
	);
}

async function waitFor(port: number, path: string, what: string) {
	for (let i = 0; i < 150; i++) {
		try {
			return await ok(port, path);
		} catch {
			await new Promise((r) => setTimeout(r, 200));
		}
	}
	throw new Error(`${what} did not start`);
}

/** The production server (scripts/server.js); its framework-only port is `port + 1`. */
async function startApp(url: string, cacheMb: number, logLevel = 'warn'): Promise<ChildProcess> {
	const child = spawn(process.execPath, ['scripts/server.js'], {
		env: {
			...process.env,
			DATABASE_URL: url,
			PORT: String(port),
			FULL_PATH_PORT: String(port + 1),
			HOST: '127.0.0.1',
			SEED_DEMO: 'false',
			LOG_LEVEL: logLevel,
			TILE_CACHE_MB: String(cacheMb),
			ORIGIN: `http://127.0.0.1:${port}`
		},
		// The access log is read (and dropped) as a log collector would read it.
		stdio: ['ignore', 'pipe', 'inherit']
	});
	child.stdout!.resume();
	await waitFor(port, '/healthz', 'the app');
	return child;
}

const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));

/** One request's answer in full (status, headers, body). */
function fetchRaw(
	target: number,
	path: string
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
	return new Promise((resolve, reject) => {
		http
			.get({ host: '127.0.0.1', port: target, path, headers: { 'accept-encoding': 'gzip' } }, (response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () =>
					resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) })
				);
			})
			.on('error', reject);
	});
}

/** A bare Node `http` server answering each path from a Map with the given headers and bytes. */
async function startBare(
	target: number,
	dir: string,
	tiles: { path: string; headers: Record<string, string>; file: string }[]
) {
	const manifest = path.join(dir, 'bare.json');
	fs.writeFileSync(manifest, JSON.stringify(tiles));
	const code = `
		import fs from 'node:fs';
		import http from 'node:http';
		const tiles = new Map(JSON.parse(fs.readFileSync(${JSON.stringify(manifest)}, 'utf8'))
			.map((t) => [t.path, { headers: t.headers, body: fs.readFileSync(t.file) }]));
		http.createServer((req, res) => {
			const tile = tiles.get(req.url);
			if (!tile) return res.writeHead(404).end();
			res.writeHead(200, tile.headers);
			res.end(tile.body);
		}).listen(${target}, '127.0.0.1');`;
	const child = spawn(process.execPath, ['--input-type=module', '-e', code], {
		stdio: ['ignore', 'inherit', 'inherit']
	});
	await waitFor(target, tiles[0].path, 'the bare Node server');
	return child;
}

/** nginx with gzip_static, one worker, on a temporary configuration in `dir`. */
async function startNginx(target: number, dir: string, tiles: { path: string; file: string }[]) {
	const root = path.join(dir, 'root');
	for (const tile of tiles) {
		const file = path.join(root, tile.path.split('?')[0]);
		fs.mkdirSync(path.dirname(file), { recursive: true });
		fs.copyFileSync(tile.file, `${file}.gz`);
	}
	const config = path.join(dir, 'nginx.conf');
	fs.writeFileSync(
		config,
		`worker_processes 1;
daemon off;
user root;
pid ${dir}/nginx.pid;
error_log stderr warn;
events { worker_connections 4096; }
http {
	access_log off;
	client_body_temp_path ${dir}/body;
	proxy_temp_path ${dir}/proxy;
	fastcgi_temp_path ${dir}/fastcgi;
	uwsgi_temp_path ${dir}/uwsgi;
	scgi_temp_path ${dir}/scgi;
	types { application/vnd.mapbox-vector-tile mvt; }
	gzip_static always;
	gzip_vary on;
	etag on;
	server {
		listen 127.0.0.1:${target};
		root ${root};
		add_header cache-control "public, max-age=86400, immutable";
	}
}
`
	);
	const child = spawn('/usr/sbin/nginx', ['-c', config, '-p', dir], { stdio: ['ignore', 'inherit', 'inherit'] });
	await waitFor(target, tiles[0].path, 'nginx');
	return child;
}

async function stopChild(child: ChildProcess) {
	if (child.exitCode !== null) return;
	const exited = new Promise((resolve) => child.on('exit', resolve));
	child.kill('SIGTERM');
	setTimeout(() => child.kill('SIGKILL'), 3000).unref();
	await exited;
}

const ms = (n: number) => n.toFixed(2);
const load = () =>
	os
		.loadavg()
		.map((n) => n.toFixed(1))
		.join(' / ');

/**
 * 1 and 100 hot tiles from the fast path, the full path, a bare Node server and nginx, the same
 * bytes from each, in turn, `--rounds` times; prints each measurement and the best of the rounds.
 */
async function benchHot(url: string, size: number) {
	const zoom = Number(values['hot-zoom']);
	const rounds = Number(values.rounds);
	const picked = (await pickTiles(url, size, [zoom], 100)).get(zoom)!;
	if (picked.length < 100) throw new Error(`only ${picked.length} tiles with cameras at z${zoom}`);
	const app = await startApp(url, 512, 'info');
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nadzor-bench-hot-'));
	const children: ChildProcess[] = [app];
	try {
		const described = await fetchRaw(port, '/tiles/cameras.json');
		const tilejson = JSON.parse(
			(described.headers['content-encoding'] === 'gzip' ? gunzipSync(described.body) : described.body).toString()
		);
		const version = new URL(tilejson.tiles[0].replace(/\{(\w)\}/g, '0')).searchParams.get('v');
		type Hot = { path: string; headers: Record<string, string>; file: string };
		/** The bytes and headers of a cached tile (read through the full path first), checked on both paths. */
		const hold = async (tilePath: string, file: string): Promise<Hot> => {
			const full = await fetchRaw(port + 1, tilePath);
			const fast = await fetchRaw(port, tilePath);
			if (
				full.status !== 200 ||
				!fast.body.equals(full.body) ||
				!String(fast.headers['x-request-id']).match(/^[0-9a-f]{12}-/)
			)
				throw new Error(`${tilePath}: the fast path did not answer the cached tile as the full path does`);
			const headers: Record<string, string> = {};
			for (const [name, value] of Object.entries(fast.headers))
				if (!['x-request-id', 'date', 'connection', 'keep-alive'].includes(name)) headers[name] = String(value);
			fs.writeFileSync(file, fast.body);
			return { path: tilePath, headers, file };
		};
		const tiles: Hot[] = [];
		for (const [i, tile] of picked.entries())
			tiles.push(
				await hold(`/tiles/cameras/${zoom}/${tile.x}/${tile.y}.mvt?v=${version}`, path.join(dir, `${i}.mvt.gz`))
			);
		// The street basemap: 100 z14 tiles of central Belgrade from the archive (10 × 10 around
		// Terazije), versioned as the map asks for them.
		const basemapJson = await fetchRaw(port, '/basemap/tiles.json');
		const streets = JSON.parse(
			(basemapJson.headers['content-encoding'] === 'gzip' ? gunzipSync(basemapJson.body) : basemapJson.body).toString()
		);
		const streetsVersion = new URL(streets.tiles[0].replace(/\{(\w)\}/g, '0')).searchParams.get('v');
		const basemap: Hot[] = [];
		for (let i = 0; i < 100; i++) {
			const [x, y] = [9118 + (i % 10), 5900 + Math.floor(i / 10)];
			const held = await hold(`/basemap/tiles/14/${x}/${y}.mvt?v=${streetsVersion}`, path.join(dir, `b${i}.mvt.gz`));
			if (fs.statSync(held.file).size < 100) throw new Error(`${held.path}: an empty basemap tile`);
			basemap.push(held);
		}
		const sizes = (list: Hot[]) => list.map((t) => fs.statSync(t.file).size).sort((a, b) => a - b);
		const bytes = sizes(tiles);
		const basemapBytes = sizes(basemap);
		children.push(await startBare(port + 2, dir, [...tiles, ...basemap]));
		children.push(await startNginx(port + 3, dir, [...tiles, ...basemap]));
		const servers = [
			['app, fast path', port],
			['app, full path', port + 1],
			['bare Node http', port + 2],
			['nginx gzip_static, 1 worker', port + 3]
		] as const;
		const sets = [
			['1 hot tile', [tiles[0].path]],
			['100 hot tiles', tiles.map((t) => t.path)],
			['1 hot basemap tile', [basemap[0].path]],
			['100 hot basemap tiles', basemap.map((t) => t.path)]
		] as const;
		const best = new Map<string, { p50: number; p99: number; rps: number; errors: number }>();
		console.log(
			`\nHot tiles, ${size.toLocaleString('en')} cameras, z${zoom}, gzip ${bytes[0]}–${bytes.at(-1)} bytes (median ${bytes[50]}); basemap z14, gzip ${basemapBytes[0]}–${basemapBytes.at(-1)} bytes (median ${basemapBytes[50]}); 32 connections, ${seconds} s each, ${rounds} rounds`
		);
		console.log('| round | tiles | server | req/s | p50 / p99 ms | errors | load average (1/5/15 min) |');
		console.log('| - | - | - | - | - | - | - |');
		for (let round = 1; round <= rounds; round++) {
			for (const [setName, paths] of sets) {
				for (const [serverName, target] of servers) {
					await concurrent([...paths], 32, target); // warm-up: connections, JIT
					const result = await concurrent([...paths], 32, target);
					const key = `${setName}|${serverName}`;
					const previous = best.get(key);
					if (!previous || result.rps > previous.rps) best.set(key, result);
					console.log(
						`| ${round} | ${setName} | ${serverName} | ${fmt(result.rps)} | ${ms(result.p50)} / ${ms(result.p99)} | ${result.errors} | ${load()} |`
					);
				}
			}
		}
		console.log('\nBest of the rounds, and the ratios (req/s):\n');
		console.log(
			'| | fast path | full path | bare Node | nginx | fast / bare | fast / nginx | full / bare | fast / full |'
		);
		console.log('| - | - | - | - | - | - | - | - | - |');
		for (const [setName] of sets) {
			const get = (name: string) => best.get(`${setName}|${name}`)!;
			const [fast, full, bare, nginx] = servers.map(([name]) => get(name));
			const cell = (r: { rps: number; p50: number }) => `${fmt(r.rps)} / ${ms(r.p50)} ms`;
			const pct = (a: number, b: number) => `${Math.round((100 * a) / b)}%`;
			console.log(
				`| ${setName} | ${cell(fast)} | ${cell(full)} | ${cell(bare)} | ${cell(nginx)} | ${pct(fast.rps, bare.rps)} | ${pct(fast.rps, nginx.rps)} | ${pct(full.rps, bare.rps)} | ${(fast.rps / full.rps).toFixed(1)}× |`
			);
		}
	} finally {
		for (const child of children.reverse()) await stopChild(child);
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

async function main() {
	const client = new pg.Client({ connectionString: adminUrl });
	await client.connect();
	const settings: Record<string, string> = {};
	for (const name of ['server_version', 'shared_buffers', 'work_mem', 'jit'])
		settings[name] = (await client.query(`SHOW ${name}`)).rows[0][name];
	await client.end();
	console.log(`load average at the start (1/5/15 min): ${load()}`);
	console.log(
		`machine: ${os.cpus().length} cores, ${os.cpus()[0].model}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; PostgreSQL ${settings.server_version}, shared_buffers ${settings.shared_buffers}, work_mem ${settings.work_mem}, jit ${settings.jit}`
	);
	for (const size of values.sizes!.split(',').map(Number)) {
		const url = await buildDataset(adminUrl!, size, values.data!);
		if (!values['hot-only']) {
			const tiles = await pickTiles(url, size);
			for (const layer of benchLayers) await benchLayer(url, size, layer, tiles);
		}
		if (!values['raw-only']) await benchHot(url, size);
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
		await stopChild(app);

		app = await startApp(url, 512);
		const cached = new Map<
			number,
			{ one: { p50: number; p99: number }; many: { p50: number; p99: number; rps: number } }
		>();
		for (const z of zooms) {
			await sequential(paths(z));
			cached.set(z, { one: await sequential(paths(z)), many: await concurrent(paths(z), 32) });
		}
		await stopChild(app);

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
