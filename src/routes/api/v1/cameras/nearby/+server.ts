/**
 * GET /api/v1/cameras/nearby?lat=&lng=&radius= — known active cameras within `radius` metres
 * (default 25, at most 500), nearest first, as GeoJSON.
 */
import { nearbyQuery as query } from '#lib/schemas/api.js';
import * as nearbyCameras from '#lib/server/cameras/repository.js';
import { reportText } from '#lib/report/text.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url, locals }) => {
	const parsed = query.safeParse(Object.fromEntries(url.searchParams));
	if (!parsed.success) {
		const fields: Record<string, string> = {};
		for (const issue of parsed.error.issues) {
			const name = String(issue.path[0] ?? (issue.code === 'unrecognized_keys' ? issue.keys[0] : '_form'));
			fields[name] ??= reportText(
				locals.locale,
				issue.code === 'unrecognized_keys'
					? 'report.error.unknownField'
					: name === 'lat'
						? 'report.error.lat'
						: name === 'lng'
							? 'report.error.lng'
							: 'report.error.invalid'
			);
		}
		return Response.json(
			{ error: 'validation', message: reportText(locals.locale, 'report.errors.summary'), fields },
			{ status: 400 }
		);
	}
	const { lat, lng, radius } = parsed.data;
	const cameras = await nearbyCameras.nearby(locals.db, lat, lng, radius);
	return Response.json(
		{
			type: 'FeatureCollection',
			features: cameras.map(({ lat: y, lng: x, ...properties }) => ({
				type: 'Feature',
				id: properties.id,
				geometry: { type: 'Point', coordinates: [x, y] },
				properties
			}))
		},
		{ headers: { 'cache-control': 'private, max-age=60' } }
	);
};
