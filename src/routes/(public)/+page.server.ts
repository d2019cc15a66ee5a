import { config } from '#lib/server/config.js';
import * as official from '#lib/server/official/lists.js';
import * as areas from '#lib/server/areas/repository.js';
import * as cameras from '#lib/server/cameras/repository.js';
import { firstViewImage, type MapView } from '#lib/server/basemap/first-view.js';
import { readBusiestCell } from '#lib/server/tiles/repository.js';
import { fromMercator } from '#lib/geo/earth.js';
import type { PageServerLoad } from './$types';

/**
 * The map opens where the cameras are densest, at the zoom where they are drawn one by one and
 * the streets are named.
 */
const OPENING_ZOOM = 15;

/**
 * The map's first view, drawn by the server so that a phone shows the streets and cameras at once
 * (first-view.ts); none over an operator's basemap (it cannot be drawn here) or an empty map.
 */
async function opening(db: App.Locals['readDb']) {
	if (config.BASEMAP_STYLE_URL) return null;
	const busiest = await readBusiestCell(db);
	const start = busiest ? fromMercator(busiest.x, busiest.y) : undefined;
	if (!start) return null;
	const round = (value: number) => Math.round(value * 1e6) / 1e6;
	const view: MapView = { lat: round(start[1]), lng: round(start[0]), zoom: OPENING_ZOOM };
	return firstViewImage(view, 'map', true, 'phone');
}

export const load: PageServerLoad = async ({ locals }) => ({
	extent: await areas.extent(locals.db),
	demo: await cameras.hasDemo(locals.db),
	styleUrl: config.BASEMAP_STYLE_URL ?? null,
	officialLists: (await official.summaries(locals.db)).map(({ slug, name }) => ({ slug, name })),
	firstView: await opening(locals.readDb)
});
