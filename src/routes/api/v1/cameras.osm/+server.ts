import { exportResponse, parseExportQuery } from '#lib/server/exports/http.js';
import type { RequestHandler } from './$types';

/**
 * Active cameras not taken from OpenStreetMap, as OSM XML with new (negative-id) nodes tagged
 * `man_made=surveillance`, for mappers to review in an OSM editor.
 */
export const GET: RequestHandler = async ({ url, locals }) => {
	const parsed = parseExportQuery(url.searchParams, locals.locale);
	if (!parsed.ok) return parsed.response;
	return exportResponse(locals.readDb, 'osm', parsed.options, url.origin);
};
