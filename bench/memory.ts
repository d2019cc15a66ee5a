/**
 * What the embedded database costs: the production server's memory idle and under load, on the
 * embedded database (PGlite, in the app's process) and on PostgreSQL + PostGIS (the app, plus
 * the PostgreSQL backends serving it), with the demo data on both. Run by hand:
 *
 *   npm run build && TEST_DATABASE_URL=postgres://…superuser…/postgres npx tsx bench/memory.ts \
 *     [--seconds 20] [--connections 16] [--port 3431]
 *
 * For each backend: start `scripts/server.js` on a fresh data directory (and, for PostGIS, a
 * fresh database `<BENCH_DATABASE_PREFIX or nadzor_bench>_memory`), wait for /healthz, then
 * 10 s idle (the resident set, RSS, of the app), then `--seconds` of load from `--connections`
 * clients over a mix of requests (uncached tiles at z10–16 around Belgrade, the camera GeoJSON of
 * a box, the area statistics, the map page), sampling the app's RSS four times a second; the
 * peak is the kernel's high-water mark (VmHWM). PostgreSQL's share: the proportional set size
 * (PSS: shared buffers split among the processes that touched them) of the backends connected
 * to the benchmark's database, at the same moments. Prints a table for bench/RESULTS.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { tileAt } from '../tests/support/tiles';
import { databaseUrl } from './dataset';

const { values } = parseArgs({
	options: {
		seconds: { type: 'string', default: '20' },
		connections: { type: 'string', default: '16' },
		port: { type: 'string', default: '3431' }
	}
});
const adminUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
if (!adminUrl) throw new Error('TEST_DATABASE_URL: a superuser URL of a PostgreSQL server with PostGIS');
const port = Number(values.port);
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const prefix = process.env.BENCH_DATABASE_PREFIX || 'nadzor_bench';
const MB = 1024 * 1024;

/** A field of /proc/<pid>/status in bytes (VmRSS, VmHWM). */
function status(pid: number, field: string): number {
	const line = fs
		.readFileSync(`/proc/${pid}/status`, 'utf8')
		.split('\n')
		.find((l) => l.startsWith(`${field}:`));
	return Number(line?.split(/\s+/)[1] ?? 0) * 1024;
}

/** Proportional set size of a process in bytes (0 if it is gone). */
function pss(pid: number): number {
	try {
		const line = fs
			.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8')
			.split('\n')
			.find((l) => l.startsWith('Pss:'));
		return Number(line?.split(/\s+/)[1] ?? 0) * 1024;
	} catch {
		return 0;
	}
}

async function waitUntilHealthy(child: ChildProcess) {
	for (let i = 0; i < 900; i++) {
		if (child.exitCode !== null) throw new Error('the app exited');
		const up = await new Promise<boolean>((resolve) =>
			http
				.get({ host: '127.0.0.1', port, path: '/healthz' }, (r) => (r.resume(), resolve(r.statusCode === 200)))
				.on('error', () => resolve(false))
		);
		if (up) return;
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error('the app did not start');
}

/** The request mix: many distinct tiles (a cache miss each, at first), GeoJSON, statistics, a page. */
function requests() {
	const list: { method: 'GET'; path: string; headers: Record<string, string> }[] = [];
	const get = (p: string) => list.push({ method: 'GET', path: p, headers: { 'accept-encoding': 'gzip' } });
	for (let z = 10; z <= 16; z++) {
		const centre = tileAt(20.4573, 44.8176, z);
		const span = Math.min(3, 2 ** (z - 10));
		for (let dx = -span; dx <= span; dx++)
			for (let dy = -span; dy <= span; dy++) {
				get(`/tiles/cameras/${z}/${centre.x + dx}/${centre.y + dy}.mvt`);
				if (z >= 12) get(`/tiles/density/${z}/${centre.x + dx}/${centre.y + dy}.mvt`);
			}
	}
	for (let i = 0; i < 10; i++) get('/api/v1/cameras.geojson?bbox=20.3,44.7,20.6,44.9');
	for (let i = 0; i < 10; i++) get('/api/v1/stats/areas.json');
	for (let i = 0; i < 10; i++) get('/');
	return list;
}

interface Measured {
	idleMb: number;
	peakMb: number;
	databaseIdleMb: number;
	databasePeakMb: number;
	rps: number;
	p50: number;
	p99: number;
	non2xx: number;
}

async function measure(backend: 'embedded' | 'postgis'): Promise<Measured> {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nadzor-bench-memory-'));
	const database = `${prefix}_memory`;
	let url = '';
	const admin = new pg.Client({ connectionString: adminUrl });
	await admin.connect();
	if (backend === 'postgis') {
		await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
		await admin.query(`CREATE DATABASE ${database}`);
		url = databaseUrl(adminUrl!, database);
	}
	const child = spawn(process.execPath, ['scripts/server.js'], {
		env: {
			...process.env,
			DATABASE_URL: url,
			DATA_DIR: dataDir,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: `http://127.0.0.1:${port}`,
			LOG_LEVEL: 'warn',
			SEED_DEMO: 'true'
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	const pid = child.pid!;
	const backends = async () => {
		if (backend !== 'postgis') return 0;
		const { rows } = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [
			database
		]);
		return rows.reduce((sum, row) => sum + pss(row.pid), 0);
	};
	try {
		await waitUntilHealthy(child);
		await new Promise((r) => setTimeout(r, 10_000));
		const idle = status(pid, 'VmRSS');
		const databaseIdle = await backends();
		let databasePeak = databaseIdle;
		let sampling = true;
		const sampler = (async () => {
			while (sampling) {
				databasePeak = Math.max(databasePeak, await backends());
				await new Promise((r) => setTimeout(r, 250));
			}
		})();
		const result = await autocannon({
			url: `http://127.0.0.1:${port}`,
			connections,
			duration: seconds,
			requests: requests()
		});
		sampling = false;
		await sampler;
		return {
			idleMb: idle / MB,
			peakMb: status(pid, 'VmHWM') / MB,
			databaseIdleMb: databaseIdle / MB,
			databasePeakMb: databasePeak / MB,
			rps: result.requests.average,
			p50: result.latency.p50,
			p99: result.latency.p99,
			non2xx: result.non2xx + result.errors
		};
	} finally {
		const exited = new Promise((resolve) => child.on('exit', resolve));
		child.kill('SIGTERM');
		setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
		await exited;
		if (backend === 'postgis') await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
		await admin.end();
		fs.rmSync(dataDir, { recursive: true, force: true });
	}
}

const load = () =>
	os
		.loadavg()
		.map((n) => n.toFixed(1))
		.join(' / ');
console.log(`load average at the start (1/5/15 min): ${load()}`);
const embedded = await measure('embedded');
console.log(`embedded done; load average ${load()}`);
const postgis = await measure('postgis');
console.log(`PostGIS done; load average ${load()}`);
const mb = (n: number) => `${n.toFixed(0)} MB`;
console.log(`\n${connections} clients, ${seconds} s, demo data (Belgrade)\n`);
console.log('| | embedded (PGlite in the app) | PostGIS: the app | PostGIS: its PostgreSQL backends (PSS) |');
console.log('| - | - | - | - |');
console.log(`| idle | ${mb(embedded.idleMb)} | ${mb(postgis.idleMb)} | ${mb(postgis.databaseIdleMb)} |`);
console.log(`| peak under load | ${mb(embedded.peakMb)} | ${mb(postgis.peakMb)} | ${mb(postgis.databasePeakMb)} |`);
console.log(
	`| requests/s, p50 / p99 ms | ${embedded.rps.toFixed(0)}, ${embedded.p50} / ${embedded.p99} | ${postgis.rps.toFixed(0)}, ${postgis.p50} / ${postgis.p99} | |`
);
console.log(`| non-2xx or errors | ${embedded.non2xx} | ${postgis.non2xx} | |`);
