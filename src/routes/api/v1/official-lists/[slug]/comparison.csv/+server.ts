import { error } from '@sveltejs/kit';
import { csv } from '#lib/csv.js';
import { translate } from '#lib/i18n/index.js';
import { compare } from '#lib/server/official/lists.js';
import type { RequestHandler } from './$types';

/** The comparison's points, one per row, for spreadsheets. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const comparison = /^[a-z0-9-]{1,100}$/.test(params.slug) ? await compare(locals.db, params.slug) : undefined;
	if (!comparison) error(404, translate(locals.locale, 'error.notFound'));
	const rows = comparison.points.map((point) => [
		point.category,
		point.lat,
		point.lng,
		point.ref,
		point.location,
		point.cameraId
	]);
	return new Response(csv(['category', 'lat', 'lng', 'list_ref', 'list_location', 'camera_id'], rows), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="nadzor-${comparison.list.slug}-comparison.csv"`,
			'cache-control': 'public, max-age=60'
		}
	});
};
