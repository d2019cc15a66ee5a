import { statisticsCharts } from '#lib/server/stats/charts.js';
import type { PageServerLoad } from './$types';

/** Numbers per area for advocates: ranking, growth, density map, each with its table. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const { areas, chosen, svg, narrow, growth } = await statisticsCharts(
		locals.readDb,
		locals.locale,
		url.searchParams.get('area')
	);
	return {
		chosen,
		svg,
		narrow,
		growth,
		areas: areas.map((area) => ({
			slug: area.slug,
			name: area.name[locals.locale],
			rank: area.rank,
			cameras: area.cameras,
			perKm2: area.perKm2,
			per10k: area.per10k,
			face: area.capabilities.face_recognition,
			plate: area.capabilities.plate_reading,
			biometric: area.biometric,
			coveragePercent: area.coverageShare === null ? null : Math.round(area.coverageShare * 10_000) / 100,
			removed: area.removed,
			population: area.population,
			populationSource: area.populationSource,
			claim: area.claim
		}))
	};
};
