/**
 * Demo data: the City of Belgrade outline, its 17 municipalities, and a deterministic set of
 * generated cameras at junctions and along the main roads. Every camera is marked
 * `source = 'demo'` so the interface can say so and an operator can delete them in one go.
 */
import fs from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/lib/server/db/schema';
import { multiPolygonFromGeoJSON, point } from '../src/lib/server/db/postgis';
import type { Translate } from '../src/lib/i18n';

const SEEDS_DIR = path.resolve(process.env.SEEDS_DIR ?? 'seeds');

/**
 * Where the demo cameras stand: junctions and points along the main roads of the Belgrade basemap,
 * denser towards the centre, a few in every municipality. Made once by `seeds/make-demo-cameras.ts`
 * from the basemap and kept as a file, so a first start does not need the basemap.
 */
interface DemoPositions {
	/** [lng, lat, 1 at a junction, direction of the road in degrees, municipality slug] */
	cameras: [number, number, 0 | 1, number, string][];
}

function demoPositions(): DemoPositions['cameras'] {
	const file = path.join(SEEDS_DIR, 'data/belgrade-demo-cameras.json');
	return (JSON.parse(readFileSync(file, 'utf8')) as DemoPositions).cameras;
}

/** Mulberry32: a tiny seeded PRNG, so every install gets the same demo set. */
function random(seed: number) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function pick<T>(next: () => number, weighted: [T, number][]): T {
	const total = weighted.reduce((sum, [, weight]) => sum + weight, 0);
	let roll = next() * total;
	for (const [value, weight] of weighted) if ((roll -= weight) < 0) return value;
	return weighted[weighted.length - 1][0];
}

export interface DemoCamera {
	lat: number;
	lng: number;
	camera_type: string;
	camera_mount: string;
	surveillance_zone: string;
	camera_direction: number[];
	operator: string | null;
	operator_class: string;
	manufacturer: string | null;
	capabilities: string[];
	height: number;
	last_seen: string;
	source_ref: string;
}

export function demoCameras(): DemoCamera[] {
	const next = random(20_19);
	return demoPositions().map(([lng, lat, junction, road], index) => {
		const cameraType = pick(next, [
			['dome', 5],
			['fixed', 4],
			['panning', 1]
		]);
		const police = next() < 0.7;
		const day = 1 + Math.floor(next() * 28);
		// A fixed or panning camera looks along the road it stands on, one way or the other.
		const direction = (road + (next() < 0.5 ? 0 : 180)) % 360;
		return {
			lat,
			lng,
			camera_type: cameraType,
			camera_mount: junction
				? pick(next, [
						['traffic_signals', 5],
						['pole', 4],
						['wall', 1]
					])
				: pick(next, [
						['pole', 6],
						['wall', 3],
						['street_lamp', 3]
					]),
			surveillance_zone: junction
				? pick(next, [
						['traffic', 5],
						['street', 3],
						['town', 1]
					])
				: pick(next, [
						['street', 5],
						['traffic', 2],
						['town', 2],
						['building', 1]
					]),
			camera_direction: cameraType === 'dome' ? [] : [direction],
			operator: police ? 'MUP Srbije' : null,
			operator_class: police
				? 'police'
				: pick(next, [
						['government', 1],
						['private', 2],
						['unknown', 2]
					]),
			manufacturer: police ? 'Huawei' : null,
			capabilities: police && next() < 0.6 ? ['face_recognition'] : [],
			height: 4 + Math.round(next() * 6),
			last_seen: `2026-${String(1 + Math.floor(next() * 10)).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
			source_ref: `demo-${index + 1}`
		};
	});
}

/** Inserts the Belgrade outline as an area (once). */
export async function seedBelgradeArea(db: Kysely<DB>): Promise<void> {
	const file = path.join(SEEDS_DIR, 'data/belgrade-boundary.geojson');
	const collection = JSON.parse(await fs.readFile(file, 'utf8'));
	const feature = collection.features[0];
	const geom = multiPolygonFromGeoJSON(feature.geometry);
	await db
		.insertInto('areas')
		.values({
			slug: 'beograd',
			level: 'city',
			name_sr_latn: feature.properties.name_sr_latn,
			name_sr_cyrl: feature.properties.name_sr_cyrl,
			name_en: feature.properties.name_en,
			// 2022 census, Republic Statistical Office of Serbia.
			population: 1_681_405,
			population_source: 'Popis 2022, RZS',
			source: 'Natural Earth (public domain)',
			geom,
			area_km2: sql<number>`ST_Area(${geom}::geography) / 1e6`
		})
		.onConflict((oc) => oc.column('slug').doNothing())
		.execute();
}

/**
 * A made-up camera model for the demo, so the catalogue (/models) and the "biometric-capable"
 * filter have something to show. It is not a real product and says so; real models are added
 * by moderators with links to real evidence (docs/moderation.md).
 */
export const DEMO_MODEL = {
	manufacturer: 'Primer (demo)',
	model: 'DK-1 izmišljena kamera',
	capabilities: ['face_recognition'],
	evidence: [{ url: 'https://example.org/nadzor-demo-model', title: 'Demo: nije stvarni proizvod' }],
	notes: 'Izmišljen model za demo podatke. Ne opisuje nijedan stvarni proizvod.'
};

/**
 * The demo model in the reader's language: it is stored once (in Serbian Latin, like the demo
 * cameras' place names) and its words are messages, so an English or Cyrillic page shows it in
 * the reader's language. Any other model is shown as its moderators wrote it.
 */
export function inReadersLanguage<
	T extends { manufacturer: string; model: string; notes: string | null; evidence: { url: string; title: string }[] }
>(model: T, t: Translate): T {
	if (model.manufacturer !== DEMO_MODEL.manufacturer || model.model !== DEMO_MODEL.model) return model;
	return {
		...model,
		manufacturer: t('models.demo.manufacturer'),
		// A product code stays as written in every script.
		model: t('models.demo.model', { code: 'DK-1' }),
		notes: t('models.demo.notes'),
		evidence: model.evidence.map((link) =>
			link.url === DEMO_MODEL.evidence[0].url ? { ...link, title: t('models.demo.evidence') } : link
		)
	};
}

/** The demo model's id, adding it first if it is missing. */
export async function seedDemoModel(db: Kysely<DB>): Promise<number> {
	const found = await db
		.selectFrom('camera_models')
		.select('id')
		.where('manufacturer', '=', DEMO_MODEL.manufacturer)
		.where('model', '=', DEMO_MODEL.model)
		.executeTakeFirst();
	if (found) return found.id;
	const { id } = await db
		.insertInto('camera_models')
		.values({ ...DEMO_MODEL, evidence: JSON.stringify(DEMO_MODEL.evidence) })
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}

export async function seedDemoCameras(db: Kysely<DB>): Promise<number> {
	const modelId = await seedDemoModel(db);
	// Every fifth police camera is of the demo model (biometric-capable through its model).
	const rows = demoCameras().map(({ lat, lng, ...camera }, index) => ({
		...camera,
		model_id: camera.operator_class === 'police' && index % 5 === 0 ? modelId : null,
		geom: point(lng, lat),
		source: 'demo',
		confidence: 'verified',
		first_seen: camera.last_seen
	}));
	await db
		.insertInto('cameras')
		.values(rows)
		.onConflict((oc) => oc.columns(['source', 'source_ref']).where('source_ref', 'is not', null).doNothing())
		.execute();
	return rows.length;
}

export const MUNICIPALITIES_SOURCE =
	'OpenStreetMap boundaries of August 2021 (© OpenStreetMap contributors, ODbL 1.0), seeds/data/SOURCES.md';

/**
 * Inserts the 17 city municipalities of Belgrade (once): polygons rebuilt from OpenStreetMap
 * boundaries, names in both scripts and English, 2022 census population
 * (seeds/data/SOURCES.md). Inserted directly: the file is checked (valid polygons that tile the
 * city), and the seed runs in the caller's transaction.
 */
export async function seedBelgradeMunicipalities(db: Kysely<DB>): Promise<void> {
	const file = path.join(SEEDS_DIR, 'data/belgrade-municipalities.geojson');
	const collection = JSON.parse(await fs.readFile(file, 'utf8'));
	const rows = collection.features.map(
		(feature: {
			properties: {
				slug: string;
				name: string;
				name_cyrl: string;
				name_en: string;
				population: number;
				population_source: string;
			};
			geometry: unknown;
		}) => {
			const geom = multiPolygonFromGeoJSON(feature.geometry);
			return {
				slug: feature.properties.slug,
				level: 'municipality',
				name_sr_latn: feature.properties.name,
				name_sr_cyrl: feature.properties.name_cyrl,
				name_en: feature.properties.name_en,
				population: feature.properties.population,
				population_source: feature.properties.population_source,
				source: MUNICIPALITIES_SOURCE,
				geom,
				area_km2: sql<number>`ST_Area(${geom}::geography) / 1e6`
			};
		}
	);
	await db
		.insertInto('areas')
		.values(rows)
		.onConflict((oc) => oc.column('slug').doNothing())
		.execute();
}

/** Seeds the outlines and the demo cameras when the database holds no area and no camera. */
export async function seedDemoIfEmpty(db: Kysely<DB>): Promise<boolean> {
	const { rows } = await sql<{ seeded: boolean }>`
		SELECT EXISTS (SELECT 1 FROM cameras) OR EXISTS (SELECT 1 FROM areas) AS seeded`.execute(db);
	if (rows[0].seeded) return false;
	await db.transaction().execute(async (trx) => {
		await seedBelgradeArea(trx);
		await seedBelgradeMunicipalities(trx);
		await seedDemoCameras(trx);
	});
	return true;
}
