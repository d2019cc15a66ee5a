import { ATOM_TYPE, atomFeed } from '#lib/server/feeds/atom.js';
import { feedEntries } from '#lib/server/feeds/repository.js';
import type { RequestHandler } from './$types';

/** Newly verified and removed cameras, everywhere (Atom). */
export const GET: RequestHandler = async ({ locals, url }) => {
	const entries = await feedEntries(locals.readDb);
	const body = atomFeed(entries, { origin: url.origin, locale: locals.locale, path: url.pathname });
	return new Response(body, { headers: { 'content-type': ATOM_TYPE, 'cache-control': 'public, max-age=300' } });
};
