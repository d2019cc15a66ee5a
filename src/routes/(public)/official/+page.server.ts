import { redirect } from '@sveltejs/kit';
import * as official from '#lib/server/official/lists.js';
import type { PageServerLoad } from './$types';

/** The imported official lists; with exactly one, its page. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const lists = await official.summaries(locals.db);
	if (lists.length === 1) redirect(303, `/official/${lists[0].slug}${url.search}`);
	return { lists };
};
