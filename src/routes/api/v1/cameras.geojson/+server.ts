import { translate } from '#lib/i18n/index.js';
import { parseBBox } from '#lib/schemas/bbox.js';
import { ATTRIBUTION, LICENCE, licenceLinkHeader } from '#lib/exports/licence.js';
import * as cameras from '#lib/server/cameras/repository.js';
import { exportResponse, parseExportQuery } from '#lib/server/exports/http.js';
import type { RequestHandler } from './$types';

const LIMIT = 5000;

/**
 * With `bbox`: active cameras in the box, at most 5,000 (the map's list). Without: the whole
 * public dataset, streamed, with the map's filters (the open-data export).
 */
export const GET: RequestHandler = async ({ url, locals }) => {
	if (!url.searchParams.has('bbox')) {
		const parsed = parseExportQuery(url.searchParams, locals.locale);
		if (!parsed.ok) return parsed.response;
		return exportResponse(locals.readDb, 'geojson', parsed.options, url.origin);
	}
	const parsed = parseBBox(url.searchParams.get('bbox'));
	if (!parsed.ok) {
		return Response.json(
			{ error: { field: 'bbox', message: translate(locals.locale, parsed.error) } },
			{ status: 400 }
		);
	}
	const { cameras: rows, truncated } = await cameras.list(locals.readDb, parsed.bbox, LIMIT);
	const body = {
		type: 'FeatureCollection',
		bbox: parsed.bbox,
		features: rows.map(cameras.toFeature),
		// Foreign members (RFC 7946 §6.1): whether the limit cut the list, and the licence.
		truncated,
		limit: LIMIT,
		license: { name: LICENCE.name, spdx: LICENCE.spdx, url: LICENCE.url },
		attribution: ATTRIBUTION
	};
	return new Response(JSON.stringify(body), {
		headers: {
			'content-type': 'application/geo+json',
			'cache-control': 'public, max-age=30',
			link: licenceLinkHeader(url.origin)
		}
	});
};
