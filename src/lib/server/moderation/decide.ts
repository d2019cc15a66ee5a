/**
 * A moderator's decision on a submission, as one transaction:
 *
 * 1. the submission moves on only if it is still pending at the version the moderator saw
 *    (`UPDATE ... WHERE version = $seen`): of two moderators deciding at once exactly one
 *    commits, the other is told the current state (409);
 * 2. the camera is created or changed, with a revision (revisions.ts) and trust (trust.ts);
 * 3. photos are published, blurred where the moderator drew rectangles: the blurred files are
 *    written before the transaction and the photo rows switched to them inside it, so a failure
 *    leaves the old files in place and the new ones are swept;
 * 4. the decision goes to the audit log.
 *
 * Nobody decides on their own report. A moderator who sent a report without signing in, from
 * the client they moderate from, is not refused (many honest people share one address), but the
 * page warns them and the audit entry says "same client as the reporter" (`same_client`).
 *
 * A new camera placed only by a photo's GPS tags (the report form without JavaScript) is where
 * the reporter stood, not where the camera is: it is approved only with the place the moderator
 * confirms (`lat`/`lng` in the attributes; the review page always sends them).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Locale } from '#lib/i18n/index.js';
import { translate } from '#lib/i18n/index.js';
import { reportFields } from '#lib/cameras/fields.js';
import { fieldErrors } from '#lib/schemas/form.js';
import { decision as decisionSchema, type Decision, type PhotoReviewInput } from '#lib/schemas/moderation.js';
import { parseSubmission, reportWording, type FieldErrors, type SubmissionPayload } from '#lib/schemas/submission.js';
import * as audit from '../audit/repository';
import type { DB, SubmissionStatus } from '../db/schema';
import { blurRegions } from '../photos/pipeline';
import * as cameraModels from '../models/repository';
import * as cameras from '../cameras/repository';
import * as moderation from './repository';
import { isSubmissionId } from './repository';
import { releaseUploads, reserveUploads } from '../submissions/repository';
import { photoKey, type PhotoStorage } from '../storage';
import { changeCamera, createCamera, type CameraSnapshot } from './revisions';
import { addSighting, contributorOf } from './trust';

export interface Moderator {
	id: number;
	/** The moderator's client key of today (client-key.ts), to tell a report from their own client. */
	clientKey?: Uint8Array | null;
}

/** The state another moderator's decision left, for the one who lost the race. */
export interface CurrentState {
	status: SubmissionStatus;
	version: number;
	decidedBy: string | null;
}

export type DecisionResult =
	| { ok: true; status: SubmissionStatus; cameraId: number | null; version: number; sameClient: boolean }
	| { ok: false; code: 'not_found' | 'own_submission' }
	| { ok: false; code: 'conflict'; current: CurrentState }
	| { ok: false; code: 'invalid'; fields: FieldErrors };

const statusAfter: Record<Decision['action'], SubmissionStatus> = {
	approve: 'approved',
	merge: 'merged',
	reject: 'rejected',
	needs_info: 'needs_info'
};

type SubmissionRow = Awaited<ReturnType<typeof moderation.readForDecision>> & object;

export async function currentState(db: Kysely<DB>, publicId: string): Promise<CurrentState | undefined> {
	const row = await moderation.decisionState(db, publicId);
	return row && { status: row.status, version: row.version, decidedBy: row.username };
}

/**
 * Whether a report was sent from the moderator's own client: the report's client key is the one
 * of the day it was sent, so only today's reports can be compared with the moderator's key.
 */
export function fromSameClient(
	submission: { client_key: Uint8Array | null; sent_on: string },
	moderatorKey: Uint8Array | null | undefined,
	now = new Date()
): boolean {
	if (!moderatorKey || !submission.client_key) return false;
	if (submission.sent_on !== now.toISOString().slice(0, 10)) return false;
	return Buffer.from(submission.client_key).equals(Buffer.from(moderatorKey));
}

/** The camera as the approval settles it: the report's attributes, or the moderator's. */
function settledPayload(
	submission: SubmissionRow,
	attributes: Record<string, unknown> | undefined,
	locale: Locale
): { ok: true; payload: SubmissionPayload } | { ok: false; fields: FieldErrors } {
	// The report's place is its `geom` alone (the payload keeps no copy): the reporter's own
	// place counts as said; a photo's GPS tags only once a moderator confirms them.
	const reporterPlace =
		submission.location_source === 'reporter' && submission.lat !== null && submission.lng !== null
			? { lat: submission.lat, lng: submission.lng }
			: {};
	const reported = { ...(submission.payload as SubmissionPayload), ...reporterPlace };
	if (!attributes) return { ok: true, payload: reported };
	const parsed = parseSubmission(
		{
			...attributes,
			kind: submission.kind,
			camera_id: submission.camera_id ?? undefined,
			removed_on: attributes.removed_on ?? reported.removed_on
		},
		locale
	);
	return parsed.success ? { ok: true, payload: parsed.data } : { ok: false, fields: parsed.fields };
}

/** Camera columns from a payload; `replace`: fields left out become empty. */
function cameraFields(payload: SubmissionPayload, replace: boolean): Partial<CameraSnapshot> {
	const fields: Record<string, unknown> = {};
	for (const { field, payload: name } of reportFields) {
		const value = payload[name as keyof SubmissionPayload];
		if (value === undefined && !replace) continue;
		// Columns with a default cannot be empty.
		fields[field.name] = value ?? (replace ? field.default : undefined) ?? null;
	}
	if (payload.lat !== undefined && payload.lng !== undefined)
		Object.assign(fields, { lat: payload.lat, lng: payload.lng });
	return fields as Partial<CameraSnapshot>;
}

interface BlurredPhoto {
	photoId: number;
	regions: PhotoReviewInput & { review: 'blurred' };
	display: { key: string; width: number; height: number; bytes: Uint8Array };
	thumb: { key: string; width: number; height: number; bytes: Uint8Array };
	oldKeys: string[];
}

async function reviewedPhotos(
	db: Kysely<DB>,
	storage: PhotoStorage,
	submissionId: number,
	reviews: PhotoReviewInput[],
	locale: Locale
): Promise<{ ok: true; blurred: BlurredPhoto[]; clear: number[] } | { ok: false; fields: FieldErrors }> {
	const photos = await moderation.photosForReview(db, submissionId);
	const fields: FieldErrors = {};
	const byPosition = new Map(reviews.map((review) => [review.position, review]));
	for (const review of reviews) {
		if (!photos.some((photo) => photo.position === review.position)) {
			fields[`photo.${review.position}`] = translate(locale, 'moderate.error.noSuchPhoto');
		}
	}
	for (const photo of photos) {
		if (!byPosition.has(photo.position))
			fields[`photo.${photo.position}`] = translate(locale, 'moderate.error.reviewPhoto');
	}
	if (Object.keys(fields).length > 0) return { ok: false, fields };
	const blurred: BlurredPhoto[] = [];
	const clear: number[] = [];
	for (const photo of photos) {
		const review = byPosition.get(photo.position)!;
		if (review.review === 'clear') {
			clear.push(photo.id);
			continue;
		}
		const stored = await storage.get(photo.display_key);
		if (!stored) throw new Error(`photo file missing: ${photo.display_key}`);
		const [display, thumb] = await blurRegions(stored.bytes, review.regions);
		blurred.push({
			photoId: photo.id,
			regions: review,
			display: { key: photoKey(display), width: display.width, height: display.height, bytes: display.bytes },
			thumb: { key: photoKey(thumb), width: thumb.width, height: thumb.height, bytes: thumb.bytes },
			oldKeys: [photo.display_key, photo.thumb_key]
		});
	}
	return { ok: true, blurred, clear };
}

/** Applies an approval or merge to the cameras table; returns the camera the report is now about. */
async function applyToCamera(
	trx: Kysely<DB>,
	submission: SubmissionRow,
	decided: Decision & { action: 'approve' | 'merge' },
	payload: SubmissionPayload,
	moderator: Moderator
): Promise<number | null> {
	const context = { actorId: moderator.id, submissionId: submission.id };
	const contributor = contributorOf(submission);
	const day = submission.sent_on;
	const clientKey = submission.client_key;
	if (decided.action === 'merge') {
		const known = await addSighting(
			trx,
			decided.camera_id,
			contributor,
			day,
			{ ...context, action: 'merge' },
			clientKey
		);
		return known ? decided.camera_id : null;
	}
	const cameraId = submission.camera_id!;
	const model = decided.action === 'approve' && decided.model_id !== undefined ? { model_id: decided.model_id } : {};
	switch (submission.kind) {
		case 'new_camera': {
			// The moderator's place when they set one, else the report's own (its `geom`).
			const place = payload.lat !== undefined && payload.lng !== undefined ? payload : submission;
			const id = await createCamera(
				trx,
				{
					...(cameraFields(payload, true) as CameraSnapshot),
					model_id: null,
					...model,
					lng: place.lng!,
					lat: place.lat!,
					status: 'active',
					removed_on: null,
					confidence: 'verified',
					confirmations: 1,
					first_seen: day,
					last_seen: day,
					source: 'citizen'
				},
				{ ...context, action: 'create' }
			);
			await cameras.addSighting(trx, { cameraId: id, contributor, day, clientKey });
			return id;
		}
		case 'confirmation':
			return (await addSighting(trx, cameraId, contributor, day, { ...context, action: 'confirm' }, clientKey))
				? cameraId
				: null;
		case 'edit': {
			const fields = { ...cameraFields(payload, decided.attributes !== undefined), ...model };
			const after = await changeCamera(trx, cameraId, () => fields, { ...context, action: 'edit' });
			return after ? cameraId : null;
		}
		case 'removal': {
			const removedOn = payload.removed_on ?? day;
			const after = await changeCamera(trx, cameraId, () => ({ status: 'removed', removed_on: removedOn }), {
				...context,
				action: 'remove'
			});
			return after ? cameraId : null;
		}
	}
}

class UnknownCamera extends Error {}

export async function decide(
	db: Kysely<DB>,
	storage: PhotoStorage,
	publicId: string,
	moderator: Moderator,
	input: unknown,
	locale: Locale
): Promise<DecisionResult> {
	const parsed = decisionSchema.safeParse(input, { reportInput: true });
	if (!parsed.success)
		return { ok: false, code: 'invalid', fields: fieldErrors(parsed.error.issues, locale, reportWording) };
	const decided = parsed.data;
	const submission = isSubmissionId(publicId) ? await moderation.readForDecision(db, publicId) : undefined;
	if (!submission) return { ok: false, code: 'not_found' };
	if (submission.user_id === moderator.id) return { ok: false, code: 'own_submission' };
	const conflict = async (): Promise<DecisionResult> => ({
		ok: false,
		code: 'conflict',
		current: (await currentState(db, publicId))!
	});
	if (submission.status !== 'pending' || submission.version !== decided.version) return conflict();

	let payload = submission.payload as SubmissionPayload;
	let blurred: BlurredPhoto[] = [];
	let clear: number[] = [];
	if (decided.action === 'approve' || decided.action === 'merge') {
		if (decided.action === 'approve') {
			const settled = settledPayload(submission, decided.attributes, locale);
			if (!settled.ok) return { ok: false, code: 'invalid', fields: settled.fields };
			payload = settled.payload;
			if (
				submission.kind === 'new_camera' &&
				submission.location_source === 'photo' &&
				(payload.lat === undefined || payload.lng === undefined)
			) {
				return { ok: false, code: 'invalid', fields: { lat: translate(locale, 'moderate.error.confirmPlace') } };
			}
			if (decided.model_id && !(await cameraModels.exists(db, decided.model_id))) {
				return { ok: false, code: 'invalid', fields: { model_id: translate(locale, 'moderate.error.model') } };
			}
		} else if (submission.kind !== 'new_camera' && submission.kind !== 'confirmation') {
			return { ok: false, code: 'invalid', fields: { action: translate(locale, 'moderate.error.mergeKind') } };
		}
		const photos = await reviewedPhotos(db, storage, submission.id, decided.photos, locale);
		if (!photos.ok) return { ok: false, code: 'invalid', fields: photos.fields };
		({ blurred, clear } = photos);
	}

	const sameClient = fromSameClient(submission, moderator.clientKey);
	const requestId = randomUUID();
	const newKeys = blurred.flatMap((photo) => [photo.display.key, photo.thumb.key]);
	await reserveUploads(db, requestId, newKeys);
	let result: DecisionResult;
	try {
		for (const photo of blurred) {
			await storage.put(photo.display.key, photo.display.bytes, 'image/webp');
			await storage.put(photo.thumb.key, photo.thumb.bytes, 'image/webp');
		}
		result =
			(await db.transaction().execute(async (trx) => {
				const status = statusAfter[decided.action];
				const version = await moderation.markDecided(trx, {
					submissionId: submission.id,
					version: decided.version,
					status,
					decidedBy: moderator.id,
					rejectReason: decided.action === 'reject' ? decided.reason : null,
					decisionNote: decided.action === 'reject' ? (decided.note ?? null) : null,
					...(decided.action === 'needs_info' ? { infoRequest: decided.question } : {})
				});
				if (version === undefined) return null;

				let cameraId = submission.camera_id;
				if (decided.action === 'approve' || decided.action === 'merge') {
					cameraId = await applyToCamera(trx, submission, decided, payload, moderator);
					if (cameraId === null) throw new UnknownCamera();
					await moderation.linkCamera(trx, submission.id, cameraId);
					for (const photo of blurred) {
						await moderation.publishBlurred(trx, { ...photo, regions: photo.regions.regions });
					}
					if (clear.length > 0) await moderation.publishClear(trx, clear);
				}
				await audit.record(trx, {
					actorId: moderator.id,
					action: `submission.${decided.action}`,
					target: { type: 'submission', id: publicId },
					details: {
						kind: submission.kind,
						camera_id: cameraId,
						...(decided.action === 'reject' ? { reason: decided.reason } : {}),
						...(blurred.length > 0 ? { blurred_photos: blurred.length } : {}),
						...(sameClient ? { same_client: true } : {})
					}
				});
				return { ok: true as const, status, cameraId, version, sameClient };
			})) ?? (await conflict());
	} catch (error) {
		if (error instanceof UnknownCamera) {
			result = { ok: false, code: 'invalid', fields: { camera_id: translate(locale, 'moderate.error.unknownCamera') } };
		} else {
			await releaseUploads(db, storage, requestId, newKeys);
			throw error;
		}
	}
	// The new files are referenced now (or not, after a conflict); the replaced ones are not.
	await releaseUploads(db, storage, requestId, [...newKeys, ...blurred.flatMap((photo) => photo.oldKeys)]);
	return result;
}
