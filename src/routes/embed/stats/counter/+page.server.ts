import { error } from '@sveltejs/kit';
import { appOrigin } from '#lib/server/auth/request.js';
import { embedAssetUrl } from '#lib/server/embed/assets.js';
import { statsPage, widgetDate } from '#lib/server/embed/widgets.js';
import * as stats from '#lib/server/stats/repository.js';
import { slugSchema } from '#lib/embed/params.js';
import { translate } from '#lib/i18n/index.js';
import type { PageServerLoad } from './$types';

/**
 * Live counter: active cameras on the whole map or in one area (`area=slug`), or only those
 * suspected of face recognition (`capability=face_recognition`).
 */
export const load: PageServerLoad = async ({ url, locals }) => {
	const area = url.searchParams.get('area');
	if (area && !slugSchema.safeParse(area).success) error(400, translate(locals.locale, 'embed.area', { name: 'area' }));
	const capability = url.searchParams.get('capability');
	if (capability && capability !== 'face_recognition')
		error(400, translate(locals.locale, 'filter.capability', { name: 'capability', allowed: 'face_recognition' }));
	let counts: { cameras: number; faceRecognition: number };
	let name: { 'sr-Latn': string; 'sr-Cyrl': string; en: string } | null = null;
	if (area) {
		const found = (await stats.areaStatistics(locals.readDb)).find((entry) => entry.slug === area);
		if (!found) error(404, translate(locals.locale, 'embed.unknownArea', { area }));
		counts = { cameras: found.cameras, faceRecognition: found.capabilities.face_recognition };
		name = found.name;
	} else {
		counts = await stats.totals(locals.readDb);
	}
	const origin = appOrigin({ url });
	return {
		locale: locals.locale,
		counts,
		areaName: name ? name[locals.locale] : null,
		faceOnly: capability === 'face_recognition',
		date: widgetDate(locals.locale),
		more: statsPage(origin, url),
		resizeScript: embedAssetUrl(origin, 'resize.js')
	};
};
