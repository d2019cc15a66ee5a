import { hasRole } from '#lib/server/auth/guard.js';
import * as cameraModels from '#lib/server/repositories/camera-models.js';
import type { PageServerLoad } from './$types';

/** The public catalogue of camera models: what each can do and the evidence for it. */
export const load: PageServerLoad = async ({ locals }) => ({
	models: await cameraModels.list(locals.db),
	canEdit: hasRole(locals.user, 'moderator')
});
