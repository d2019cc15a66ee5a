import { readAreaPage } from './area.server';
import type { PageServerLoad } from './$types';

/** An area's campaign page: every number we have, the method, the press kit, the widget. */
export const load: PageServerLoad = async (event) => {
	const { page, area, name, coveragePercent, origin } = await readAreaPage(event);
	return {
		slug: area.slug,
		name,
		level: area.level,
		numbers: {
			cameras: area.cameras,
			perKm2: area.perKm2,
			per10k: area.per10k,
			population: area.population,
			populationSource: area.populationSource,
			areaKm2: area.areaKm2,
			coveragePercent,
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
		narrow: page.narrow,
		comparisons: page.comparisons,
		date: page.date,
		origin
	};
};
