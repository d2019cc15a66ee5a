/**
 * Submissions: reports from the public, stored exactly once.
 *
 * - The client's idempotency key is stored only as a SHA-256 hash, with a hash of the
 *   canonical request. The same key again answers with the first result; the same key with
 *   another request is refused (`IdempotencyConflictError`); of concurrent duplicates the
 *   unique constraint picks one winner and the others answer with the winner's result.
 * - The status token (the secret in the reporter's status URL) is HMAC(app secret, key): a
 *   retry can answer with the same URL, yet the database holds only the token's hash, and
 *   the key's hash, from which neither can be recomputed.
 * - Photos are written to storage (content-addressed, so writing twice is harmless) before
 *   the transaction that inserts the submission and its photo rows commits. Each upload is
 *   first recorded in `photo_uploads`; if the transaction fails, every file that no row and
 *   no other in-flight upload references is deleted. An advisory lock per file key orders
 *   that check against concurrent uploads of the same file; uploads left by a crashed
 *   process are swept later by `sweepAbandonedUploads`.
 */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Locale } from '#lib/i18n/index.js';
import { canonicalJson, type SubmissionKind, type SubmissionPayload } from '#lib/schemas/submission.js';
import type { DB, PhotoContentType, SubmissionStatus } from '../db/schema';
import { lngLat, point } from '../db/postgis';
import { isDatabaseUnavailable } from '../db/errors';
import { fault } from '../faults/inject';
import { log } from '../log';
import { appSecret } from '../secrets/repository';
import type { PhotoStorage } from './photo-port';

/** One stored derivative of a photo. */
export interface PhotoFile {
	key: string;
	bytes: Uint8Array;
	contentType: PhotoContentType;
	width: number;
	height: number;
}

export interface PreparedPhoto {
	display: PhotoFile;
	thumb: PhotoFile;
}

/** A report's payload as stored: its place lives in `geom` with `location_source`, not here. */
function withoutPlace(payload: SubmissionPayload): Omit<SubmissionPayload, 'lat' | 'lng'> {
	// eslint-disable-next-line @typescript-eslint/no-unused-vars -- left out on purpose
	const { lat, lng, ...rest } = payload;
	return rest;
}

export interface NewSubmission {
	idempotencyKey: string;
	/** `requestHash(payload, photo originals)`. */
	requestHash: Buffer;
	payload: SubmissionPayload;
	location: { lat: number; lng: number; source: 'reporter' | 'photo' } | null;
	photos: PreparedPhoto[];
	locale: Locale;
	/** The signed-in contributor, once accounts exist. */
	userId?: number | null;
	/** The sender's client key of the day. */
	clientKey?: Uint8Array | null;
}

/** What the reporter gets back: the same for the first request and every replay. */
export interface SubmissionReceipt {
	id: string;
	kind: SubmissionKind;
	status: SubmissionStatus;
	statusToken: string;
	photoCount: number;
}

export interface CreateOutcome {
	/** false: an earlier request with the same key had already stored it. */
	created: boolean;
	receipt: SubmissionReceipt;
}

/** The idempotency key was used before for a different request. */
export class IdempotencyConflictError extends Error {
	constructor() {
		super('idempotency key already used for a different request');
		this.name = 'IdempotencyConflictError';
	}
}

/** The camera a confirmation, edit or removal names does not exist. */
export class UnknownCameraError extends Error {
	constructor() {
		super('unknown camera');
		this.name = 'UnknownCameraError';
	}
}

const IDEMPOTENCY_CONSTRAINT = 'submissions_idempotency_key_hash_key';
const CAMERA_CONSTRAINT = 'submissions_camera_id_fkey';
const STATUS_TOKEN = /^[A-Za-z0-9_-]{43}$/;

function sha256(value: string | Uint8Array): Buffer {
	return createHash('sha256').update(value).digest();
}

/** The hash that tells "the same request again" from "another request with the same key". */
export function requestHash(payload: SubmissionPayload, photoOriginals: readonly Uint8Array[]): Buffer {
	const photos = photoOriginals.map((bytes) => sha256(bytes).toString('hex'));
	return sha256(canonicalJson({ payload, photos }));
}

async function statusTokenFor(db: Kysely<DB>, idempotencyKey: string): Promise<string> {
	const secret = await appSecret(db, 'status-token');
	return createHmac('sha256', secret).update(`status-token\0${idempotencyKey}`).digest('base64url');
}

function constraintOf(error: unknown, code: string): string | undefined {
	if (typeof error !== 'object' || error === null) return undefined;
	const { code: actual, constraint } = error as { code?: string; constraint?: string };
	return actual === code ? constraint : undefined;
}

/**
 * The receipt for an earlier request with this key, or null if the key is new.
 * Throws `IdempotencyConflictError` when the key was used for a different request.
 */
export async function findByIdempotencyKey(
	db: Kysely<DB>,
	idempotencyKey: string,
	hash: Buffer
): Promise<SubmissionReceipt | null> {
	const row = await db
		.selectFrom('submissions')
		.select(['public_id', 'kind', 'status', 'request_hash'])
		.select((eb) =>
			eb
				.selectFrom('photos')
				.select((inner) => inner.fn.countAll<number>().as('n'))
				.whereRef('photos.submission_id', '=', 'submissions.id')
				.as('photo_count')
		)
		.where('idempotency_key_hash', '=', sha256(idempotencyKey))
		.executeTakeFirst();
	if (!row) return null;
	if (Buffer.compare(row.request_hash, hash) !== 0) throw new IdempotencyConflictError();
	return {
		id: row.public_id,
		kind: row.kind,
		status: row.status,
		statusToken: await statusTokenFor(db, idempotencyKey),
		photoCount: Number(row.photo_count)
	};
}

/** Takes the per-file advisory locks, always in the same order (no deadlocks). */
async function lockFiles(trx: Transaction<DB>, keys: readonly string[]) {
	for (const key of [...keys].sort()) {
		await sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
	}
}

/** Records files about to be written for `requestId`, so a crash leaves them sweepable. */
export async function reserveUploads(db: Kysely<DB>, requestId: string, keys: readonly string[]) {
	if (keys.length === 0) return;
	await db.transaction().execute(async (trx) => {
		await lockFiles(trx, keys);
		await trx
			.insertInto('photo_uploads')
			.values(keys.map((key) => ({ request_id: requestId, key })))
			.execute();
	});
}

/**
 * Forgets the uploads of `requestId` and deletes each of `keys` that no photo row and no other
 * upload in flight references (also used to drop files a change left unreferenced).
 */
export async function releaseUploads(
	db: Kysely<DB>,
	storage: PhotoStorage,
	requestId: string,
	keys: readonly string[]
) {
	if (keys.length === 0) return;
	await db.transaction().execute(async (trx) => {
		await lockFiles(trx, keys);
		await trx
			.deleteFrom('photo_uploads')
			.where('request_id', '=', requestId)
			.where('key', 'in', [...keys])
			.execute();
		const { rows } = await sql<{ key: string }>`
			SELECT k.key FROM unnest(${[...keys]}::text[]) AS k(key)
			WHERE NOT EXISTS (SELECT 1 FROM photos p WHERE p.display_key = k.key OR p.thumb_key = k.key)
			AND NOT EXISTS (SELECT 1 FROM photo_uploads u WHERE u.key = k.key)`.execute(trx);
		for (const { key } of rows) await storage.delete(key);
	});
}

function uploadKeys(photos: readonly PreparedPhoto[]): string[] {
	return [...new Set(photos.flatMap((photo) => [photo.display.key, photo.thumb.key]))];
}

/**
 * Cleans up after a failed create. When the failure was the connection dying, the pool may
 * still hold that connection as idle for a moment (the server's goodbye arrives after the
 * failed query returned it), so the first cleanup attempt can land on it: try again shortly,
 * on a fresh connection, rather than leave the files to the hourly sweep.
 */
async function releaseAfterFailure(db: Kysely<DB>, storage: PhotoStorage, requestId: string, keys: string[]) {
	for (let attempt = 1; ; attempt++) {
		try {
			await releaseUploads(db, storage, requestId, keys);
			return;
		} catch (cleanup) {
			if (attempt < CLEANUP_ATTEMPTS && isDatabaseUnavailable(cleanup)) {
				await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
				continue;
			}
			// The sweeper retries later; the original error is the one to report.
			log.warn('photo upload cleanup failed', { error: cleanup instanceof Error ? cleanup.message : String(cleanup) });
			return;
		}
	}
}

const CLEANUP_ATTEMPTS = 4;

/** Stores a submission and its photos exactly once (see the module comment). */
export async function create(db: Kysely<DB>, storage: PhotoStorage, input: NewSubmission): Promise<CreateOutcome> {
	const statusToken = await statusTokenFor(db, input.idempotencyKey);
	const keys = uploadKeys(input.photos);
	const requestId = randomUUID();
	await reserveUploads(db, requestId, keys);
	try {
		const written = new Set<string>();
		for (const photo of input.photos) {
			for (const file of [photo.display, photo.thumb]) {
				if (written.has(file.key)) continue;
				await storage.put(file.key, file.bytes, file.contentType);
				written.add(file.key);
			}
		}
		const receipt = await db.transaction().execute(async (trx) => {
			await fault('submission.before-insert', trx);
			const row = await trx
				.insertInto('submissions')
				.values({
					status_token_hash: sha256(statusToken),
					kind: input.payload.kind,
					camera_id: input.payload.camera_id ?? null,
					// The place is kept once, in `geom` (see `location`).
					payload: JSON.stringify(withoutPlace(input.payload)),
					geom: input.location ? point(input.location.lng, input.location.lat) : null,
					location_source: input.location?.source ?? null,
					idempotency_key_hash: sha256(input.idempotencyKey),
					request_hash: input.requestHash,
					locale: input.locale,
					user_id: input.userId ?? null,
					client_key: input.clientKey ? Buffer.from(input.clientKey) : null
				})
				.returning(['id', 'public_id', 'kind', 'status'])
				.executeTakeFirstOrThrow();
			if (input.photos.length > 0) {
				await trx
					.insertInto('photos')
					.values(
						input.photos.map((photo, position) => ({
							submission_id: row.id,
							position,
							display_key: photo.display.key,
							display_type: photo.display.contentType,
							display_width: photo.display.width,
							display_height: photo.display.height,
							thumb_key: photo.thumb.key,
							thumb_type: photo.thumb.contentType,
							thumb_width: photo.thumb.width,
							thumb_height: photo.thumb.height
						}))
					)
					.execute();
			}
			await fault('submission.before-commit', trx);
			return {
				id: row.public_id,
				kind: row.kind,
				status: row.status,
				statusToken,
				photoCount: input.photos.length
			} satisfies SubmissionReceipt;
		});
		await fault('submission.after-commit', db);
		// The photo rows now hold the files; the upload records are no longer needed.
		await db.deleteFrom('photo_uploads').where('request_id', '=', requestId).execute();
		return { created: true, receipt };
	} catch (error) {
		await releaseAfterFailure(db, storage, requestId, keys);
		if (constraintOf(error, '23505') === IDEMPOTENCY_CONSTRAINT) {
			// A concurrent request with the same key won; answer with its result.
			const winner = await findByIdempotencyKey(db, input.idempotencyKey, input.requestHash);
			if (winner) return { created: false, receipt: winner };
		}
		if (constraintOf(error, '23503') === CAMERA_CONSTRAINT) throw new UnknownCameraError();
		throw error;
	}
}

/** Deletes files of uploads that never committed (a crashed request) once they are this old. */
export async function sweepAbandonedUploads(
	db: Kysely<DB>,
	storage: PhotoStorage,
	olderThanSeconds = 3600,
	now = new Date()
): Promise<number> {
	const stale = await db
		.selectFrom('photo_uploads')
		.select(['request_id', 'key'])
		.where('created_at', '<', new Date(now.getTime() - olderThanSeconds * 1000))
		.limit(500)
		.execute();
	const byRequest = new Map<string, string[]>();
	for (const { request_id, key } of stale) byRequest.set(request_id, [...(byRequest.get(request_id) ?? []), key]);
	for (const [requestId, keys] of byRequest) await releaseUploads(db, storage, requestId, keys);
	return stale.length;
}

export interface StatusPhoto {
	position: number;
	width: number;
	height: number;
	thumbWidth: number;
	thumbHeight: number;
}

/** What the reporter sees on the status page. */
export interface SubmissionStatusView {
	id: string;
	kind: SubmissionKind;
	status: SubmissionStatus;
	cameraId: number | null;
	location: { lat: number; lng: number; source: 'reporter' | 'photo' } | null;
	/** The day only (UTC). */
	sentOn: string;
	payload: SubmissionPayload;
	photos: StatusPhoto[];
	/** What the moderators said: a rejection's reason and note, a question and its answer. */
	rejectReason: string | null;
	decisionNote: string | null;
	infoRequest: string | null;
	infoResponse: string | null;
}

function tokenHash(token: string): Buffer | null {
	return STATUS_TOKEN.test(token) ? sha256(token) : null;
}

export async function readByStatusToken(db: Kysely<DB>, token: string): Promise<SubmissionStatusView | null> {
	const hash = tokenHash(token);
	if (!hash) return null;
	const { lng, lat } = lngLat('geom');
	const row = await db
		.selectFrom('submissions')
		.select(['id', 'public_id', 'kind', 'status', 'camera_id', 'location_source', 'payload'])
		.select(['reject_reason', 'decision_note', 'info_request', 'info_response'])
		.select([
			lng.as('lng'),
			lat.as('lat'),
			sql<string>`to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`.as('sent_on')
		])
		.where('status_token_hash', '=', hash)
		.executeTakeFirst();
	if (!row) return null;
	const photos = await db
		.selectFrom('photos')
		.select(['position', 'display_width', 'display_height', 'thumb_width', 'thumb_height'])
		.where('submission_id', '=', row.id)
		.orderBy('position')
		.execute();
	return {
		id: row.public_id,
		kind: row.kind,
		status: row.status,
		cameraId: row.camera_id,
		location:
			row.location_source && row.lat !== null && row.lng !== null
				? { lat: row.lat, lng: row.lng, source: row.location_source }
				: null,
		sentOn: row.sent_on,
		payload: row.payload as SubmissionPayload,
		rejectReason: row.reject_reason,
		decisionNote: row.decision_note,
		infoRequest: row.info_request,
		infoResponse: row.info_response,
		photos: photos.map((photo) => ({
			position: photo.position,
			width: photo.display_width,
			height: photo.display_height,
			thumbWidth: photo.thumb_width,
			thumbHeight: photo.thumb_height
		}))
	};
}

export interface PhotoObject {
	key: string;
	contentType: string;
}

/** A photo of the submission behind `token` (any visibility: the reporter may see their own). */
export async function photoForStatusToken(
	db: Kysely<DB>,
	token: string,
	position: number,
	variant: 'display' | 'thumb'
): Promise<PhotoObject | null> {
	const hash = tokenHash(token);
	if (!hash || !Number.isInteger(position) || position < 0 || position > 9) return null;
	const row = await db
		.selectFrom('photos')
		.innerJoin('submissions', 'submissions.id', 'photos.submission_id')
		.select(['display_key', 'display_type', 'thumb_key', 'thumb_type'])
		.where('submissions.status_token_hash', '=', hash)
		.where('photos.position', '=', position)
		.executeTakeFirst();
	if (!row) return null;
	return variant === 'thumb'
		? { key: row.thumb_key, contentType: row.thumb_type }
		: { key: row.display_key, contentType: row.display_type };
}

/** A public photo file by key; pending photos are not found here. */
export async function publicPhoto(db: Kysely<DB>, key: string): Promise<PhotoObject | null> {
	const row = await db
		.selectFrom('photos')
		.select(['display_key', 'display_type', 'thumb_key', 'thumb_type'])
		.where('visibility', '=', 'public')
		.where((eb) => eb.or([eb('display_key', '=', key), eb('thumb_key', '=', key)]))
		.limit(1)
		.executeTakeFirst();
	if (!row) return null;
	return row.display_key === key ? { key, contentType: row.display_type } : { key, contentType: row.thumb_type };
}

/** A signed-in contributor's own reports, newest first: what, where, when (the day), and how it stands. */
export async function listForUser(db: Kysely<DB>, userId: number) {
	const { lng, lat } = lngLat<number | null>('geom', 6);
	return db
		.selectFrom('submissions')
		.select(['public_id', 'kind', 'status', 'camera_id'])
		.select([
			sql<string>`to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`.as('sent_on'),
			lat.as('lat'),
			lng.as('lng')
		])
		.where('user_id', '=', userId)
		.orderBy('id', 'desc')
		.limit(500)
		.execute();
}

/**
 * The reporter's answer to a moderator's question: the report goes back to the queue (a new
 * version, so a moderator still looking at the old one is told). False if there is no
 * question waiting for an answer at this address.
 */
export async function answer(db: Kysely<DB>, token: string, text: string): Promise<boolean> {
	const hash = tokenHash(token);
	if (!hash) return false;
	const result = await db
		.updateTable('submissions')
		.set({ status: 'pending', info_response: text, version: sql`version + 1`, updated_at: sql`now()` })
		.where('status_token_hash', '=', hash)
		.where('status', '=', 'needs_info')
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}
