/**
 * GET /moderate/[id]/photos/[position]?variant=display|thumb — any photo of a report, pending
 * or not, for moderators only.
 */
import { error } from '@sveltejs/kit';
import { requireRole } from '#lib/server/auth/guard.js';
import * as moderation from '#lib/server/moderation/repository.js';
import { photoResponse, photoStorage } from '#lib/server/submissions/photo-port.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url, locals }) => {
	requireRole(locals, 'moderator');
	const position = /^\d$/.test(params.position) ? Number(params.position) : -1;
	const variant = url.searchParams.get('variant') === 'thumb' ? 'thumb' : 'display';
	const photo = await moderation.photo(locals.db, params.id, position, variant);
	if (!photo) error(404);
	const stored = await photoStorage().get(photo.key);
	if (!stored) error(404);
	return photoResponse(
		{ bytes: stored.bytes, contentType: photo.contentType },
		{ 'cache-control': 'private, no-store', 'x-robots-tag': 'noindex' }
	);
};
