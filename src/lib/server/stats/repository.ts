/**
 * Statistics per area, read from the aggregates the database keeps up to date
 * (migrations/0006_area_stats.sql): a few rows per area whatever the number of cameras.
 * Counts are of active cameras unless said otherwise; removed cameras are counted apart.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { lngLat } from '../db/postgis';

export interface AreaStatistics {
	slug: string;
	level: string;
	name: { 'sr-Latn': string; 'sr-Cyrl': string; en: string };
	areaKm2: number;
	population: number | null;
	populationSource: string | null;
	/** Active cameras. */
	cameras: number;
	removed: number;
	perKm2: number;
	/** Per 10,000 residents, where the population is known. */
	per10k: number | null;
	byType: Record<string, number>;
	byOperator: Record<string, number>;
	byConfidence: Record<string, number>;
	/** Cameras suspected of face recognition / plate reading (their own suspected capabilities). */
	capabilities: { face_recognition: number; plate_reading: number };
	/**
	 * Biometric-capable cameras: suspected of face recognition themselves, or of a model whose
	 * catalogue entry lists face recognition (/models).
	 */
	biometric: number;
	/**
	 * Share of the area (0..1) inside the assumed field of view of at least one active camera;
	 * null while a new or redrawn outline is still being computed (migrations/0008_area_coverage.sql).
	 */
	coverageShare: number | null;
	/** coverageShare × areaKm2. */
	coveredKm2: number | null;
	/** 1 = most cameras among the areas of the same level (the municipalities, say). */
	rank: number;
	/** Areas of that level. */
	rankOf: number;
	/**
	 * What an authority says it operates here ("officially admitted"), where known
	 * (migrations/0016_area_claims.sql).
	 */
	claim: { cameras: number; source: string; statedOn: string; url: string | null } | null;
	/** Per calendar month (YYYY-MM): cameras verified (first seen) and removed. */
	months: { month: string; verified: number; removed: number }[];
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

function add(record: Record<string, number>, key: string, count: number) {
	record[key] = (record[key] ?? 0) + count;
}

export async function areaStatistics(db: Kysely<DB>): Promise<AreaStatistics[]> {
	const [areas, counts, months, coverage, claims] = await Promise.all([
		db
			.selectFrom('areas')
			.select(['id', 'slug', 'level', 'name_sr_latn', 'name_sr_cyrl', 'name_en', 'area_km2'])
			.select(['population', 'population_source'])
			.orderBy('slug')
			.execute(),
		db.selectFrom('area_stat_counts').selectAll().where('cameras', '>', 0).execute(),
		db
			.selectFrom('area_stat_months')
			.selectAll()
			.where((eb) => eb.or([eb('verified', '>', 0), eb('removed', '>', 0)]))
			.orderBy('month')
			.execute(),
		db.selectFrom('coverage_areas').select(['area_id', 'area_m2', 'covered_m2', 'pending']).execute(),
		db.selectFrom('area_claims').select(['area_id', 'cameras', 'source', 'stated_on', 'url']).execute()
	]);
	const stats = new Map<number, AreaStatistics>();
	for (const area of areas) {
		stats.set(area.id, {
			slug: area.slug,
			level: area.level,
			name: { 'sr-Latn': area.name_sr_latn, 'sr-Cyrl': area.name_sr_cyrl, en: area.name_en },
			areaKm2: round(area.area_km2, 3),
			population: area.population,
			populationSource: area.population_source,
			cameras: 0,
			removed: 0,
			perKm2: 0,
			per10k: null,
			byType: {},
			byOperator: {},
			byConfidence: {},
			capabilities: { face_recognition: 0, plate_reading: 0 },
			biometric: 0,
			coverageShare: null,
			coveredKm2: null,
			rank: 0,
			rankOf: 0,
			claim: null,
			months: []
		});
	}
	for (const row of counts) {
		const area = stats.get(row.area_id);
		if (!area) continue;
		if (row.status === 'removed') {
			area.removed += row.cameras;
			continue;
		}
		area.cameras += row.cameras;
		add(area.byType, row.surveillance_type, row.cameras);
		add(area.byOperator, row.operator_class, row.cameras);
		add(area.byConfidence, row.confidence, row.cameras);
		if (row.face_recognition) area.capabilities.face_recognition += row.cameras;
		if (row.plate_reading) area.capabilities.plate_reading += row.cameras;
		if (row.biometric) area.biometric += row.cameras;
	}
	for (const row of coverage) {
		const area = stats.get(row.area_id);
		if (!area || row.pending > 0 || !(row.area_m2 > 0)) continue;
		const share = Math.min(1, Math.max(0, row.covered_m2 / row.area_m2));
		area.coverageShare = round(share, 8);
		area.coveredKm2 = round(share * area.areaKm2, 6);
	}
	for (const row of claims) {
		const area = stats.get(row.area_id);
		if (area) area.claim = { cameras: row.cameras, source: row.source, statedOn: row.stated_on, url: row.url };
	}
	for (const row of months) {
		stats.get(row.area_id)?.months.push({ month: row.month.slice(0, 7), verified: row.verified, removed: row.removed });
	}
	const list = [...stats.values()];
	for (const area of list) {
		area.perKm2 = area.areaKm2 > 0 ? round(area.cameras / area.areaKm2, 2) : 0;
		area.per10k = area.population ? round((area.cameras / area.population) * 10_000, 2) : null;
	}
	const ranked = [...list].sort((a, b) => b.cameras - a.cameras || a.slug.localeCompare(b.slug));
	const levels = new Map<string, number>();
	for (const area of ranked) {
		area.rank = (levels.get(area.level) ?? 0) + 1;
		levels.set(area.level, area.rank);
	}
	for (const area of ranked) area.rankOf = levels.get(area.level)!;
	return ranked;
}

/**
 * Active cameras on the whole map and how many are suspected of face recognition, from the
 * zoom-0 cluster cells (the same counts the map draws; a few rows whatever the size).
 */
export async function totals(db: Kysely<DB>): Promise<{ cameras: number; faceRecognition: number }> {
	const row = await db
		.selectFrom('camera_cells')
		.select((eb) => [
			eb.fn.coalesce(eb.fn.sum<number>('n'), eb.lit(0)).as('cameras'),
			eb.fn.coalesce(eb.fn.sum<number>('face_recognition'), eb.lit(0)).as('faceRecognition')
		])
		.where('z', '=', 0)
		.executeTakeFirstOrThrow();
	return { cameras: Number(row.cameras), faceRecognition: Number(row.faceRecognition) };
}

/** Every area's outline, simplified for a chart (about 50 m), as MultiPolygon coordinates by slug. */
export async function areaOutlines(db: Kysely<DB>): Promise<Map<string, number[][][][]>> {
	const rows = await db
		.selectFrom('areas')
		.select('slug')
		.select((eb) =>
			eb
				.fn<string>('ST_AsGeoJSON', [
					eb.fn('ST_Multi', [eb.fn('ST_SimplifyPreserveTopology', ['geom', eb.val(0.0005)])]),
					eb.val(5)
				])
				.as('geometry')
		)
		.execute();
	return new Map(
		rows.map((row) => [row.slug, (JSON.parse(row.geometry) as { coordinates: number[][][][] }).coordinates])
	);
}

/** One area's outline, simplified less (about 20 m) for its own map, as MultiPolygon coordinates; throws for an unknown slug. */
export async function areaOutline(db: Kysely<DB>, slug: string): Promise<number[][][][]> {
	const row = await db
		.selectFrom('areas')
		.select((eb) =>
			eb
				.fn<string>('ST_AsGeoJSON', [
					eb.fn('ST_Multi', [eb.fn('ST_SimplifyPreserveTopology', ['geom', eb.val(0.0002)])]),
					eb.val(5)
				])
				.as('geometry')
		)
		.where('slug', '=', slug)
		.executeTakeFirstOrThrow();
	return (JSON.parse(row.geometry) as { coordinates: number[][][][] }).coordinates;
}

/** Where the active cameras inside the area are. */
export async function activeCameraPositionsIn(db: Kysely<DB>, slug: string): Promise<{ lng: number; lat: number }[]> {
	const { lng, lat } = lngLat('c.geom');
	const { rows } = await sql<{ lng: number; lat: number }>`
		SELECT ${lng} AS lng, ${lat} AS lat FROM cameras c JOIN areas a
			ON a.slug = ${slug} AND a.geom && c.geom AND ST_Intersects(a.geom, c.geom)
		WHERE c.status = 'active'`.execute(db);
	return rows;
}

/**
 * Recomputes up to `squares` marked grid squares of coverage (`coverage_refresh`,
 * migrations/0008_area_coverage.sql); returns the number done (0: nothing left, or busy elsewhere).
 */
export async function refreshCoverageBatch(db: Kysely<DB>, squares: number): Promise<number> {
	const { rows } = await sql<{ done: number }>`SELECT coverage_refresh(${squares}::int) AS done`.execute(db);
	return rows[0].done;
}

/** Whether coverage squares are marked or cells were never computed. */
export async function coverageBehind(db: Kysely<DB>): Promise<boolean> {
	const { rows } = await sql<{ behind: boolean }>`
		SELECT EXISTS (SELECT 1 FROM coverage_dirty) OR EXISTS (SELECT 1 FROM coverage_cells WHERE covered_m2 IS NULL) AS behind`.execute(
		db
	);
	return rows[0].behind;
}
