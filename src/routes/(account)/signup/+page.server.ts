import { fail, redirect } from '@sveltejs/kit';
import { accountWording, signupSchema } from '#lib/schemas/account.js';
import { fieldErrors, formObject } from '#lib/schemas/form.js';
import { signUp } from '#lib/server/auth/accounts.js';
import { refusal, safeRedirectTarget, startSession } from '#lib/server/auth/request.js';
import { clientKey } from '#lib/server/rate-limit/client-key.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeRedirectTarget(url.searchParams.get('redirectTo')));
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		const { locals, request, url } = event;
		const form = formObject(await request.formData(), { only: ['username', 'password', 'email'] });
		const values = { username: String(form.username ?? ''), email: String(form.email ?? '') };
		const parsed = signupSchema.safeParse(form);
		if (!parsed.success) {
			return fail(400, { values, fields: fieldErrors(parsed.error.issues, locals.locale, accountWording) });
		}
		const result = await signUp(locals.db, parsed.data, await clientKey(event));
		if (!result.ok) return refusal(event, result, { values });
		await startSession(event, result.userId);
		redirect(303, safeRedirectTarget(url.searchParams.get('redirectTo')));
	}
};
