import { basemapServer } from '#lib/server/basemap/index.js';
import type { RequestHandler } from './$types';

/** The street basemap's tiles, TileJSON and glyphs: see src/lib/server/basemap/server.ts. */
export const GET: RequestHandler = async ({ params, url, request, locals }) =>
	(await basemapServer()).respond(params.path, url, request.headers, locals.locale);
