/**
 * GET /api/v1/cameras/{id}.json — one public camera as a GeoJSON Feature: its public fields (dates, never times; no
 * provenance beyond its class; nothing about who reported or confirmed it) and its published
 * photos. The map's popup reads the thumbnail from here. Unknown ids answer 404; a report
 * still waiting for moderation has no camera id, so it cannot be found here.
 */
import { translate } from '#lib/i18n/index.js';
import * as cameras from '#lib/server/cameras/repository.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, locals }) => {
	const id = /^[1-9]\d{0,14}$/.test(params.id) ? Number(params.id) : 0;
	// A camera approved a moment ago may not be on the read replica yet: the primary has it.
	let db = locals.readDb;
	let camera = id > 0 ? await cameras.read(db, id) : undefined;
	if (!camera && id > 0 && db !== locals.db) camera = await cameras.read((db = locals.db), id);
	if (!camera) {
		return Response.json(
			{ error: 'not_found', message: translate(locals.locale, 'error.notFound') },
			{ status: 404, headers: { 'cache-control': 'public, max-age=30' } }
		);
	}
	const photos = await cameras.photos(db, id);
	const feature = cameras.toFeature(camera);
	return Response.json(
		{
			...feature,
			properties: {
				...feature.properties,
				photos: photos.map((photo) => ({
					url: `/photos/${photo.display_key}`,
					width: photo.display_width,
					height: photo.display_height,
					thumbnail: { url: `/photos/${photo.thumb_key}`, width: photo.thumb_width, height: photo.thumb_height }
				}))
			}
		},
		// Short: a moderator's decision (an edit, a removal, a photo unpublished) shows soon.
		{ headers: { 'cache-control': 'public, max-age=60' } }
	);
};
