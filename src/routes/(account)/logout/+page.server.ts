import { redirect } from '@sveltejs/kit';
import { endSession } from '#lib/server/auth/request.js';
import type { Actions, PageServerLoad } from './$types';

/** GET only asks (a link must never log anyone out); the form posts here. */
export const load: PageServerLoad = ({ locals }) => {
	if (!locals.user) redirect(303, '/login');
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		await endSession(event);
		redirect(303, '/');
	}
};
