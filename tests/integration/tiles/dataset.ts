/**
 * A fixed, varied set of cameras and one area around Belgrade for the tile tests: every
 * attribute value, several directions, removed cameras, cameras on tile edges.
 */
import { sql, type Kysely } from 'kysely';
import {
	capabilities,
	cameraMounts,
	cameraTypes,
	confidences,
	operatorClasses,
	surveillanceTypes,
	surveillanceZones
} from '../../../src/lib/camera-tags';
import type { DB } from '../../../src/lib/server/db';
import { multiPolygonFromGeoJSON } from '../../../src/lib/server/db/postgis';
import { fromMercator } from '../../../src/lib/geo/earth';
import { tileBounds } from '../../../src/lib/server/tiles/tile';
import { createCameras, type CameraValues } from '../../support/factories';

export const CENTRE = { lng: 20.4573, lat: 44.8176 };

/** A small deterministic generator (mulberry32). */
function random(seed: number) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export async function insertDataset(db: Kysely<DB>, count = 400): Promise<void> {
	const next = random(42);
	const pick = <T>(values: readonly T[]) => values[Math.floor(next() * values.length)];
	const rows = Array.from({ length: count }, (_, i): CameraValues => {
		const removed = i % 17 === 0;
		const directions = Array.from({ length: Math.floor(next() * 3) }, () => Math.floor(next() * 360));
		return {
			lng: CENTRE.lng + (next() - 0.5) * 0.08,
			lat: CENTRE.lat + (next() - 0.5) * 0.05,
			surveillance_type: pick(surveillanceTypes),
			camera_type: next() < 0.2 ? null : pick(cameraTypes),
			camera_mount: next() < 0.3 ? null : pick(cameraMounts),
			camera_direction: directions,
			surveillance_zone: next() < 0.3 ? null : pick(surveillanceZones),
			operator_class: pick(operatorClasses),
			capabilities: capabilities.filter(() => next() < 0.3),
			confidence: pick(confidences),
			status: removed ? 'removed' : 'active',
			removed_on: removed ? '2026-03-01' : null,
			last_seen: next() < 0.5 ? `2026-0${1 + Math.floor(next() * 9)}-1${Math.floor(next() * 9)}` : null,
			source: 'demo',
			source_ref: `tiles-test-${i}`
		};
	});
	// Cameras exactly on the edges and corners of a z15 tile.
	const b = tileBounds({ z: 15, x: 18246, y: 11791 });
	for (const [x, y] of [
		[b.minX, b.minY],
		[b.maxX, b.maxY],
		[b.minX, (b.minY + b.maxY) / 2],
		[(b.minX + b.maxX) / 2, b.maxY]
	]) {
		const [lng, lat] = fromMercator(x, y);
		rows.push({ ...rows[1], lng, lat, source_ref: `tiles-edge-${rows.length}` });
	}
	await createCameras(db, rows);
	const box = [
		[CENTRE.lng - 0.03, CENTRE.lat - 0.02],
		[CENTRE.lng + 0.03, CENTRE.lat - 0.02],
		[CENTRE.lng + 0.03, CENTRE.lat + 0.02],
		[CENTRE.lng - 0.03, CENTRE.lat + 0.02],
		[CENTRE.lng - 0.03, CENTRE.lat - 0.02]
	];
	await db
		.insertInto('areas')
		.values({
			slug: 'stari-grad-test',
			level: 'municipality',
			name_sr_latn: 'Stari grad',
			name_sr_cyrl: 'Стари град',
			name_en: 'Old Town',
			geom: multiPolygonFromGeoJSON({ type: 'Polygon', coordinates: [box] }),
			area_km2: 22
		})
		.execute();
	await sql`SELECT tile_cells_compact(100000)`.execute(db);
}
