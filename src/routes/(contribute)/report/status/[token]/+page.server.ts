/**
 * The reporter's status page: reachable only with the secret token from the status URL.
 * Works for anonymous reporters; nothing here is public or indexed.
 */
import { error } from '@sveltejs/kit';
import { reportText } from '$lib/report/text';
import * as submissions from '$lib/server/repositories/submissions';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals, setHeaders }) => {
	setHeaders({ 'cache-control': 'private, no-store', 'x-robots-tag': 'noindex, nofollow' });
	const submission = await submissions.readByStatusToken(locals.db, params.token);
	if (!submission) error(404, reportText(locals.locale, 'report.status.notFound'));
	return { submission, token: params.token };
};
