import * as areas from '#lib/server/areas/repository.js';
import type { RequestHandler } from './$types';

/** Outlines of the imported areas, for the basemap and area pickers. */
export const GET: RequestHandler = async ({ locals }) => {
	const body = { type: 'FeatureCollection', features: await areas.listOutlines(locals.readDb) };
	return new Response(JSON.stringify(body), {
		headers: { 'content-type': 'application/geo+json', 'cache-control': 'public, max-age=300' }
	});
};
