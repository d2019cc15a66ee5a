import { json } from '@sveltejs/kit';
import { translate } from '#lib/i18n/index.js';
import { parseBBox } from '#lib/schemas/bbox.js';
import { LICENCE, OSM_ATTRIBUTION } from '#lib/exports/licence.js';
import * as leads from '#lib/server/osm/leads.js';
import type { RequestHandler } from './$types';

const LIMIT = 5000;

/**
 * Open leads in a box: cameras found in OpenStreetMap that no moderator has checked yet (the
 * map's opt-in "leads" layer). OpenStreetMap's own data, so public, and credited to it.
 */
export const GET: RequestHandler = async ({ url, locals }) => {
	const parsed = parseBBox(url.searchParams.get('bbox'));
	if (!parsed.ok) {
		return json({ error: { field: 'bbox', message: translate(locals.locale, parsed.error) } }, { status: 400 });
	}
	const rows = await leads.inBox(locals.db, parsed.bbox, LIMIT + 1);
	const body = {
		type: 'FeatureCollection',
		bbox: parsed.bbox,
		features: rows.slice(0, LIMIT).map((lead) => ({
			type: 'Feature',
			id: lead.id,
			geometry: { type: 'Point', coordinates: [lead.lng, lead.lat] },
			properties: {
				osm_type: lead.osmType,
				osm_id: lead.osmId,
				surveillance_type: lead.attributes.surveillance_type,
				camera_type: lead.attributes.camera_type,
				operator: lead.attributes.operator
			}
		})),
		truncated: rows.length > LIMIT,
		limit: LIMIT,
		license: { name: LICENCE.name, spdx: LICENCE.spdx, url: LICENCE.url },
		attribution: OSM_ATTRIBUTION
	};
	return new Response(JSON.stringify(body), {
		headers: { 'content-type': 'application/geo+json', 'cache-control': 'public, max-age=30' }
	});
};
