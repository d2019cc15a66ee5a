/**
 * The reporter's status page: reachable only with the secret token from the status URL.
 * Works for anonymous reporters; nothing here is public or indexed.
 */
import { error, fail } from '@sveltejs/kit';
import { reportText } from '#lib/report/text.js';
import { parseForm } from '#lib/schemas/form.js';
import { answerSchema, answerWording } from '#lib/schemas/submission.js';
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
		const read = parseForm(await request.formData(), answerSchema, { only: ['answer'] }, locals.locale, answerWording);
		if (!read.success) return fail(400, { fields: read.fields });
		const text = read.data.answer;
		if (!(await submissions.answer(locals.db, params.token, text))) {
			error(404, reportText(locals.locale, 'report.status.notFound'));
		}
		return { answered: true };
	}
};
