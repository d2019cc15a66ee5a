import { tileServer } from '#lib/server/tiles/index.js';
import type { RequestHandler } from './$types';

/** Vector tiles and their TileJSON: see src/lib/server/tiles/server.ts. */
export const GET: RequestHandler = ({ params, url, request, locals }) =>
	tileServer().respond(params.path, url, request.headers, locals.locale);
