import { error } from '@sveltejs/kit';
import { translate } from '#lib/i18n/index.js';
import { appOrigin } from '#lib/server/auth/request.js';
import { areaCharts } from '#lib/server/stats/charts.js';

/**
 * What an area's campaign page and its printable summary both show: the area with its charts,
 * or a 404 in the reader's language.
 */
export async function readAreaPage({
	locals,
	params,
	url
}: {
	locals: App.Locals;
	params: { slug: string };
	url: URL;
}) {
	const page = await areaCharts(locals.readDb, locals.locale, params.slug);
	if (!page) error(404, translate(locals.locale, 'area.notFound', { slug: params.slug }));
	const { area } = page;
	return {
		page,
		area,
		name: area.name[locals.locale],
		coveragePercent: area.coverageShare === null ? null : Math.round(area.coverageShare * 10_000) / 100,
		origin: appOrigin({ url })
	};
}
