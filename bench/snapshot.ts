/**
 * Static snapshot benchmark on real PostgreSQL + PostGIS, run by hand:
 *
 *   npm run build && TEST_DATABASE_URL=postgres://nadzor:nadzor@127.0.0.1:5432/postgres npm run bench:snapshot \
 *     [-- --size 100000] [--maxzoom 15] [--samples 50] [--port 3146]
 *
 * Uses the dataset of bench/tiles.ts (`nadzor_bench_<size>`, built once and kept), times
 * `writeSnapshot` (the code behind `npm run snapshot`; bar: under 5 minutes at 100k cameras),
 * then starts the built app on the same database and checks sampled tiles of the archives,
 * read with the `pmtiles` reader, against GET /tiles/... (decoded with @mapbox/vector-tile).
 * Prints a table for bench/RESULTS.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isDeepStrictEqual } from 'node:util';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { tileIdToZxy } from 'pmtiles';
import { readArchive } from '../tests/support/pmtiles';
import { openDatabase } from '../src/lib/server/db';
import { writeSnapshot } from '../src/lib/server/snapshot';
import { planTiles } from '../src/lib/server/snapshot/tiles';
import { buildDataset, random } from './dataset';

const { values } = parseArgs({
	options: {
		size: { type: 'string', default: '100000' },
		maxzoom: { type: 'string', default: '15' },
		samples: { type: 'string', default: '50' },
		port: { type: 'string', default: '3146' },
		data: { type: 'string', default: '/work/shared/data/osm-surveillance-us-west' }
	}
});
const adminUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
if (!adminUrl) throw new Error('TEST_DATABASE_URL: a superuser URL of the PostgreSQL server with the bench databases');
const size = Number(values.size);
const maxzoom = Number(values.maxzoom);
const samples = Number(values.samples);
const port = Number(values.port);

function decode(bytes: Uint8Array) {
	const tile = new VectorTile(new PbfReader(bytes));
	return Object.fromEntries(
		Object.entries(tile.layers).map(([name, layer]) => [
			name,
			Array.from({ length: layer.length }, (_, i) => {
				const feature = layer.feature(i);
				return { id: feature.id, type: feature.type, properties: feature.properties, geometry: feature.loadGeometry() };
			})
		])
	);
}

function get(pathname: string): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		http
			.get({ host: '127.0.0.1', port, path: pathname, headers: { 'accept-encoding': 'identity' } }, (response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () =>
					response.statusCode === 200
						? resolve(Buffer.concat(chunks))
						: reject(new Error(`${pathname}: ${response.statusCode}`))
				);
			})
			.on('error', reject);
	});
}

async function startApp(url: string): Promise<ChildProcess> {
	const child = spawn(process.execPath, ['build/index.js'], {
		env: {
			...process.env,
			DATABASE_URL: url,
			PORT: String(port),
			HOST: '127.0.0.1',
			SEED_DEMO: 'false',
			LOG_LEVEL: 'warn',
			ORIGIN: `http://127.0.0.1:${port}`,
			DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'nadzor-bench-snapshot-app-'))
		},
		stdio: ['ignore', 'inherit', 'inherit']
	});
	for (let i = 0; i < 150; i++) {
		try {
			await get('/healthz');
			return child;
		} catch {
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
	}
	child.kill();
	throw new Error('the app did not start');
}

const url = await buildDataset(adminUrl, size, values.data!);
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'nadzor-bench-snapshot-'));
const database = await openDatabase({ url, max: 8 });
const started = performance.now();
const summary = await writeSnapshot({ db: database.db, backend: 'postgis', out, maxzoom, concurrency: 16 });
const seconds = (performance.now() - started) / 1000;
const plans = await planTiles(database.db, { maxzoom });
await database.close();

const app = await startApp(url);
let checked = 0;
let identical = 0;
const differing: string[] = [];
try {
	// Sampled tiles that the archives hold, spread over the layers that have tiles.
	const next = random(size);
	const withTiles = plans.filter((plan) => plan.tileIds.length > 0);
	for (const [index, plan] of withTiles.entries()) {
		const archive = readArchive(path.join(out, `${plan.layer}.pmtiles`));
		const quota = Math.ceil((samples - checked) / (withTiles.length - index));
		const ids = [...plan.tileIds];
		let taken = 0;
		while (taken < quota && ids.length > 0) {
			const [id] = ids.splice(Math.floor(next() * ids.length), 1);
			const [z, x, y] = tileIdToZxy(id);
			const stored = await archive.getZxy(z, x, y);
			if (!stored) continue;
			taken++;
			checked++;
			const served = await get(`/tiles/${plan.layer}/${z}/${x}/${y}.mvt`);
			if (isDeepStrictEqual(decode(new Uint8Array(stored.data)), decode(served))) identical++;
			else differing.push(`${plan.layer} ${z}/${x}/${y}`);
		}
	}
} finally {
	app.kill();
}
fs.rmSync(out, { recursive: true, force: true });

const cpus = os.cpus();
console.log(
	`\nSnapshot of ${size.toLocaleString('en')} cameras, zoom 0-${maxzoom}, PostGIS, ${cpus.length} × ${cpus[0]?.model}`
);
console.log('| layer | candidate tiles | tiles written | archive |');
console.log('| --- | ---: | ---: | ---: |');
for (const layer of summary.layers)
	console.log(
		`| ${layer.layer} | ${layer.candidates} | ${layer.tiles} | ${(layer.bytes / 1024 / 1024).toFixed(1)} MiB |`
	);
console.log(`\n| time to write the snapshot | sampled tiles | identical to /tiles |`);
console.log('| ---: | ---: | ---: |');
console.log(`| ${seconds.toFixed(1)} s | ${checked} | ${identical} |`);
if (differing.length) {
	console.log(`differing: ${differing.join(', ')}`);
	process.exitCode = 1;
}
