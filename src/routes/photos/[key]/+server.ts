/**
 * GET /photos/[key] — a published photo file by its content-hash key. Pending photos (every
 * photo until moderation publishes it) are not served here.
 */
import { error } from '@sveltejs/kit';
import * as submissions from '#lib/server/submissions/repository.js';
import { photoResponse, photoStorage } from '#lib/server/submissions/photo-port.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, locals }) => {
	if (!/^[a-z0-9][a-z0-9._-]{0,199}$/.test(params.key)) error(404);
	const photo = await submissions.publicPhoto(locals.db, params.key);
	if (!photo) error(404);
	const stored = await photoStorage().get(photo.key);
	if (!stored) error(404);
	// Content-addressed: the bytes behind a key never change, but a photo can be unpublished.
	return photoResponse(
		{ bytes: stored.bytes, contentType: photo.contentType },
		{ 'cache-control': 'public, max-age=86400' }
	);
};
