import { error } from '@sveltejs/kit';
import { translate } from '#lib/i18n/index.js';
import { compare, listedPointsGeoJSON } from '#lib/server/official/lists.js';
import type { RequestHandler } from './$types';

/** An official list's points, matched (`both`) or not (`listed_only`), as GeoJSON (see docs/api.md). */
export const GET: RequestHandler = async ({ params, locals }) => {
	const comparison = /^[a-z0-9-]{1,100}$/.test(params.slug) ? await compare(locals.db, params.slug) : undefined;
	if (!comparison) error(404, translate(locals.locale, 'error.notFound'));
	return new Response(JSON.stringify(listedPointsGeoJSON(comparison)), {
		headers: {
			'content-type': 'application/geo+json',
			'cache-control': 'public, max-age=60'
		}
	});
};
