import { error, fail } from '@sveltejs/kit';
import { translate } from '#lib/i18n/index.js';
import { requirePageRole } from '#lib/server/auth/guard.js';
import * as cameraModels from '#lib/server/models/repository.js';
import { cameraModelFromForm, parseCameraModel } from '#lib/schemas/camera-model.js';
import type { Actions, PageServerLoad } from './$types';

function modelId(locals: App.Locals, raw: string): number {
	const id = /^\d{1,15}$/.test(raw) ? Number(raw) : 0;
	if (id <= 0) error(404, translate(locals.locale, 'models.notFound'));
	return id;
}

/** One model for moderators to correct. */
export const load: PageServerLoad = async (event) => {
	requirePageRole(event, 'moderator');
	const { locals, params } = event;
	const model = await cameraModels.read(locals.db, modelId(locals, params.id));
	if (!model) error(404, translate(locals.locale, 'models.notFound'));
	return { model };
};

export const actions: Actions = {
	save: async (event) => {
		const moderator = requirePageRole(event, 'moderator');
		const { locals, params, request } = event;
		const id = modelId(locals, params.id);
		const input = cameraModelFromForm(await request.formData());
		const parsed = parseCameraModel(input, locals.locale);
		if (!parsed.success) return fail(400, { values: input, fields: parsed.fields });
		try {
			if (!(await cameraModels.update(locals.db, id, parsed.data, moderator.id))) {
				error(404, translate(locals.locale, 'models.notFound'));
			}
		} catch (problem) {
			if (!(problem instanceof cameraModels.DuplicateModel)) throw problem;
			return fail(400, { values: input, fields: { model: translate(locals.locale, 'models.duplicate') } });
		}
		const name = `${parsed.data.manufacturer} ${parsed.data.model}`;
		return { message: translate(locals.locale, 'models.saved', { name }) };
	}
};
