import * as submissions from '#lib/server/submissions/repository.js';
import type { PageServerLoad } from './$types';

/**
 * "My reports": everyone sees the status links kept on their device (the page's script reads
 * them); a signed-in contributor also sees the reports sent under their account.
 */
export const load: PageServerLoad = async ({ locals }) => ({
	reports: locals.user ? await submissions.listForUser(locals.db, locals.user.id) : null
});
