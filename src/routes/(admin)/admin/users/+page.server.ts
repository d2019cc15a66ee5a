import { fail } from '@sveltejs/kit';
import { formatDate, translate } from '#lib/i18n/index.js';
import { accountWording, roleChangeSchema } from '#lib/schemas/account.js';
import { parseForm } from '#lib/schemas/form.js';
import * as audit from '#lib/server/audit/repository.js';
import { requirePageRole } from '#lib/server/auth/guard.js';
import * as users from '#lib/server/auth/repository.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const admin = requirePageRole(event, 'admin');
	const { locals } = event;
	const list = await users.list(locals.db);
	return {
		roles: users.roles,
		users: list.map((user) => ({
			id: user.id,
			username: user.username,
			role: user.role,
			created: formatDate(locals.locale, new Date(user.created_at).toISOString()),
			self: user.id === admin.id
		}))
	};
};

export const actions: Actions = {
	/** Promote or demote; the new role applies from the user's next request. */
	setRole: async (event) => {
		const admin = requirePageRole(event, 'admin');
		const { locals, request } = event;
		const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
			translate(locals.locale, key, params);
		const read = parseForm(
			await request.formData(),
			roleChangeSchema,
			{ only: ['user', 'role'], numbers: ['user'] },
			locals.locale,
			accountWording
		);
		if (!read.success) return fail(400, { fields: read.fields });
		const { user: id, role } = read.data;
		if (id === admin.id) return fail(400, { userId: id, fields: { role: t('admin.users.ownRole') } });
		const target = await users.read(locals.db, id);
		// The change and its audit entry commit together.
		const changed =
			target !== undefined &&
			(await locals.db.transaction().execute(async (trx) => {
				if (!(await users.setRole(trx, id, role))) return false;
				await audit.record(trx, {
					actorId: admin.id,
					action: 'user.set_role',
					target: { type: 'user', id },
					details: { from: target.role, to: role }
				});
				return true;
			}));
		if (!target || !changed) {
			return fail(400, { userId: id, fields: { form: t('admin.users.notFound') } });
		}
		return {
			userId: id,
			message: t('admin.users.saved', { username: target.username, role: t(`account.role.${role}`) })
		};
	}
};
