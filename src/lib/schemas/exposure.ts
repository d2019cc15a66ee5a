/**
 * A walking route for the exposure question ("how much of my way is watched?"): the one schema
 * for the map's route tool and `POST /api/v1/exposure`.
 */
import { z } from 'zod';

export const MAX_ROUTE_POINTS = 500;
export const MAX_ROUTE_METRES = 25_000;

const position = z.tuple([z.number().min(-180).max(180), z.number().min(-85).max(85)]);

export const exposureRequest = z.strictObject({
	/** [longitude, latitude] pairs in walking order. */
	route: z.array(position).min(2).max(MAX_ROUTE_POINTS)
});
export type ExposureRequest = z.output<typeof exposureRequest>;

/** Metres along the ground between two [lng, lat] positions (haversine, mean Earth radius). */
export function groundMetres([lng1, lat1]: readonly number[], [lng2, lat2]: readonly number[]): number {
	const rad = Math.PI / 180;
	const h =
		Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
		Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lng2 - lng1) * rad) / 2) ** 2;
	return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function routeMetres(route: readonly (readonly number[])[]): number {
	let total = 0;
	for (let i = 1; i < route.length; i++) total += groundMetres(route[i - 1], route[i]);
	return total;
}
