/**
 * Taking in one report: idempotency check, photo pipeline, place, then the repository's
 * exactly-once write. Shared by the JSON endpoint and the no-JavaScript form action, which
 * differ only in how they read the request and shape the answer.
 */
import type { Kysely } from 'kysely';
import type { Locale } from '#lib/i18n/index.js';
import { reportText } from '#lib/report/text.js';
import { FORM_FIELD, photoCountProblem, type FieldErrors, type SubmissionPayload } from '#lib/schemas/submission.js';
import type { DB } from '../db/schema';
import { log } from '../log';
import * as submissions from './repository';
import { isStorageFull } from '../storage';
import {
	PhotoError,
	photoErrorMessage,
	photoErrorStatus,
	photoKey,
	processPhoto,
	type PhotoStorage,
	type ProcessedPhoto
} from './photo-port';

export interface SubmitRequest {
	idempotencyKey: string;
	payload: SubmissionPayload;
	/** The uploaded files as sent, in order. */
	photos: Uint8Array[];
	locale: Locale;
	userId?: number | null;
	/** The sender's client key of the day (`client-key.ts`): their turn in the photo queue, and kept with the report. */
	clientKey: Uint8Array;
}

export type SubmitResult =
	| { ok: true; created: boolean; receipt: submissions.SubmissionReceipt }
	| { ok: false; status: number; code: string; fields: FieldErrors; retryAfter?: number };

function invalid(status: number, code: string, fields: FieldErrors): SubmitResult {
	return { ok: false, status, code, fields };
}

/** Seconds a reporter is asked to wait when photo storage is full (an operator has to act). */
const STORAGE_FULL_RETRY_AFTER = 300;

export async function submit(db: Kysely<DB>, storage: PhotoStorage, request: SubmitRequest): Promise<SubmitResult> {
	const { locale, payload } = request;
	const t = (key: Parameters<typeof reportText>[1], params?: Parameters<typeof reportText>[2]) =>
		reportText(locale, key, params);

	const countProblem = photoCountProblem(payload.kind, request.photos.length);
	if (countProblem) return invalid(422, 'validation', { photos: t(countProblem.key, countProblem.params) });

	const hash = submissions.requestHash(payload, request.photos);
	try {
		const earlier = await submissions.findByIdempotencyKey(db, request.idempotencyKey, hash);
		if (earlier) {
			log.info('submission replayed', { kind: payload.kind, photos: earlier.photoCount });
			return { ok: true, created: false, receipt: earlier };
		}
	} catch (error) {
		if (error instanceof submissions.IdempotencyConflictError) {
			return invalid(422, 'idempotency_conflict', { [FORM_FIELD]: t('report.error.idempotencyConflict') });
		}
		throw error;
	}

	// One photo at a time: decoding is the memory-hungry part.
	const processed: ProcessedPhoto[] = [];
	const fields: FieldErrors = {};
	let status = 0;
	for (const [index, bytes] of request.photos.entries()) {
		try {
			processed.push(await processPhoto(bytes, Buffer.from(request.clientKey).toString('hex')));
		} catch (error) {
			if (!(error instanceof PhotoError)) throw error;
			fields[`photos.${index}`] = t('report.error.photo', { n: index + 1, reason: photoErrorMessage(locale, error) });
			status ||= photoErrorStatus(error);
		}
	}
	if (status) return invalid(status, 'photo_rejected', fields);

	let location: submissions.NewSubmission['location'] = null;
	if (payload.lat !== undefined && payload.lng !== undefined) {
		location = { lat: payload.lat, lng: payload.lng, source: 'reporter' };
	} else {
		const gps = processed.find((photo) => photo.gps)?.gps;
		// Seven decimals are about a centimetre: more is only floating-point noise from EXIF.
		if (gps) location = { lat: Number(gps.lat.toFixed(7)), lng: Number(gps.lng.toFixed(7)), source: 'photo' };
	}
	if (!location && payload.kind === 'new_camera') {
		return invalid(422, 'validation', { lat: t('report.error.locationRequired') });
	}

	const photos = processed.map((photo) => {
		const file = (variant: 'display' | 'thumb') => {
			const derivative = photo.derivatives.find((candidate) => candidate.variant === variant);
			if (!derivative) throw new Error(`photo pipeline returned no ${variant} derivative`);
			return {
				key: photoKey(derivative),
				bytes: derivative.bytes,
				contentType: derivative.contentType,
				width: derivative.width,
				height: derivative.height
			};
		};
		return { display: file('display'), thumb: file('thumb') };
	});

	try {
		const outcome = await submissions.create(db, storage, {
			idempotencyKey: request.idempotencyKey,
			requestHash: hash,
			payload,
			location,
			photos,
			locale,
			userId: request.userId,
			clientKey: request.clientKey
		});
		// Operational facts only: never the address, the place or anything from the photos.
		log.info(outcome.created ? 'submission stored' : 'submission replayed', {
			kind: payload.kind,
			photos: photos.length
		});
		return { ok: true, ...outcome };
	} catch (error) {
		if (error instanceof submissions.IdempotencyConflictError) {
			return invalid(422, 'idempotency_conflict', { [FORM_FIELD]: t('report.error.idempotencyConflict') });
		}
		if (error instanceof submissions.UnknownCameraError) {
			return invalid(422, 'validation', { camera_id: t('report.error.cameraUnknown') });
		}
		if (isStorageFull(error)) {
			// Nothing was stored (the repository removed the files it wrote); the operator must make room.
			log.error('photo storage full', { code: (error as NodeJS.ErrnoException).code });
			const fields = { [FORM_FIELD]: t('report.error.storageFull') };
			return { ok: false, status: 507, code: 'storage_full', fields, retryAfter: STORAGE_FULL_RETRY_AFTER };
		}
		throw error;
	}
}
