import { requirePageRole } from '#lib/server/auth/guard.js';
import * as submissions from '#lib/server/repositories/submissions.js';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requirePageRole(event, 'contributor');
	return { reports: await submissions.listForUser(event.locals.db, user.id) };
};
