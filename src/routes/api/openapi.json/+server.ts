import { openApiDocument } from '#lib/server/api/openapi.js';
import type { RequestHandler } from './$types';

/** The OpenAPI 3.1 description of the public API. */
export const GET: RequestHandler = () =>
	new Response(JSON.stringify(openApiDocument(), null, '\t'), {
		headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'public, max-age=3600' }
	});
