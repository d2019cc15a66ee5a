/**
 * Statistics at scale, on real PostGIS: 17 municipalities plus the city around them, 100k and
 * 1M cameras clustered like a city, then
 *  - the statistics API (`GET /api/v1/stats/areas.json`, the built app) at 1 and 8 concurrent
 *    clients: p50 / p99 / req/s (bar: p50 <= 20 ms at 1M);
 *  - an approval through the moderation service, and the time until the API shows it (bar: 5 s);
 *  - the per-area counts against a direct point-in-polygon count (must be equal);
 *  - coverage (share of each area in camera view, migrations/0008_area_coverage.sql): the time
 *    to compute every cell after the bulk insert (`refreshCoverage`, what the app's job does in
 *    the background), the time until an approval shows in the API's coverageShare, and, up to
 *    100k cameras, the largest difference from a direct whole-area ST_Union (and how long that
 *    direct union takes, the cost per change the cells avoid).
 * Run (superuser URL; creates and drops the database nadzor_bench_stats):
 *   BENCH_DATABASE_URL=postgres://nadzor:nadzor@127.0.0.1:5432/postgres npx tsx bench/stats.ts [100000 1000000]
 * (BENCH_DATABASE_NAME and BENCH_PORT change the database name and the app's port.)
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../src/lib/server/db';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { importAreas } from '../src/lib/server/areas/import';
import { decide } from '../src/lib/server/moderation/decide';
import { diskStorage } from '../src/lib/server/storage';
import { refreshCoverage } from '../src/lib/server/stats/coverage';
import { report } from '../tests/support/factories';

const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://nadzor:nadzor@127.0.0.1:5432/postgres';
const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const NAME = process.env.BENCH_DATABASE_NAME ?? 'nadzor_bench_stats';
const PORT = Number(process.env.BENCH_PORT ?? 3391);
const url = new URL(adminUrl);
url.pathname = `/${NAME}`;

async function admin(query: string) {
	const client = new pg.Client({ connectionString: adminUrl });
	await client.connect();
	try {
		return await client.query(query);
	} finally {
		await client.end();
	}
}

function municipalities() {
	const features = [];
	for (let row = 0; row < 4; row++) {
		for (let column = 0; column < 5; column++) {
			const index = row * 5 + column;
			if (index === 3 || index === 11 || index === 18) continue;
			const [x, y] = [20.2 + column * 0.1, 44.6 + row * 0.1];
			features.push({
				type: 'Feature',
				properties: { name: `Opština ${index + 1}`, population: 20_000 + index * 5000 },
				geometry: {
					type: 'Polygon',
					coordinates: [
						[
							[x, y],
							[x + 0.1, y],
							[x + 0.1, y + 0.1],
							[x, y + 0.1],
							[x, y]
						]
					]
				}
			});
		}
	}
	return { type: 'FeatureCollection', features };
}

async function measure(connections: number) {
	const result = await autocannon({
		url: `http://127.0.0.1:${PORT}/api/v1/stats/areas.json`,
		connections,
		duration: 8
	});
	return {
		p50: result.latency.p50,
		p99: result.latency.p99,
		rps: Math.round(result.requests.average),
		errors: result.non2xx + result.errors
	};
}

const rows: string[][] = [];
await admin(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
await admin(`CREATE DATABASE ${NAME}`);
const database = await openDatabase({ url: url.href, max: 4 });
const { db } = database;
await migrateToLatest(db);
await importAreas(db, municipalities(), { level: 'municipality', nameField: 'name', populationField: 'population' });
await importAreas(
	db,
	{
		type: 'FeatureCollection',
		features: [
			{
				type: 'Feature',
				properties: { name: 'Grad' },
				geometry: {
					type: 'Polygon',
					coordinates: [
						[
							[20.2, 44.6],
							[20.7, 44.6],
							[20.7, 45.0],
							[20.2, 45.0],
							[20.2, 44.6]
						]
					]
				}
			}
		]
	},
	{ level: 'city', nameField: 'name' }
);
const moderator = await db
	.insertInto('users')
	.values({ username: 'bench-moderator', password_hash: '$argon2id$bench', role: 'moderator' })
	.returning('id')
	.executeTakeFirstOrThrow();
const storage = diskStorage(path.join(os.tmpdir(), 'nadzor-bench-stats-photos'));

let loaded = 0;
for (const size of sizes.length ? sizes : [100_000, 1_000_000]) {
	const started = performance.now();
	await sql`
		INSERT INTO cameras (geom, surveillance_type, operator_class, capabilities, first_seen, source)
		SELECT ST_SetSRID(ST_MakePoint(
				20.45 + (CASE WHEN i % 3 = 0 THEN 0.25 ELSE 0.05 END) * sin(i * 1.7) * ((i::bigint * 7919) % 1000) / 1000.0,
				44.80 + (CASE WHEN i % 3 = 0 THEN 0.20 ELSE 0.04 END) * cos(i * 2.3) * ((i::bigint * 104729) % 1000) / 1000.0), 4326),
			(ARRAY['camera', 'camera', 'ALPR', 'guard'])[1 + i % 4],
			(ARRAY['police', 'government', 'private', 'unknown', 'transport'])[1 + i % 5],
			CASE WHEN i % 7 = 0 THEN ARRAY['face_recognition'] ELSE '{}' END,
			date '2024-01-01' + (i % 1000),
			'demo'
		FROM generate_series(${loaded + 1}::int, ${size}::int) AS i`.execute(db);
	const insertSeconds = (performance.now() - started) / 1000;
	loaded = size;
	await sql`ANALYZE`.execute(db);

	const coverageStarted = performance.now();
	const squares = await refreshCoverage(db); // also waits for a job elsewhere to finish
	const coverageSeconds = (performance.now() - coverageStarted) / 1000;
	let coverageCheck = 'not run (over 100k)';
	if (size <= 100_000) {
		const directStarted = performance.now();
		const { rows: direct } = await sql<{ diff: number }>`
			WITH seen AS (SELECT ST_Union(fov_3857) AS fov FROM cameras WHERE status = 'active')
			SELECT max(abs(coalesce(ST_Area(ST_Intersection(seen.fov, ST_Transform(a.geom, 3857))), 0) / k.area_m2
				- k.covered_m2 / k.area_m2)) AS diff
			FROM areas a JOIN coverage_areas k ON k.area_id = a.id, seen`.execute(db);
		coverageCheck = `${Number(direct[0].diff).toExponential(1)} (direct union ${((performance.now() - directStarted) / 1000).toFixed(1)} s)`;
	}

	const { rows: mismatched } = await sql<{ n: number }>`
		WITH direct AS (
			SELECT a.id, count(c.id) AS n FROM areas a LEFT JOIN cameras c ON ST_Intersects(a.geom, c.geom) AND c.status = 'active' GROUP BY a.id
		), kept AS (
			SELECT area_id AS id, sum(cameras) AS n FROM area_stat_counts WHERE status = 'active' GROUP BY area_id
		)
		SELECT count(*)::int AS n FROM direct LEFT JOIN kept USING (id) WHERE direct.n <> coalesce(kept.n, 0)`.execute(db);

	const app = spawn(process.execPath, ['build/index.js'], {
		env: {
			...process.env,
			DATABASE_URL: url.href,
			PORT: String(PORT),
			HOST: '127.0.0.1',
			ORIGIN: `http://127.0.0.1:${PORT}`,
			SEED_DEMO: 'false',
			LOG_LEVEL: 'error'
		},
		stdio: 'ignore'
	});
	for (let i = 0; i < 100; i++) {
		const up = await fetch(`http://127.0.0.1:${PORT}/healthz`)
			.then((r) => r.ok)
			.catch(() => false);
		if (up) break;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	await measure(4); // warm-up
	const one = await measure(1);
	const eight = await measure(8);

	// An approval in Opština 13, and how long until the API says so.
	const opstina13 = async () => {
		const body = (await (await fetch(`http://127.0.0.1:${PORT}/api/v1/stats/areas.json`)).json()) as {
			areas: { slug: string; cameras: number; coverageShare: number | null }[];
		};
		return body.areas.find((area) => area.slug === 'opstina-13')!;
	};
	const countIn = async () => (await opstina13()).cameras;
	const before = await countIn();
	const coverageBefore = (await opstina13()).coverageShare;
	// A new place each round (a camera where the last round's stands would add no coverage).
	const sent = await report(db, storage, { location: { lat: 44.85 + rows.length * 0.002, lng: 20.45 } });
	const approvedAt = performance.now();
	const decided = await decide(
		db,
		storage,
		sent.publicId,
		moderator,
		{ action: 'approve', version: 1, photos: [] },
		'en'
	);
	if (!decided.ok) throw new Error('approval failed');
	while ((await countIn()) !== before + 1) await new Promise((resolve) => setTimeout(resolve, 20));
	const visibleMs = performance.now() - approvedAt;
	// The camera stands where others may already see everything: wait at most 10 s for a change.
	while ((await opstina13()).coverageShare === coverageBefore && performance.now() - approvedAt < 10_000) {
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
	const coverageMs = performance.now() - approvedAt;
	// Wait until the app has gone: its coverage job holds the lock while it runs.
	await new Promise((resolve) => {
		app.once('exit', resolve);
		app.kill();
	});
	loaded += 1;

	rows.push([
		size.toLocaleString('en'),
		`${insertSeconds.toFixed(0)} s`,
		`${one.p50} / ${one.p99} ms, ${one.rps}/s`,
		`${eight.p50} / ${eight.p99} ms, ${eight.rps}/s`,
		`${(visibleMs / 1000).toFixed(2)} s`,
		`${mismatched[0].n} of 18`,
		`${squares} squares in ${coverageSeconds.toFixed(1)} s`,
		coverageMs >= 10_000 ? 'unchanged after 10 s' : `${(coverageMs / 1000).toFixed(2)} s`,
		coverageCheck,
		String(one.errors + eight.errors)
	]);
}

const settings = await sql<{ name: string; setting: string }>`
	SELECT name, setting FROM pg_settings WHERE name IN ('shared_buffers', 'work_mem', 'jit', 'server_version')`.execute(
	db
);
await database.close();
await admin(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);

console.log(`machine: ${os.cpus()[0].model}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB`);
console.log(`PostgreSQL: ${settings.rows.map((row) => `${row.name}=${row.setting}`).join(', ')}`);
console.log(
	'| cameras | bulk insert (with triggers) | stats API, 1 client: p50 / p99, rate | 8 clients | approval visible in the API | areas differing from a direct count | coverage: all cells computed | coverage: approval visible | coverage: largest difference from a direct union | non-2xx / errors |'
);
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
