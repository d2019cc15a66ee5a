import { error } from '@sveltejs/kit';
import { translate } from '#lib/i18n/index.js';
import { appOrigin } from '#lib/server/auth/request.js';
import { areaCharts } from '#lib/server/stats/charts.js';
import type { PageServerLoad } from './$types';

/** An area's campaign page: every number we have, the method, the press kit, the widget. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const page = await areaCharts(locals.readDb, locals.locale, params.slug);
	if (!page) error(404, translate(locals.locale, 'area.notFound', { slug: params.slug }));
	const { area } = page;
	return {
		slug: area.slug,
		name: area.name[locals.locale],
		level: area.level,
		numbers: {
			cameras: area.cameras,
			perKm2: area.perKm2,
			per10k: area.per10k,
			population: area.population,
			populationSource: area.populationSource,
			areaKm2: area.areaKm2,
			coveragePercent: area.coverageShare === null ? null : Math.round(area.coverageShare * 10_000) / 100,
			biometric: area.biometric,
			face: area.capabilities.face_recognition,
			plate: area.capabilities.plate_reading,
			removed: area.removed,
			rank: area.rank,
			rankOf: area.rankOf
		},
		claim: area.claim,
		growth: page.growth,
		svg: page.svg,
		comparisons: page.comparisons,
		date: page.date,
		origin: appOrigin({ url })
	};
};
