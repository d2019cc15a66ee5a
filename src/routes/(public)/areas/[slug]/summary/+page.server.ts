import { LICENCE } from '#lib/exports/licence.js';
import { readAreaPage } from '../area.server';
import type { PageServerLoad } from './$types';

/** The one-page printable summary of an area (print it, or save it as PDF from the browser). */
export const load: PageServerLoad = async (event) => {
	const { page, area, name, coveragePercent, origin } = await readAreaPage(event);
	return {
		slug: area.slug,
		name,
		cameras: area.cameras,
		perKm2: area.perKm2,
		per10k: area.per10k,
		coveragePercent,
		biometric: area.biometric,
		rank: area.rank,
		rankOf: area.rankOf,
		claim: area.claim,
		populationSource: area.populationSource,
		map: page.svg.map,
		date: page.date,
		licence: LICENCE.name,
		origin
	};
};
