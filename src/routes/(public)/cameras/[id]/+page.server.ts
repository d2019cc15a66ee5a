import { error } from '@sveltejs/kit';
import { translate } from '#lib/i18n/index.js';
import { basemapServer } from '#lib/server/basemap/index.js';
import { streetsAround } from '#lib/server/basemap/surroundings.js';
import { config } from '#lib/server/config.js';
import { isStale } from '#lib/server/moderation/trust.js';
import * as cameras from '#lib/server/cameras/repository.js';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const id = Number(params.id);
	const valid = Number.isSafeInteger(id) && id > 0;
	// A camera approved a moment ago may not be on the read replica yet: the primary has it.
	let db = locals.readDb;
	let camera = valid ? await cameras.read(db, id) : undefined;
	if (!camera && valid && db !== locals.db) camera = await cameras.read((db = locals.db), id);
	if (!camera) error(404, translate(locals.locale, 'error.notFound'));
	return {
		camera,
		stale: isStale(camera, config.STALE_AFTER_DAYS),
		photos: await cameras.photos(db, id),
		surroundings: await cameras.surroundings(db, id),
		// The streets under the drawing, from the app's basemap (null: none there).
		streets: await streetsAround(await basemapServer(), camera, cameras.SURROUNDINGS_VIEW, locals.locale),
		view: cameras.SURROUNDINGS_VIEW
	};
};
