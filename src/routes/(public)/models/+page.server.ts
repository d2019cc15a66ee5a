import { hasRole } from '#lib/server/auth/guard.js';
import * as cameraModels from '#lib/server/models/repository.js';
import { translator } from '#lib/i18n/index.js';
import { inReadersLanguage } from '../../../../seeds/demo.js';
import type { PageServerLoad } from './$types';

/** The public catalogue of camera models: what each can do and the evidence for it. */
export const load: PageServerLoad = async ({ locals }) => {
	const t = translator(locals.locale);
	return {
		models: (await cameraModels.list(locals.db)).map((model) => inReadersLanguage(model, t)),
		canEdit: hasRole(locals.user, 'moderator')
	};
};
