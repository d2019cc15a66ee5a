/**
 * Two encoders, one answer: on PostGIS, ST_AsMVT and the JavaScript encoder must give the same
 * features, geometry and attributes for every layer at several zooms; on both backends the
 * JavaScript tiles are valid and carry exactly the documented properties.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db';
import { decodeTile, readTile } from '../../support/mvt';
import {
	CLUSTER_SWITCH_ZOOM,
	DENSITY_CELLS_MAX_ZOOM,
	hexagonSize,
	type LayerName
} from '../../../src/lib/server/tiles/layers';
import { renderTile } from '../../../src/lib/server/tiles/render';
import { tileBounds, type TileId } from '../../../src/lib/server/tiles/tile';
import { tileAt } from '../../support/tiles';
import { testBackend, testDatabase } from '../harness';
import { CENTRE, insertDataset } from './dataset';

const cases: [LayerName, number][] = [
	['cameras', 0],
	['cameras', 6],
	['cameras', 10],
	['cameras', CLUSTER_SWITCH_ZOOM - 1],
	['cameras', CLUSTER_SWITCH_ZOOM],
	['cameras', 15],
	['cameras', 16],
	['fov', 15],
	['fov', 16],
	['areas', 4],
	['areas', 12],
	['areas', 16],
	['density', 0],
	['density', 8],
	['density', DENSITY_CELLS_MAX_ZOOM],
	['density', DENSITY_CELLS_MAX_ZOOM + 1],
	['density', 16]
];

/** The tile at the centre and its neighbours (edges and clipping included). */
function tilesAround(z: number): TileId[] {
	const centre = tileAt(CENTRE.lng, CENTRE.lat, z);
	const size = 2 ** z;
	const tiles: TileId[] = [];
	for (const dx of [-1, 0, 1]) {
		for (const dy of [-1, 0, 1]) {
			const x = centre.x + dx;
			const y = centre.y + dy;
			if (x >= 0 && y >= 0 && x < size && y < size && (z < 15 || dx === 0 || dy === 0)) tiles.push({ z, x, y });
		}
	}
	return tiles;
}

const filters = [
	{},
	{ type: ['camera' as const], capability: ['face_recognition' as const] },
	{ removed: true, confidence: 'verified' as const }
];

describe(`tile encoders (${testBackend()})`, () => {
	let database: Database;
	beforeAll(async () => {
		database = await testDatabase();
		await insertDataset(database.db);
	});
	afterAll(() => database?.close());

	it('makes valid tiles with exactly the documented properties', async () => {
		const cameraKeys = [
			'id',
			'surveillance_type',
			'camera_type',
			'mount',
			'zone',
			'operator_class',
			'face_recognition',
			'plate_reading',
			'confidence',
			'status',
			'directions',
			'last_seen'
		];
		let cameras = 0;
		for (const [layer, z] of cases) {
			for (const tile of tilesAround(z)) {
				const bytes = await renderTile(database.db, 'js', layer, tile, {});
				const layers = readTile(bytes);
				for (const { name, features } of layers) {
					expect(name).toBe(layer === 'cameras' && z < CLUSTER_SWITCH_ZOOM ? 'clusters' : layer);
					if (layer === 'density') expect(features.length).toBeGreaterThan(0);
					for (const feature of features) {
						const keys = Object.keys(feature.properties);
						if (name === 'cameras') {
							cameras++;
							expect(cameraKeys).toEqual(expect.arrayContaining(keys));
							expect(feature.properties.id).toBe(feature.id);
							expect(feature.properties.status).toBe('active');
							expect(feature.properties.directions).toMatch(/^(\d+(,\d+)*)?$/);
							if ('last_seen' in feature.properties)
								expect(feature.properties.last_seen).toMatch(/^\d{4}-\d{2}-\d{2}$/);
							expect(typeof feature.properties.face_recognition).toBe('boolean');
						}
						if (name === 'clusters') expect(keys.sort()).toEqual(['count', 'face_recognition', 'plate_reading']);
						if (name === 'density') {
							expect(keys).toEqual(['count']);
							expect(feature.properties.count).toBeGreaterThan(0);
							expect(feature.type).toBe(3);
						}
						if (name === 'fov') expect(['camera_type', 'confidence', 'id']).toEqual(expect.arrayContaining(keys));
						if (name === 'areas') {
							expect(feature.properties).toMatchObject({ slug: 'stari-grad-test', name_en: 'Old Town' });
							expect(feature.properties.cameras).toBeGreaterThan(50);
						}
					}
				}
			}
		}
		expect(cameras).toBeGreaterThan(50);
	});

	it('counts every active camera once in the clusters of a zoom', async () => {
		const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM cameras WHERE status = 'active'`.execute(
			database.db
		);
		for (const z of [0, 8, 10]) {
			let total = 0;
			for (const tile of tilesAround(z)) {
				for (const layer of readTile(await renderTile(database.db, 'js', 'cameras', tile, {}))) {
					for (const feature of layer.features) total += feature.properties.count as number;
				}
			}
			expect(total).toBe(rows[0].n);
		}
	});

	it('counts every active camera once in the hexagons of a low zoom, from the cells or from the cameras', async () => {
		const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM cameras WHERE status = 'active'`.execute(
			database.db
		);
		const everyType = { type: ['ALPR', 'camera', 'guard', 'gunshot_detector'] as const };
		for (const filter of [{}, { type: [...everyType.type] }]) {
			// At zoom 0 the whole world is one tile and the test cameras a few hexagons inside it.
			const tile = decodeTile(await renderTile(database.db, 'js', 'density', { z: 0, x: 0, y: 0 }, filter));
			const total = tile.density.features.reduce((sum, feature) => sum + (feature.properties.count as number), 0);
			expect(total).toBe(rows[0].n);
		}
	});

	it('counts each camera in the ST_HexagonGrid hexagon that holds it', async () => {
		for (const z of [DENSITY_CELLS_MAX_ZOOM + 1, 14, 16]) {
			for (const tile of tilesAround(z)) {
				const b = tileBounds(tile);
				const size = hexagonSize(z);
				const margin = (65 * (b.maxX - b.minX)) / 4096;
				const { rows } = await sql<{ count: number }>`
					SELECT count(*)::int AS count
					FROM ST_HexagonGrid(${size}::float8, ST_MakeEnvelope(${b.minX - 2 * size}::float8, ${b.minY - 2 * size}::float8,
						${b.maxX + 2 * size}::float8, ${b.maxY + 2 * size}::float8, 3857)) h
					JOIN cameras c ON ST_Intersects(h.geom, c.geom_3857) AND c.status = 'active'
					WHERE ST_Intersects(h.geom, ST_MakeEnvelope(${b.minX - margin}::float8, ${b.minY - margin}::float8,
						${b.maxX + margin}::float8, ${b.maxY + margin}::float8, 3857))
					GROUP BY h.i, h.j
					ORDER BY 1`.execute(database.db);
				const decoded = decodeTile(await renderTile(database.db, 'js', 'density', tile, {}));
				const counts = (decoded.density?.features ?? []).map((feature) => feature.properties.count as number);
				expect(counts.sort((a, b) => a - b)).toEqual(rows.map((row) => row.count));
			}
		}
	});

	it('puts filtered clusters, counted on the fly, in the same cells as the precomputed ones', async () => {
		// Every type listed: the same cameras as no filter, but counted from the cameras table.
		const everyType = {
			type: ['ALPR', 'camera', 'guard', 'gunshot_detector'] as ('camera' | 'ALPR' | 'guard' | 'gunshot_detector')[]
		};
		for (const z of [3, 9, CLUSTER_SWITCH_ZOOM - 1]) {
			for (const tile of tilesAround(z)) {
				const precomputed = await renderTile(database.db, 'js', 'cameras', tile, {});
				const onTheFly = await renderTile(database.db, 'js', 'cameras', tile, everyType);
				expect(decodeTile(onTheFly)).toEqual(decodeTile(precomputed));
			}
		}
	});

	it('keeps the cluster cells and the area counts in step with changes', async () => {
		const before = decodeTile(await renderTile(database.db, 'js', 'cameras', { z: 0, x: 0, y: 0 }, {}));
		const count = (tile: ReturnType<typeof decodeTile>) =>
			tile.clusters.features.reduce((sum, feature) => sum + (feature.properties.count as number), 0);
		const { rows } = await sql<{
			id: number;
		}>`SELECT id FROM cameras WHERE status = 'active' ORDER BY id LIMIT 3`.execute(database.db);
		await sql`UPDATE cameras SET status = 'removed', removed_on = '2026-05-01' WHERE id = ${rows[0].id}`.execute(
			database.db
		);
		await sql`DELETE FROM submissions WHERE camera_id = ${rows[1].id}`.execute(database.db);
		await sql`DELETE FROM cameras WHERE id = ${rows[1].id}`.execute(database.db);
		await sql`UPDATE cameras SET geom = ST_SetSRID(ST_MakePoint(-70, -30), 4326) WHERE id = ${rows[2].id}`.execute(
			database.db
		);
		const after = decodeTile(await renderTile(database.db, 'js', 'cameras', { z: 0, x: 0, y: 0 }, {}));
		expect(count(after)).toBe(count(before) - 2);
		// The areas layer's camera counts (from the statistics' aggregates) against a direct count.
		const { rows: direct } = await sql<{ slug: string; cameras: number }>`
			SELECT a.slug, count(c.id)::int AS cameras
			FROM areas a LEFT JOIN cameras c ON ST_Intersects(a.geom, c.geom) AND c.status = 'active'
			GROUP BY a.slug ORDER BY a.slug`.execute(database.db);
		expect(direct.some((area) => area.cameras > 0)).toBe(true);
		const areasTile = decodeTile(await renderTile(database.db, 'js', 'areas', { z: 0, x: 0, y: 0 }, {}));
		const shown = areasTile.areas.features
			.map((feature) => ({ slug: feature.properties.slug as string, cameras: feature.properties.cameras as number }))
			.sort((a, b) => a.slug.localeCompare(b.slug));
		expect(shown).toEqual(direct);
	});

	it('bumps the data version once per committed transaction', async () => {
		const version = async () =>
			(await database.db.selectFrom('tile_data_version').select('version').executeTakeFirstOrThrow()).version;
		const start = await version();
		await database.db.transaction().execute(async (trx) => {
			await sql`UPDATE cameras SET confirmations = confirmations + 1 WHERE id IN (SELECT id FROM cameras LIMIT 2)`.execute(
				trx
			);
			await sql`UPDATE cameras SET confirmations = confirmations + 1 WHERE id IN (SELECT id FROM cameras LIMIT 2)`.execute(
				trx
			);
			// Not visible before the commit.
			expect((await trx.selectFrom('tile_data_version').select('version').executeTakeFirstOrThrow()).version).toBe(
				start
			);
		});
		expect(await version()).toBe(start + 1);
		await expect(
			database.db.transaction().execute(async (trx) => {
				await sql`UPDATE cameras SET confirmations = 0`.execute(trx);
				throw new Error('roll back');
			})
		).rejects.toThrow('roll back');
		expect(await version()).toBe(start + 1);
		await sql`UPDATE areas SET name_en = 'Old Town (test)'`.execute(database.db);
		expect(await version()).toBe(start + 2);
		expect(await database.db.selectFrom('tile_data_changes').selectAll().execute()).toEqual([]);
	});

	it('gives the same tile from ST_AsMVT and from the JavaScript encoder', async () => {
		if (testBackend() === 'embedded') {
			// The embedded PostGIS is built without protobuf, which is why the JavaScript
			// encoder exists; the comparison itself runs on PostGIS.
			await expect(renderTile(database.db, 'native', 'cameras', tilesAround(15)[0], {})).rejects.toThrow();
			return;
		}
		let features = 0;
		for (const [layer, z] of cases) {
			for (const tile of tilesAround(z)) {
				for (const filter of filters) {
					const native = await renderTile(database.db, 'native', layer, tile, filter);
					const js = await renderTile(database.db, 'js', layer, tile, filter);
					const decoded = decodeTile(js);
					expect(decoded, `${layer} ${tile.z}/${tile.x}/${tile.y} ${JSON.stringify(filter)}`).toEqual(
						decodeTile(native)
					);
					features += Object.values(decoded).reduce((sum, l) => sum + l.features.length, 0);
					expect(() => readTile(native)).not.toThrow();
				}
			}
		}
		expect(features).toBeGreaterThan(500);
	});

	// PostGIS 3.3's ST_AsMVTGeom keeps points beyond the buffer when the query hands them over;
	// we keep exactly the points inside [-64, 4160] (as later PostGIS versions do): compare those.
	it('places points exactly where ST_AsMVTGeom does', async () => {
		if (testBackend() === 'embedded') {
			await expect(
				sql`SELECT ST_AsMVTGeom(ST_Point(0, 0, 3857), ST_TileEnvelope(0, 0, 0))`.execute(database.db)
			).rejects.toThrow();
			return;
		}
		for (const z of [CLUSTER_SWITCH_ZOOM, 15, 16]) {
			for (const tile of tilesAround(z)) {
				const b = tileBounds(tile);
				const { rows } = await sql<{ id: number; x: number; y: number }>`
					SELECT id, ST_X(g)::int AS x, ST_Y(g)::int AS y FROM (
						SELECT id, ST_AsMVTGeom(geom_3857, ST_TileEnvelope(${tile.z}, ${tile.x}, ${tile.y})) AS g
						FROM cameras WHERE status = 'active'
							AND geom_3857 && ST_Expand(ST_TileEnvelope(${tile.z}, ${tile.x}, ${tile.y}), ${(b.maxX - b.minX) / 32})
					) s WHERE g IS NOT NULL AND ST_X(g) BETWEEN -64 AND 4160 AND ST_Y(g) BETWEEN -64 AND 4160`.execute(database.db);
				const expected = rows.map((row) => ({ id: row.id, geometry: [[[row.x, row.y]]] })).sort((a, b) => a.id - b.id);
				const ours = decodeTile(await renderTile(database.db, 'js', 'cameras', tile, {})).cameras?.features ?? [];
				expect(ours.map(({ id, geometry }) => ({ id, geometry }))).toEqual(expected);
			}
		}
	});
});
