import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { config } from '$lib/server/config';
import { isStale } from '$lib/server/moderation/trust';
import * as cameras from '$lib/server/repositories/cameras';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const id = Number(params.id);
	const camera = Number.isSafeInteger(id) && id > 0 ? await cameras.read(locals.db, id) : undefined;
	if (!camera) error(404, translate(locals.locale, 'error.notFound'));
	return {
		camera,
		stale: isStale(camera, config.STALE_AFTER_DAYS),
		photos: await cameras.photos(locals.db, id),
		surroundings: await cameras.surroundings(locals.db, id),
		view: cameras.SURROUNDINGS_VIEW
	};
};
