/**
 * The reporter's status page: reachable only with the secret token from the status URL.
 * Works for anonymous reporters; nothing here is public or indexed.
 */
import { error, fail } from '@sveltejs/kit';
import { reportText } from '#lib/report/text.js';
import * as submissions from '#lib/server/submissions/repository.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals, setHeaders }) => {
	setHeaders({ 'cache-control': 'private, no-store', 'x-robots-tag': 'noindex, nofollow' });
	const submission = await submissions.readByStatusToken(locals.db, params.token);
	if (!submission) error(404, reportText(locals.locale, 'report.status.notFound'));
	return { submission, token: params.token };
};

export const actions: Actions = {
	/** The reporter answers a moderator's question; the report goes back to the queue. */
	answer: async ({ params, locals, request }) => {
		const text = String((await request.formData()).get('answer') ?? '').trim();
		if (!text) return fail(400, { fields: { answer: reportText(locals.locale, 'report.status.answerRequired') } });
		if (text.length > submissions.MAX_ANSWER) {
			return fail(400, {
				fields: { answer: reportText(locals.locale, 'report.status.answerTooLong', { count: submissions.MAX_ANSWER }) }
			});
		}
		if (!(await submissions.answer(locals.db, params.token, text))) {
			error(404, reportText(locals.locale, 'report.status.notFound'));
		}
		return { answered: true };
	}
};
