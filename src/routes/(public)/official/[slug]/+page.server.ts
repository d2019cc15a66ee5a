import { error } from '@sveltejs/kit';
import { translate } from '#lib/i18n/index.js';
import { config } from '#lib/server/config.js';
import * as official from '#lib/server/official/lists.js';
import type { PageServerLoad } from './$types';

/** One official list against the citizens' map: totals, per area, the listed points, downloads. */
export const load: PageServerLoad = async ({ locals, params }) => {
	const comparison = /^[a-z0-9-]{1,100}$/.test(params.slug)
		? await official.compare(locals.db, params.slug)
		: undefined;
	if (!comparison) error(404, translate(locals.locale, 'official.notFound', { slug: params.slug.slice(0, 100) }));
	const listed = comparison.points.filter((point) => point.category !== 'citizens_only');
	const lngs = listed.map((point) => point.lng);
	const lats = listed.map((point) => point.lat);
	const nameKey = locals.locale === 'en' ? 'name_en' : locals.locale === 'sr-Cyrl' ? 'name_sr_cyrl' : 'name_sr_latn';
	return {
		list: comparison.list,
		points: listed.length,
		total: comparison.total,
		areas: comparison.areas
			.map((area) => ({ slug: area.slug, name: area[nameKey], counts: area.counts }))
			.sort((a, b) => (a.slug === null ? 1 : b.slug === null ? -1 : (a.name ?? '').localeCompare(b.name ?? ''))),
		bounds: listed.length
			? ([Math.min(...lngs), Math.min(...lats), Math.max(...lngs), Math.max(...lats)] as [
					number,
					number,
					number,
					number
				])
			: null,
		styleUrl: config.BASEMAP_STYLE_URL ?? null
	};
};
