import { listReleases } from '#lib/server/exports/repository.js';
import type { PageServerLoad } from './$types';

/** The open-data page: live exports, feeds and every dated release. */
export const load: PageServerLoad = async ({ locals }) => {
	return { releases: await listReleases(locals.db) };
};
