import { error } from '@sveltejs/kit';
import { translate } from '#lib/i18n/index.js';
import { charts, statisticsCharts, type ChartName } from '#lib/server/stats/charts.js';
import type { RequestHandler } from './$types';

/** GET /stats/charts/{ranking|growth|choropleth}.svg?area=&lang= — a chart to download. */
export const GET: RequestHandler = async ({ params, locals, url }) => {
	const name = params.chart.replace(/\.svg$/, '') as ChartName;
	if (!params.chart.endsWith('.svg') || !charts.includes(name)) error(404, translate(locals.locale, 'error.notFound'));
	const { svg } = await statisticsCharts(locals.readDb, locals.locale, url.searchParams.get('area'));
	return new Response(svg[name], {
		headers: {
			'content-type': 'image/svg+xml; charset=utf-8',
			'content-disposition': `attachment; filename="nadzor-${name}.svg"`,
			'cache-control': 'public, max-age=5',
			// The words follow the reader's language (?lang=, its cookie, or Accept-Language).
			vary: 'Cookie, Accept-Language',
			'x-content-type-options': 'nosniff',
			'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'"
		}
	});
};
