import { error } from '@sveltejs/kit';
import { appOrigin } from '#lib/server/auth/request.js';
import { embedAssetUrl } from '#lib/server/embed/assets.js';
import { statsPage, widgetDate } from '#lib/server/embed/widgets.js';
import * as stats from '#lib/server/stats/repository.js';
import { translate } from '#lib/i18n/index.js';
import type { PageServerLoad } from './$types';

/** The areas with the most cameras (`limit=`, 1–50, default 10), as on /stats. */
export const load: PageServerLoad = async ({ url, locals }) => {
	const raw = url.searchParams.get('limit') ?? '10';
	const limit = /^\d{1,2}$/.test(raw) ? Number(raw) : 0;
	if (limit < 1 || limit > 50) error(400, translate(locals.locale, 'embed.limit', { name: 'limit' }));
	const ranked = (await stats.areaStatistics(locals.readDb)).filter((area) => area.cameras > 0).slice(0, limit);
	const origin = appOrigin({ url });
	return {
		locale: locals.locale,
		areas: ranked.map((area) => ({ slug: area.slug, name: area.name[locals.locale], cameras: area.cameras })),
		date: widgetDate(locals.locale),
		more: statsPage(origin, url),
		resizeScript: embedAssetUrl(origin, 'resize.js')
	};
};
