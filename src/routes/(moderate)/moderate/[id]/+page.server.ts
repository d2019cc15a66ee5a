import { error, fail } from '@sveltejs/kit';
import { translate } from '#lib/i18n/index.js';
import { decisionFromForm, rejectReasons } from '#lib/schemas/moderation.js';
import { requirePageRole } from '#lib/server/auth/guard.js';
import { clientKey } from '#lib/server/rate-limit/client-key.js';
import { decide, fromSameClient } from '#lib/server/moderation/decide.js';
import { sharedClientSightings } from '#lib/server/moderation/trust.js';
import * as cameras from '#lib/server/cameras/repository.js';
import * as moderation from '#lib/server/moderation/repository.js';
import { photoStorage } from '#lib/server/submissions/photo-port.js';
import * as cameraModels from '#lib/server/models/repository.js';
import type { Actions, PageServerLoad } from './$types';

async function readOr404(locals: App.Locals, id: string) {
	const submission = await moderation.detail(locals.db, id);
	if (!submission) error(404, translate(locals.locale, 'moderate.error.notFound'));
	return submission;
}

export const load: PageServerLoad = async (event) => {
	const moderator = requirePageRole(event, 'moderator');
	const { locals, params } = event;
	const submission = await readOr404(locals, params.id);
	const camera = submission.camera_id ? await cameras.read(locals.db, submission.camera_id) : undefined;
	// Warn before the decision when the report came from the moderator's own client today.
	const sameClient = fromSameClient(submission, await clientKey(event));
	// Confirmations of the camera that came from one client on one day (they count once).
	const sharedClient = submission.camera_id ? await sharedClientSightings(locals.db, submission.camera_id) : [];
	// The neighbours in the queue, for "next" and the J / K keys.
	const { items } = await moderation.queue(locals.db);
	const index = items.findIndex((item) => item.public_id === submission.public_id);
	const others = items.filter((item) => item.public_id !== submission.public_id);
	return {
		submission: {
			id: submission.public_id,
			kind: submission.kind,
			status: submission.status,
			version: submission.version,
			cameraId: submission.camera_id,
			payload: submission.payload,
			lat: submission.lat,
			lng: submission.lng,
			ownPlace: submission.own_place,
			locationSource: submission.location_source,
			sentOn: new Date(submission.created_at).toISOString().slice(0, 10),
			rejectReason: submission.reject_reason,
			decisionNote: submission.decision_note,
			infoRequest: submission.info_request,
			infoResponse: submission.info_response,
			decidedBy: submission.decided_by,
			photos: submission.photos.map((photo) => ({
				position: photo.position,
				width: photo.display_width,
				height: photo.display_height,
				review: photo.review
			})),
			trackRecord: submission.trackRecord,
			own: submission.user_id === moderator.id,
			sameClient,
			decidedFromSameClient: submission.decided_from_same_client
		},
		sharedClient,
		camera: camera ?? null,
		nearby: submission.nearby,
		pendingNearby: submission.pendingNearby,
		rejectReasons,
		// The catalogue's models for the approval form, and the camera's current one (edits).
		models: await cameraModels.choices(locals.db),
		modelId: submission.camera_id ? await cameras.modelOf(locals.db, submission.camera_id) : null,
		previous: index > 0 ? items[index - 1].public_id : null,
		next: (index >= 0 ? items[index + 1] : others[0])?.public_id ?? null
	};
};

export const actions: Actions = {
	decide: async (event) => {
		const moderator = requirePageRole(event, 'moderator');
		const { locals, params, request } = event;
		const form = await request.formData();
		const result = await decide(
			locals.db,
			photoStorage(),
			params.id,
			{ id: moderator.id, clientKey: await clientKey(event) },
			decisionFromForm(form),
			locals.locale
		);
		if (result.ok) return { done: { status: result.status, cameraId: result.cameraId } };
		switch (result.code) {
			case 'not_found':
				error(404, translate(locals.locale, 'moderate.error.notFound'));
			// eslint-disable-next-line no-fallthrough -- error() throws
			case 'own_submission':
				error(403, translate(locals.locale, 'moderate.detail.own'));
			// eslint-disable-next-line no-fallthrough -- error() throws
			case 'conflict':
				return fail(409, { conflict: result.current });
			case 'invalid':
				return fail(400, { fields: result.fields });
		}
	}
};
