import { config } from '#lib/server/config.js';
import * as official from '#lib/server/official/lists.js';
import * as areas from '#lib/server/areas/repository.js';
import * as cameras from '#lib/server/cameras/repository.js';
import { firstViewImage } from '#lib/server/basemap/first-view.js';
import { mapOpening } from '#lib/server/basemap/opening.js';
import type { PageServerLoad } from './$types';

/**
 * The map's first view, drawn by the server so that a phone shows the streets and cameras at once
 * (first-view.ts); none over an operator's basemap (it cannot be drawn here) or an empty map.
 */
async function opening(db: App.Locals['readDb']) {
	if (config.BASEMAP_STYLE_URL) return null;
	const view = await mapOpening(db);
	return view ? firstViewImage(view, 'map', true, 'phone') : null;
}

export const load: PageServerLoad = async ({ locals }) => ({
	extent: await areas.extent(locals.db),
	demo: await cameras.hasDemo(locals.db),
	styleUrl: config.BASEMAP_STYLE_URL ?? null,
	officialLists: (await official.summaries(locals.db)).map(({ slug, name }) => ({ slug, name })),
	firstView: await opening(locals.readDb)
});
