import { config } from '#lib/server/config.js';
import * as official from '#lib/server/official/lists.js';
import * as areas from '#lib/server/areas/repository.js';
import * as cameras from '#lib/server/cameras/repository.js';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	extent: await areas.extent(locals.db),
	demo: await cameras.hasDemo(locals.db),
	styleUrl: config.BASEMAP_STYLE_URL ?? null,
	officialLists: (await official.summaries(locals.db)).map(({ slug, name }) => ({ slug, name }))
});
