import { fail, redirect } from '@sveltejs/kit';
import { accountWording, loginSchema } from '#lib/schemas/account.js';
import { fieldErrors, formObject } from '#lib/schemas/form.js';
import { logIn } from '#lib/server/auth/accounts.js';
import { refusal, safeRedirectTarget, startSession } from '#lib/server/auth/request.js';
import { hasRole } from '#lib/server/auth/guard.js';
import type { Role } from '#lib/server/db/schema.js';
import { clientKey } from '#lib/server/rate-limit/client-key.js';
import type { Actions, PageServerLoad } from './$types';

/** Where a login lands unless a page sent the person here: moderators come to work through the queue. */
const home = (user: { role: Role }) => (hasRole(user, 'moderator') ? '/moderate' : '/account');

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeRedirectTarget(url.searchParams.get('redirectTo'), home(locals.user)));
	return { asked: url.searchParams.has('redirectTo') };
};

export const actions: Actions = {
	default: async (event) => {
		const { locals, request, url } = event;
		const form = formObject(await request.formData(), { only: ['username', 'password'] });
		const values = { username: String(form.username ?? '') };
		const parsed = loginSchema.safeParse(form);
		if (!parsed.success) {
			return fail(400, { values, fields: fieldErrors(parsed.error.issues, locals.locale, accountWording) });
		}
		const result = await logIn(locals.db, parsed.data, await clientKey(event));
		if (!result.ok) return refusal(event, result, { values });
		await startSession(event, result.user.id);
		redirect(303, safeRedirectTarget(url.searchParams.get('redirectTo'), home(result.user)));
	}
};
