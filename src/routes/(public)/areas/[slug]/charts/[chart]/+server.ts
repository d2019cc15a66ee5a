import { error } from '@sveltejs/kit';
import { translate } from '#lib/i18n/index.js';
import { areaChartNames, areaCharts, type AreaChartName } from '#lib/server/stats/charts.js';
import type { RequestHandler } from './$types';

/** GET /areas/{slug}/charts/{map|growth}.svg?lang= — an area's chart for the press kit. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const name = params.chart.replace(/\.svg$/, '') as AreaChartName;
	if (!params.chart.endsWith('.svg') || !areaChartNames.includes(name))
		error(404, translate(locals.locale, 'error.notFound'));
	const page = await areaCharts(locals.readDb, locals.locale, params.slug);
	if (!page) error(404, translate(locals.locale, 'area.notFound', { slug: params.slug }));
	return new Response(page.svg[name], {
		headers: {
			'content-type': 'image/svg+xml; charset=utf-8',
			'content-disposition': `attachment; filename="nadzor-${params.slug}-${name}.svg"`,
			'cache-control': 'public, max-age=5',
			vary: 'Cookie, Accept-Language',
			'x-content-type-options': 'nosniff',
			'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'"
		}
	});
};
