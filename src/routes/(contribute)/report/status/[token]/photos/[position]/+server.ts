/**
 * GET /report/status/[token]/photos/[position]?variant=display|thumb — a photo of the report
 * behind the token, pending or not: the reporter may see their own photos.
 */
import { error } from '@sveltejs/kit';
import * as submissions from '#lib/server/submissions/repository.js';
import { photoResponse, photoStorage } from '#lib/server/submissions/photo-port.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url, locals }) => {
	const position = /^\d$/.test(params.position) ? Number(params.position) : -1;
	const variant = url.searchParams.get('variant') === 'thumb' ? 'thumb' : 'display';
	const photo = await submissions.photoForStatusToken(locals.db, params.token, position, variant);
	if (!photo) error(404);
	const stored = await photoStorage().get(photo.key);
	if (!stored) error(404);
	return photoResponse(
		{ bytes: stored.bytes, contentType: photo.contentType },
		{ 'cache-control': 'private, max-age=3600', 'x-robots-tag': 'noindex' }
	);
};
