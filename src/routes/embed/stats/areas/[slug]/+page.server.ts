import { error } from '@sveltejs/kit';
import { appOrigin } from '#lib/server/auth/request.js';
import { embedAssetUrl } from '#lib/server/embed/assets.js';
import { statsPage, widgetDate } from '#lib/server/embed/widgets.js';
import * as stats from '#lib/server/stats/repository.js';
import { translate } from '#lib/i18n/index.js';
import type { PageServerLoad } from './$types';

/** One area's numbers, as on /stats: count, density, capabilities, removals, rank. */
export const load: PageServerLoad = async ({ url, params, locals }) => {
	const area = (await stats.areaStatistics(locals.readDb)).find((entry) => entry.slug === params.slug);
	if (!area) error(404, translate(locals.locale, 'embed.unknownArea', { area: params.slug }));
	const origin = appOrigin({ url });
	return {
		locale: locals.locale,
		area: {
			name: area.name[locals.locale],
			cameras: area.cameras,
			perKm2: area.perKm2,
			per10k: area.per10k,
			face: area.capabilities.face_recognition,
			plates: area.capabilities.plate_reading,
			removed: area.removed,
			rank: area.rank,
			claim: area.claim
		},
		date: widgetDate(locals.locale),
		more: statsPage(origin, url),
		resizeScript: embedAssetUrl(origin, 'resize.js')
	};
};
