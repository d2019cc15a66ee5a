import { error } from '@sveltejs/kit';
import { ATOM_TYPE, atomFeed } from '#lib/server/feeds/atom.js';
import { feedEntries, findArea } from '#lib/server/feeds/repository.js';
import type { RequestHandler } from './$types';

/** Newly verified and removed cameras in one area (Atom); unknown areas answer 404. */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const area = await findArea(locals.readDb, params.slug);
	if (!area) error(404, 'not found');
	const entries = await feedEntries(locals.readDb, area.id);
	const body = atomFeed(entries, { origin: url.origin, locale: locals.locale, path: url.pathname, area });
	return new Response(body, { headers: { 'content-type': ATOM_TYPE, 'cache-control': 'public, max-age=300' } });
};
