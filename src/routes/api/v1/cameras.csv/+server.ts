import { exportResponse, parseExportQuery } from '#lib/server/exports/http.js';
import type { RequestHandler } from './$types';

/** The public dataset as CSV, one row per camera, with the map's filters and an optional bbox. */
export const GET: RequestHandler = async ({ url, locals }) => {
	const parsed = parseExportQuery(url.searchParams, locals.locale);
	if (!parsed.ok) return parsed.response;
	return exportResponse(locals.readDb, 'csv', parsed.options, url.origin);
};
