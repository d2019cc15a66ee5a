/**
 * Demo data: the City of Belgrade outline and a deterministic set of generated cameras
 * around real places where Belgrade's camera network is dense. Every camera is marked
 * `source = 'demo'` so the interface can say so and an operator can delete them in one go.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/lib/server/db/schema';
import { multiPolygonFromGeoJSON, point } from '../src/lib/server/db/postgis';
import type { Translate } from '../src/lib/i18n';

const SEEDS_DIR = path.resolve(process.env.SEEDS_DIR ?? 'seeds');

/** Centres of the generated clusters: [name, lat, lon, cameras]. */
const clusters: [string, number, number, number][] = [
	['Terazije', 44.8153, 20.4604, 40],
	['Slavija', 44.8027, 20.4665, 30],
	['Ušće', 44.8156, 20.4372, 25],
	['Zemun', 44.8434, 20.411, 25],
	['Autokomanda', 44.7864, 20.4711, 25],
	['Karaburma', 44.815, 20.51, 15],
	['Banovo brdo', 44.7807, 20.4116, 15],
	['Voždovac', 44.77, 20.49, 15],
	['Blok 45', 44.8, 20.37, 15],
	['Mirijevo', 44.798, 20.53, 10],
	['Vračar', 44.7985, 20.4765, 20],
	['Dorćol', 44.8235, 20.4655, 15]
];

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
	const cameras: DemoCamera[] = [];
	for (const [, lat, lng, count] of clusters) {
		for (let i = 0; i < count; i++) {
			// Box–Muller: normally distributed offsets, σ ≈ 350 m.
			const r = Math.sqrt(-2 * Math.log(1 - next())) * 0.0032;
			const angle = 2 * Math.PI * next();
			const cameraType = pick(next, [
				['dome', 5],
				['fixed', 4],
				['panning', 1]
			]);
			const police = next() < 0.7;
			const day = 1 + Math.floor(next() * 28);
			cameras.push({
				lat: Number((lat + r * Math.sin(angle) * 0.71).toFixed(6)),
				lng: Number((lng + r * Math.cos(angle)).toFixed(6)),
				camera_type: cameraType,
				camera_mount: pick(next, [
					['pole', 6],
					['wall', 3],
					['street_lamp', 2],
					['traffic_signals', 2]
				]),
				surveillance_zone: pick(next, [
					['street', 5],
					['traffic', 4],
					['town', 2],
					['building', 1]
				]),
				camera_direction: cameraType === 'dome' ? [] : [Math.floor(next() * 72) * 5],
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
				source_ref: `demo-${cameras.length + 1}`
			});
		}
	}
	return cameras;
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

/** Seeds the outline and the demo cameras when the database holds no area and no camera. */
export async function seedDemoIfEmpty(db: Kysely<DB>): Promise<boolean> {
	const { rows } = await sql<{ seeded: boolean }>`
		SELECT EXISTS (SELECT 1 FROM cameras) OR EXISTS (SELECT 1 FROM areas) AS seeded`.execute(db);
	if (rows[0].seeded) return false;
	await db.transaction().execute(async (trx) => {
		await seedBelgradeArea(trx);
		await seedDemoCameras(trx);
	});
	return true;
}
