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
