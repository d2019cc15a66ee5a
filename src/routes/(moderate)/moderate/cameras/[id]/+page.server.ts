import { error, fail } from '@sveltejs/kit';
import { translate } from '#lib/i18n/index.js';
import { parseForm } from '#lib/schemas/form.js';
import { moderationWording, revertSchema } from '#lib/schemas/moderation.js';
import * as audit from '#lib/server/audit/repository.js';
import { requirePageRole } from '#lib/server/auth/guard.js';
import * as revisions from '#lib/server/moderation/revisions.js';
import * as cameras from '#lib/server/cameras/repository.js';
import type { Actions, PageServerLoad } from './$types';

function cameraId(locals: App.Locals, raw: string): number {
	const id = /^\d{1,15}$/.test(raw) ? Number(raw) : 0;
	if (id <= 0) error(404, translate(locals.locale, 'error.notFound'));
	return id;
}

/** A camera's revisions for moderators: who, when, what changed; restore any version. */
export const load: PageServerLoad = async (event) => {
	requirePageRole(event, 'moderator');
	const { locals, params } = event;
	const id = cameraId(locals, params.id);
	const camera = await cameras.read(locals.db, id);
	if (!camera) error(404, translate(locals.locale, 'error.notFound'));
	const list = await revisions.list(locals.db, id);
	return {
		camera,
		revisions: list.map((revision) => {
			const before = (revision.before ?? {}) as Record<string, unknown>;
			const after = revision.after as Record<string, unknown>;
			const changed = Object.keys(after).filter(
				(field) => JSON.stringify(before[field]) !== JSON.stringify(after[field])
			);
			return {
				id: revision.id,
				action: revision.action,
				actor: revision.actor,
				at: new Date(revision.created_at).toISOString().replace('T', ' ').slice(0, 16),
				changed: revision.before === null ? [] : changed
			};
		})
	};
};

export const actions: Actions = {
	revert: async (event) => {
		const moderator = requirePageRole(event, 'moderator');
		const { locals, params, request } = event;
		const id = cameraId(locals, params.id);
		const read = parseForm(
			await request.formData(),
			revertSchema,
			{ only: ['revision'], numbers: ['revision'] },
			locals.locale,
			moderationWording
		);
		if (!read.success) return fail(400, { problem: read.fields.revision, fields: read.fields });
		const revisionId = read.data.revision;
		const reverted = await locals.db.transaction().execute(async (trx) => {
			const camera = await revisions.revert(trx, revisionId, moderator.id, id);
			if (camera === undefined) return false;
			await audit.record(trx, {
				actorId: moderator.id,
				action: 'camera.revert',
				target: { type: 'camera', id },
				details: { revision: revisionId }
			});
			return true;
		});
		if (!reverted) return fail(400, { problem: translate(locals.locale, 'history.notFound') });
		return { reverted: true };
	}
};
