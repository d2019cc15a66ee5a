import { translate } from '#lib/i18n/index.js';
import { lineMetres } from '#lib/geo/earth.js';
import { exposureRequest, MAX_ROUTE_METRES, MAX_ROUTE_POINTS } from '#lib/schemas/exposure.js';
import { routeExposure } from '#lib/server/exposure/repository.js';
import type { RequestHandler } from './$types';

/**
 * POST /api/v1/exposure — `{ "route": [[lng, lat], ...] }`: how many cameras can see a walking
 * route, which ones, and what share of its length lies inside a field of view (see docs/api.md).
 */
export const POST: RequestHandler = async ({ request, locals }) => {
	const problem = (message: string) => Response.json({ message, fields: { route: message } }, { status: 400 });
	let body: unknown;
	try {
		body = await request.json();
	} catch {
		return problem(translate(locals.locale, 'exposure.error.json'));
	}
	const parsed = exposureRequest.safeParse(body);
	if (!parsed.success) return problem(translate(locals.locale, 'exposure.error.route', { max: MAX_ROUTE_POINTS }));
	if (lineMetres(parsed.data.route) > MAX_ROUTE_METRES) {
		return problem(translate(locals.locale, 'exposure.error.long', { km: MAX_ROUTE_METRES / 1000 }));
	}
	return Response.json(await routeExposure(locals.db, parsed.data.route), { headers: { 'cache-control': 'no-store' } });
};
