import { csv } from '#lib/csv.js';
import { areaStatistics } from '#lib/server/stats/repository.js';
import { surveillanceTypes, operatorClasses } from '#lib/camera-tags.js';
import type { RequestHandler } from './$types';

/** The same statistics as areas.json, one row per area, for spreadsheets. */
export const GET: RequestHandler = async ({ locals }) => {
	const areas = await areaStatistics(locals.readDb);
	const header = [
		'rank',
		'slug',
		'name_sr_latn',
		'name_sr_cyrl',
		'name_en',
		'level',
		'area_km2',
		'population',
		'population_source',
		'cameras',
		'per_km2',
		'per_10k_residents',
		'removed',
		'face_recognition',
		'plate_reading',
		'biometric',
		'coverage_share',
		'covered_km2',
		'official_cameras',
		'official_source',
		'official_date',
		'official_url',
		...surveillanceTypes.map((type) => `type_${type}`),
		...operatorClasses.map((operator) => `operator_${operator}`)
	];
	const rows = areas.map((area) => [
		area.rank,
		area.slug,
		area.name['sr-Latn'],
		area.name['sr-Cyrl'],
		area.name.en,
		area.level,
		area.areaKm2,
		area.population,
		area.populationSource,
		area.cameras,
		area.perKm2,
		area.per10k,
		area.removed,
		area.capabilities.face_recognition,
		area.capabilities.plate_reading,
		area.biometric,
		area.coverageShare,
		area.coveredKm2,
		area.claim?.cameras ?? null,
		area.claim?.source ?? null,
		area.claim?.statedOn ?? null,
		area.claim?.url ?? null,
		...surveillanceTypes.map((type) => area.byType[type] ?? 0),
		...operatorClasses.map((operator) => area.byOperator[operator] ?? 0)
	]);
	return new Response(csv(header, rows), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': 'attachment; filename="nadzor-area-statistics.csv"',
			'cache-control': 'public, max-age=5'
		}
	});
};
