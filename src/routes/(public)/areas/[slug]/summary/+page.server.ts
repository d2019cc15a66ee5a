import { error } from '@sveltejs/kit';
import { translate } from '#lib/i18n/index.js';
import { appOrigin } from '#lib/server/auth/request.js';
import { areaCharts } from '#lib/server/stats/charts.js';
import { LICENCE } from '#lib/exports/licence.js';
import type { PageServerLoad } from './$types';

/** The one-page printable summary of an area (print it, or save it as PDF from the browser). */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const page = await areaCharts(locals.readDb, locals.locale, params.slug);
	if (!page) error(404, translate(locals.locale, 'area.notFound', { slug: params.slug }));
	const { area } = page;
	return {
		slug: area.slug,
		name: area.name[locals.locale],
		cameras: area.cameras,
		perKm2: area.perKm2,
		per10k: area.per10k,
		coveragePercent: area.coverageShare === null ? null : Math.round(area.coverageShare * 10_000) / 100,
		biometric: area.biometric,
		rank: area.rank,
		rankOf: area.rankOf,
		claim: area.claim,
		populationSource: area.populationSource,
		map: page.svg.map,
		date: page.date,
		licence: LICENCE.name,
		origin: appOrigin({ url })
	};
};
