import { areaStatistics } from '#lib/server/stats/repository.js';
import type { RequestHandler } from './$types';

/** Statistics for every area, most cameras first (see docs/api.md). */
export const GET: RequestHandler = async ({ locals }) => {
	const areas = await areaStatistics(locals.readDb);
	return Response.json(
		{ generated: new Date().toISOString().slice(0, 10), areas },
		{ headers: { 'cache-control': 'public, max-age=5' } }
	);
};
