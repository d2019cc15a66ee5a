import { json } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { parseBBox } from '$lib/schemas/bbox';
import * as cameras from '$lib/server/repositories/cameras';
import type { RequestHandler } from './$types';

const LIMIT = 5000;

/** Active cameras in `bbox` as an RFC 7946 FeatureCollection (public fields only). */
export const GET: RequestHandler = async ({ url, locals }) => {
	const parsed = parseBBox(url.searchParams.get('bbox'));
	if (!parsed.ok) {
		return json({ error: { field: 'bbox', message: translate(locals.locale, parsed.error) } }, { status: 400 });
	}
	const { cameras: rows, truncated } = await cameras.list(locals.db, parsed.bbox, LIMIT);
	const body = {
		type: 'FeatureCollection',
		bbox: parsed.bbox,
		features: rows.map(cameras.toFeature),
		// Foreign members (RFC 7946 §6.1): whether the limit cut the list, and the licence.
		truncated,
		limit: LIMIT,
		attribution: 'Nadzor contributors; OpenStreetMap-derived records © OpenStreetMap contributors (ODbL)'
	};
	return new Response(JSON.stringify(body), {
		headers: { 'content-type': 'application/geo+json', 'cache-control': 'public, max-age=30' }
	});
};
