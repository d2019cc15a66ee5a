import { fail } from '@sveltejs/kit';
import { formatDate, translate } from '#lib/i18n/index.js';
import { accountWording, passwordChangeSchema, sessionChoiceSchema } from '#lib/schemas/account.js';
import { fieldErrors, formObject, parseForm } from '#lib/schemas/form.js';
import { changePassword } from '#lib/server/auth/accounts.js';
import { requirePageRole } from '#lib/server/auth/guard.js';
import { refusal, startSession } from '#lib/server/auth/request.js';
import { invalidateSession, invalidateUserSessions, listUserSessions } from '#lib/server/auth/session.js';
import { clientKey } from '#lib/server/rate-limit/client-key.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requirePageRole(event, 'contributor');
	const { locals } = event;
	const sessions = await listUserSessions(locals.db, user.id);
	return {
		user: { username: user.username, role: user.role },
		sessions: sessions.map((session) => ({
			id: session.id,
			current: session.id === locals.session?.id,
			created: formatDate(locals.locale, session.createdAt.toISOString()),
			lastUsed: formatDate(locals.locale, session.lastVerifiedAt.toISOString())
		}))
	};
};

export const actions: Actions = {
	changePassword: async (event) => {
		const user = requirePageRole(event, 'contributor');
		const { locals, request } = event;
		const form = formObject(await request.formData(), { only: ['currentPassword', 'newPassword'] });
		const parsed = passwordChangeSchema.safeParse(form);
		if (!parsed.success) {
			return fail(400, {
				action: 'changePassword',
				fields: fieldErrors(parsed.error.issues, locals.locale, accountWording)
			});
		}
		const result = await changePassword(locals.db, user.id, parsed.data, await clientKey(event));
		if (!result.ok) return refusal(event, result, { action: 'changePassword' });
		// Every session, this one included, ended with the old password; this device gets a new one.
		event.locals.session = null;
		await startSession(event, user.id);
		return { action: 'changePassword', message: translate(locals.locale, 'account.password.changed') };
	},

	revokeSession: async (event) => {
		const user = requirePageRole(event, 'contributor');
		const { locals, request } = event;
		const read = parseForm(
			await request.formData(),
			sessionChoiceSchema,
			{ only: ['session'] },
			locals.locale,
			accountWording
		);
		const id = read.success ? read.data.session : undefined;
		const own = id !== undefined && (await listUserSessions(locals.db, user.id)).some((session) => session.id === id);
		if (!read.success || !own) {
			return fail(400, {
				action: 'revokeSession',
				fields: read.success ? { session: translate(locals.locale, 'account.sessions.notFound') } : read.fields
			});
		}
		await invalidateSession(locals.db, read.data.session);
		return { action: 'revokeSession', message: translate(locals.locale, 'account.sessions.revoked') };
	},

	revokeOtherSessions: async (event) => {
		const user = requirePageRole(event, 'contributor');
		const { locals } = event;
		const count = await invalidateUserSessions(locals.db, user.id, locals.session?.id);
		return {
			action: 'revokeOtherSessions',
			message: translate(locals.locale, 'account.sessions.revokedOthers', { count })
		};
	}
};
