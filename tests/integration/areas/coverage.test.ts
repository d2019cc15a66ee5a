/**
 * Coverage per area: the share of each area inside camera view, kept in cells
 * (migrations/0008_area_coverage.sql) and recomputed by `refreshCoverage`, equals a direct
 * ST_Union of every active camera's field of view intersected with the area, after cameras are
 * added, moved, removed and deleted, after an approval through the moderation service, and
 * after an area is redrawn. One cone is also checked by hand.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db';
import { point } from '../../../src/lib/server/db/postgis';
import { importAreas } from '../../../src/lib/server/areas/import';
import { decide } from '../../../src/lib/server/moderation/decide';
import { areaStatistics } from '../../../src/lib/server/stats/repository';
import { refreshCoverage } from '../../../src/lib/server/stats/coverage';
import { createCamera, createUser, report, type CameraValues } from '../../support/factories';
import { testBackend, testDatabase } from '../harness';
import { requestEvent, temporaryStorage } from '../submissions/helpers';
import { GET as statsCsv } from '../../../src/routes/api/v1/stats/areas.csv/+server';
import { GET as statsJson } from '../../../src/routes/api/v1/stats/areas.json/+server';

const LAT = 44.805;

function square(name: string, [west, south, east, north]: number[]) {
	return {
		type: 'Feature',
		properties: { name },
		geometry: {
			type: 'Polygon',
			coordinates: [
				[
					[west, south],
					[east, south],
					[east, north],
					[west, north],
					[west, south]
				]
			]
		}
	};
}

/** Two neighbouring municipalities (about 1.6 × 1.1 km each) and a city around both. */
const municipalities = {
	type: 'FeatureCollection',
	features: [square('Levo', [20.4, 44.8, 20.42, 44.81]), square('Desno', [20.42, 44.8, 20.44, 44.81])]
};
const city = { type: 'FeatureCollection', features: [square('Grad', [20.39, 44.795, 20.45, 44.815])] };

describe(`coverage per area (${testBackend()})`, () => {
	let database: Database;
	let photos: Awaited<ReturnType<typeof temporaryStorage>>;

	beforeAll(async () => {
		database = await testDatabase();
		photos = await temporaryStorage();
		await importAreas(database.db, municipalities, { level: 'municipality', nameField: 'name' });
		await importAreas(database.db, city, { level: 'city', nameField: 'name' });
	});
	afterAll(async () => {
		await database?.close();
		await photos?.remove();
	});

	async function addCamera(lng: number, lat: number, extra: Partial<CameraValues> = {}) {
		const row = await createCamera(database.db, { lng, lat, source: 'demo', ...extra });
		return row.id;
	}

	/** Share by a whole-area union, the way one would compute it without the cells. */
	async function directShares() {
		const { rows } = await sql<{ slug: string; share: number }>`
			SELECT a.slug, coalesce(ST_Area(ST_Intersection(
					(SELECT ST_Union(c.fov_3857) FROM cameras c WHERE c.status = 'active'),
					ST_Transform(a.geom, 3857))), 0) / ST_Area(ST_Transform(a.geom, 3857)) AS share
			FROM areas a ORDER BY a.slug`.execute(database.db);
		return Object.fromEntries(rows.map((row) => [row.slug, Number(row.share)]));
	}

	async function keptShares() {
		await refreshCoverage(database.db);
		const stats = await areaStatistics(database.db);
		return Object.fromEntries(stats.map((area) => [area.slug, area.coverageShare]));
	}

	async function expectKeptEqualsDirect() {
		const [kept, direct] = [await keptShares(), await directShares()];
		expect(Object.keys(kept).sort()).toEqual(['desno', 'grad', 'levo']);
		for (const slug of Object.keys(direct)) {
			expect(kept[slug], slug).not.toBeNull();
			expect(Math.abs(kept[slug]! - direct[slug]), slug).toBeLessThan(1e-6);
		}
		const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM coverage_dirty`.execute(database.db);
		expect(rows[0].n).toBe(0);
		return kept;
	}

	it('starts at zero and cuts every area into cells that add up to the area', async () => {
		expect(await expectKeptEqualsDirect()).toEqual({ desno: 0, grad: 0, levo: 0 });
		const { rows } = await sql<{ slug: string; cells: number; sum: number; whole: number }>`
			SELECT a.slug, count(*)::int AS cells, sum(ST_Area(k.geom)) AS sum, ST_Area(ST_Transform(a.geom, 3857)) AS whole
			FROM areas a JOIN coverage_cells k ON k.area_id = a.id GROUP BY a.id ORDER BY a.slug`.execute(database.db);
		for (const row of rows) {
			expect(row.cells).toBeGreaterThan(4);
			expect(Math.abs(row.sum / row.whole - 1)).toBeLessThan(1e-9);
		}
	});

	it('counts one all-round camera as a 24-gon of 40 ground metres', async () => {
		const id = await addCamera(20.41, LAT);
		const kept = await expectKeptEqualsDirect();
		// camera_fov: a circle of 24 vertices, radius 40 m / cos(latitude) in Web Mercator units.
		const r = 40 / Math.cos((LAT * Math.PI) / 180);
		const polygon = 12 * r * r * Math.sin(Math.PI / 12);
		const { rows } = await sql<{ slug: string; whole: number }>`
			SELECT slug, ST_Area(ST_Transform(geom, 3857)) AS whole FROM areas`.execute(database.db);
		const whole = Object.fromEntries(rows.map((row) => [row.slug, row.whole]));
		expect(kept.levo).toBeCloseTo(polygon / whole.levo, 7);
		expect(kept.grad).toBeCloseTo(polygon / whole.grad, 7);
		expect(kept.desno).toBe(0);
		const levo = (await areaStatistics(database.db)).find((area) => area.slug === 'levo')!;
		expect(levo.coveredKm2).toBeCloseTo(levo.coverageShare! * levo.areaKm2, 5);
		await database.db.deleteFrom('cameras').where('id', '=', id).execute();
	});

	it('follows inserts, overlapping cones, cones across a border, moves, removals and deletions', async () => {
		const ids: number[] = [];
		// A fan of directed cameras on the border between Levo and Desno, overlapping each other.
		for (let k = 0; k < 8; k++) {
			ids.push(
				await addCamera(20.42 + (k % 3) * 0.0002, 44.803 + k * 0.0003, {
					camera_type: k % 2 ? 'fixed' : 'panning',
					camera_direction: [k * 45, (k * 45 + 180) % 360],
					surveillance_zone: k % 4 === 0 ? 'traffic' : null
				})
			);
		}
		// Dense all-round cameras in Desno, many overlapping, some across grid squares.
		for (let k = 0; k < 30; k++) {
			ids.push(await addCamera(20.425 + (k % 6) * 0.0004, 44.801 + Math.floor(k / 6) * 0.0004));
		}
		// ALPR and a guard (the guard has no field of view).
		ids.push(await addCamera(20.405, 44.809, { surveillance_type: 'ALPR', camera_direction: [90] }));
		ids.push(await addCamera(20.406, 44.809, { surveillance_type: 'guard' }));
		const first = await expectKeptEqualsDirect();
		expect(first.levo).toBeGreaterThan(0);
		expect(first.desno).toBeGreaterThan(first.levo!);

		// Moves: one across the border, one out of every area.
		await database.db
			.updateTable('cameras')
			.set({ geom: point(20.415, 44.806) })
			.where('id', '=', ids[9])
			.execute();
		await database.db
			.updateTable('cameras')
			.set({ geom: point(20.6, 44.9) })
			.where('id', '=', ids[10])
			.execute();
		// A new direction only.
		await database.db
			.updateTable('cameras')
			.set({ camera_direction: [10] })
			.where('id', '=', ids[0])
			.execute();
		await expectKeptEqualsDirect();

		// Removals (tombstones stay, their cones no longer count) and a deletion.
		await database.db
			.updateTable('cameras')
			.set({ status: 'removed', removed_on: '2025-06-01' })
			.where('id', 'in', ids.slice(12, 20))
			.execute();
		await database.db.deleteFrom('cameras').where('id', '=', ids[1]).execute();
		const after = await expectKeptEqualsDirect();
		expect(after.desno).toBeLessThan(first.desno!);

		// Back again.
		await database.db
			.updateTable('cameras')
			.set({ status: 'active', removed_on: null })
			.where('id', 'in', ids.slice(12, 16))
			.execute();
		await expectKeptEqualsDirect();
	});

	it('shows an approval through the moderation service', async () => {
		const moderator = await createUser(database.db, { role: 'moderator' });
		const before = await keptShares();
		const sent = await report(database.db, photos.storage, { location: { lat: 44.8085, lng: 20.437 } });
		const decided = await decide(
			database.db,
			photos.storage,
			sent.publicId,
			moderator,
			{ action: 'approve', version: 1, photos: [] },
			'en'
		);
		expect(decided.ok).toBe(true);
		const after = await expectKeptEqualsDirect();
		expect(after.desno).toBeGreaterThan(before.desno!);
		expect(after.levo).toBe(before.levo);
	});

	it('publishes the share and the covered km² in the JSON and CSV API', async () => {
		await refreshCoverage(database.db);
		const kept = await keptShares();
		const json = (await (await statsJson(requestEvent(database, '/api/v1/stats/areas.json') as never)).json()) as {
			areas: { slug: string; coverageShare: number; coveredKm2: number; areaKm2: number }[];
		};
		const levo = json.areas.find((area) => area.slug === 'levo')!;
		expect(levo.coverageShare).toBe(kept.levo);
		expect(levo.coveredKm2).toBeCloseTo(levo.coverageShare * levo.areaKm2, 5);
		const text = await (await statsCsv(requestEvent(database, '/api/v1/stats/areas.csv') as never)).text();
		const [header, ...lines] = text.trim().split(/\r?\n/);
		const columns = header.split(',');
		expect(columns).toEqual(expect.arrayContaining(['biometric', 'coverage_share', 'covered_km2']));
		const row = lines.map((line) => line.split(',')).find((cells) => cells[columns.indexOf('slug')] === 'levo')!;
		expect(Number(row[columns.indexOf('coverage_share')])).toBe(kept.levo);
		expect(Number(row[columns.indexOf('covered_km2')])).toBe(levo.coveredKm2);
	});

	it('cuts a redrawn area again: unknown until computed, then equal to the direct share', async () => {
		await importAreas(
			database.db,
			{ type: 'FeatureCollection', features: [square('Levo', [20.4, 44.8, 20.43, 44.812])] },
			{ level: 'municipality', nameField: 'name' }
		);
		const pending = await areaStatistics(database.db);
		const levo = pending.find((area) => area.slug === 'levo')!;
		const { rows } = await sql<{ pending: number }>`
			SELECT pending FROM coverage_areas JOIN areas ON areas.id = area_id WHERE slug = 'levo'`.execute(database.db);
		// Cells that no cone comes near are known at once; the rest wait for the refresh.
		expect(levo.coverageShare === null).toBe(rows[0].pending > 0);
		expect(rows[0].pending).toBeGreaterThan(0);
		await expectKeptEqualsDirect();
	});

	it('leaves nothing behind when cameras are emptied', async () => {
		await sql`TRUNCATE cameras CASCADE`.execute(database.db);
		expect(await expectKeptEqualsDirect()).toEqual({ desno: 0, grad: 0, levo: 0 });
	});
});
