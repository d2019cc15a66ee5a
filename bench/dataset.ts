/**
 * The benchmark datasets (bench/tiles.ts, bench/snapshot.ts): realistic, clustered cameras on a
 * real PostgreSQL + PostGIS server.
 */
import fs from 'node:fs';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase } from '../src/lib/server/db';
import { migrateToLatest } from '../src/lib/server/db/migrate';

/** A small deterministic generator (mulberry32). */
export function random(seed: number) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Region copies: the US West as it is, then shifted to other land (lng, lat offsets). */
const REGIONS = [
	[0, 0],
	[142, 7],
	[100, -8],
	[60, 13]
];

export function databaseUrl(adminUrl: string, name: string) {
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	return url.toString();
}

/**
 * The database `<prefix>_<size>` (`nadzor_bench_<size>` unless BENCH_DATABASE_PREFIX says
 * otherwise: several people benchmarking on one server each keep their own) of cameras resampled from the OpenStreetMap nodes in
 * `data` (small jitter, copies shifted to other regions), built once and kept for later runs.
 * Returns its URL.
 */
export async function buildDataset(adminUrl: string, size: number, data: string): Promise<string> {
	const prefix = process.env.BENCH_DATABASE_PREFIX || 'nadzor_bench';
	if (!/^[a-z_][a-z0-9_]*$/.test(prefix)) throw new Error('BENCH_DATABASE_PREFIX: lower-case letters, digits and _');
	const name = `${prefix}_${size}`;
	const admin = new pg.Client({ connectionString: adminUrl });
	await admin.connect();
	const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount;
	if (!exists) await admin.query(`CREATE DATABASE ${name}`);
	await admin.end();
	const url = databaseUrl(adminUrl, name);
	const database = await openDatabase({ url, max: 2 });
	await migrateToLatest(database.db);
	const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM cameras`.execute(database.db);
	if (rows[0].n === size) {
		await database.close();
		return url;
	}
	const started = Date.now();
	await sql`TRUNCATE cameras CASCADE`.execute(database.db);
	const nodes = new Map<number, { lat: number; lon: number; alpr: boolean }>();
	for (const file of ['surveillance-nodes.json', 'alpr-nodes.json']) {
		for (const node of JSON.parse(fs.readFileSync(`${data}/${file}`, 'utf8')) as {
			id: number;
			lat: number;
			lon: number;
			type?: string;
		}[]) {
			nodes.set(node.id, { lat: node.lat, lon: node.lon, alpr: file.startsWith('alpr') || node.type === 'alpr' });
		}
	}
	const points = [...nodes.values()];
	const next = random(size);
	const perRegion = Math.ceil(size / REGIONS.length);
	const types = ['fixed', 'panning', 'dome', null];
	const batch = 20_000;
	let made = 0;
	while (made < size) {
		const n = Math.min(batch, size - made);
		const lng: number[] = [];
		const lat: number[] = [];
		const alpr: boolean[] = [];
		const type: (string | null)[] = [];
		const dirs: string[] = [];
		const caps: string[] = [];
		for (let i = 0; i < n; i++) {
			const [dLng, dLat] = REGIONS[Math.min(REGIONS.length - 1, Math.floor((made + i) / perRegion))];
			const p = points[Math.floor(next() * points.length)];
			// About 100 m of jitter: a resampled camera stays on the same streets.
			lng.push(p.lon + dLng + (next() - 0.5) * 0.0025);
			lat.push(p.lat + dLat + (next() - 0.5) * 0.0018);
			alpr.push(p.alpr);
			type.push(types[Math.floor(next() * types.length)]);
			dirs.push(next() < 0.6 ? `{${Math.floor(next() * 360)}}` : '{}');
			caps.push(p.alpr ? '{plate_reading}' : next() < 0.1 ? '{face_recognition}' : '{}');
		}
		await sql`
			INSERT INTO cameras (geom, surveillance_type, camera_type, camera_direction, capabilities, surveillance_zone, source, confidence)
			SELECT ST_SetSRID(ST_MakePoint(lng, lat), 4326), CASE WHEN alpr THEN 'ALPR' ELSE 'camera' END, type,
				dirs::smallint[], caps::text[], CASE WHEN alpr THEN 'traffic' END, 'osm', 'reported'
			FROM unnest(${lng}::float8[], ${lat}::float8[], ${alpr}::bool[], ${type}::text[], ${dirs}::text[], ${caps}::text[])
				AS t(lng, lat, alpr, type, dirs, caps)`.execute(database.db);
		made += n;
		process.stdout.write(`\r${name}: ${made} cameras`);
	}
	while (Number((await sql<{ n: number }>`SELECT tile_cells_compact(50000) AS n`.execute(database.db)).rows[0].n) > 0);
	await sql`VACUUM ANALYZE cameras`.execute(database.db);
	await sql`VACUUM ANALYZE camera_cells`.execute(database.db);
	console.log(`\r${name}: ${size} cameras built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
	await database.close();
	return url;
}
