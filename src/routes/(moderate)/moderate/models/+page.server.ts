import { fail } from '@sveltejs/kit';
import { translate } from '#lib/i18n/index.js';
import { requirePageRole } from '#lib/server/auth/guard.js';
import * as cameraModels from '#lib/server/models/repository.js';
import { cameraModelFromForm, parseCameraModel } from '#lib/schemas/camera-model.js';
import type { Actions, PageServerLoad } from './$types';

/** The catalogue for moderators: every model, and a form to add one. */
export const load: PageServerLoad = async (event) => {
	requirePageRole(event, 'moderator');
	return { models: await cameraModels.list(event.locals.db) };
};

export const actions: Actions = {
	create: async (event) => {
		const moderator = requirePageRole(event, 'moderator');
		const { locals, request } = event;
		const input = cameraModelFromForm(await request.formData());
		const parsed = parseCameraModel(input, locals.locale);
		if (!parsed.success) return fail(400, { values: input, fields: parsed.fields });
		try {
			const id = await cameraModels.create(locals.db, parsed.data, moderator.id);
			const name = `${parsed.data.manufacturer} ${parsed.data.model}`;
			return { created: id, message: translate(locals.locale, 'models.created', { name }) };
		} catch (error) {
			if (!(error instanceof cameraModels.DuplicateModel)) throw error;
			return fail(400, { values: input, fields: { model: translate(locals.locale, 'models.duplicate') } });
		}
	}
};
