/**
 * What moderators read: the queue of pending submissions, one submission with its evidence, the
 * submitter's track record (counts only: a moderator never learns who a reporter is), and the
 * audit trail's readable side; and what a decision writes to a submission and its photos
 * (`decide.ts`; the camera's side is in cameras/repository.ts).
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import { degreesAround } from '#lib/geo/earth.js';
import type { SubmissionKind, SubmissionPayload } from '#lib/schemas/submission.js';
import type { DB, SubmissionStatus } from '../db/schema';
import { lngLat, point } from '../db/postgis';
import * as nearbyCameras from '../cameras/repository';

/** A submission's public id (a UUID); anything else is simply not found. */
export function isSubmissionId(value: string): boolean {
	return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value);
}

/** Other pending reports closer than this are shown beside a submission. */
export const NEARBY_PENDING_RADIUS_M = 100;
const QUEUE_PAGE = 100;

export interface QueueFilter {
	area?: string;
	kind?: SubmissionKind;
}

/** The place a submission is about: its own point, or the camera's for reports without one. */
const place = sql<unknown>`coalesce(submissions.geom, (SELECT c.geom FROM cameras c WHERE c.id = submissions.camera_id))`;

/** Pending submissions, oldest first (the first page) and how many there are in all. */
export async function queue(db: Kysely<DB>, filter: QueueFilter = {}) {
	const { lng, lat } = lngLat<number | null>(place, 5);
	const base = db
		.selectFrom('submissions')
		.where('submissions.status', '=', 'pending')
		.$if(filter.kind !== undefined, (qb) => qb.where('submissions.kind', '=', filter.kind!))
		.$if(filter.area !== undefined, (qb) =>
			qb.where(({ exists, selectFrom }) =>
				exists(
					selectFrom('areas')
						.select('areas.id')
						.where('areas.slug', '=', filter.area!)
						.where(sql<boolean>`ST_Intersects(areas.geom, ${place})`)
				)
			)
		);
	const [items, total] = await Promise.all([
		base
			.select(['submissions.public_id', 'submissions.kind', 'submissions.camera_id', 'submissions.created_at'])
			.select((eb) => [
				eb
					.selectFrom('photos')
					.select((inner) => inner.fn.countAll<number>().as('n'))
					.whereRef('photos.submission_id', '=', 'submissions.id')
					.as('photo_count'),
				sql<
					string | null
				>`(SELECT a.slug FROM areas a WHERE ST_Intersects(a.geom, ${place}) ORDER BY a.area_km2 LIMIT 1)`.as('area'),
				sql<boolean>`submissions.info_response IS NOT NULL`.as('answered'),
				lat.as('lat'),
				lng.as('lng')
			])
			.orderBy('submissions.created_at')
			.orderBy('submissions.id')
			.limit(QUEUE_PAGE)
			.execute(),
		base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
	]);
	return {
		total: Number(total.n),
		items: items.map((item) => ({ ...item, photo_count: Number(item.photo_count) }))
	};
}

/** The count badge. */
export async function pendingCount(db: Kysely<DB>): Promise<number> {
	const row = await db
		.selectFrom('submissions')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('status', '=', 'pending')
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** Accepted (approved or merged), rejected and open reports of one contributor. */
export async function trackRecord(db: Kysely<DB>, userId: number) {
	const row = await db
		.selectFrom('submissions')
		.select([
			sql<number>`count(*) FILTER (WHERE status IN ('approved', 'merged'))`.as('accepted'),
			sql<number>`count(*) FILTER (WHERE status = 'rejected')`.as('rejected'),
			sql<number>`count(*) FILTER (WHERE status IN ('pending', 'needs_info'))`.as('open')
		])
		.where('user_id', '=', userId)
		.executeTakeFirstOrThrow();
	return { accepted: Number(row.accepted), rejected: Number(row.rejected), open: Number(row.open) };
}

/** One submission with everything a moderator needs to decide; undefined if unknown. */
export async function detail(db: Kysely<DB>, publicId: string) {
	if (!isSubmissionId(publicId)) return undefined;
	const placeLngLat = lngLat<number | null>(place);
	const row = await db
		.selectFrom('submissions')
		.leftJoin('users as decider', 'decider.id', 'submissions.decided_by')
		.select([
			'submissions.id',
			'submissions.public_id',
			'submissions.kind',
			'submissions.status',
			'submissions.version',
			'submissions.camera_id',
			'submissions.payload',
			'submissions.user_id',
			'submissions.location_source',
			'submissions.reject_reason',
			'submissions.decision_note',
			'submissions.info_request',
			'submissions.info_response',
			'submissions.created_at',
			'submissions.client_key',
			'decider.username as decided_by'
		])
		.select([
			placeLngLat.lng.as('lng'),
			placeLngLat.lat.as('lat'),
			sql<boolean>`submissions.geom IS NOT NULL`.as('own_place'),
			sql<string>`to_char(submissions.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`.as('sent_on'),
			// The audit log marks a decision taken from the reporter's own client (decide.ts).
			sql<boolean>`EXISTS (SELECT 1 FROM audit_log WHERE audit_log.target_type = 'submission'
				AND audit_log.target_id = submissions.public_id::text AND audit_log.details ->> 'same_client' = 'true')`.as(
				'decided_from_same_client'
			)
		])
		.where('submissions.public_id', '=', publicId)
		.executeTakeFirst();
	if (!row) return undefined;
	const photos = await db
		.selectFrom('photos')
		.select(['position', 'display_width', 'display_height', 'review'])
		.where('submission_id', '=', row.id)
		.orderBy('position')
		.execute();
	const located = row.lat !== null && row.lng !== null;
	const [nearby, pendingNearby, record] = await Promise.all([
		located ? nearbyCameras.nearby(db, row.lat!, row.lng!, 25) : [],
		located ? nearbyPending(db, row.id, row.lat!, row.lng!) : [],
		row.user_id === null ? null : trackRecord(db, row.user_id)
	]);
	return {
		...row,
		payload: row.payload as SubmissionPayload,
		photos,
		nearby,
		pendingNearby,
		trackRecord: record
	};
}

export type SubmissionDetail = NonNullable<Awaited<ReturnType<typeof detail>>>;

async function nearbyPending(db: Kysely<DB>, exceptId: number, lat: number, lng: number) {
	const centre = point(lng, lat);
	const distance = sql<number>`ST_Distance(submissions.geom::geography, ${centre}::geography)`;
	const { dLng, dLat } = degreesAround(lat, NEARBY_PENDING_RADIUS_M);
	const place = lngLat('geom');
	const rows = await db
		.selectFrom('submissions')
		.select(['public_id', 'kind'])
		.select([distance.as('distance'), place.lng.as('lng'), place.lat.as('lat')])
		.where('status', '=', 'pending')
		.where('id', '<>', exceptId)
		.where(sql<boolean>`geom && ST_Expand(${centre}, ${dLng}, ${dLat})`)
		.where(sql<boolean>`ST_DWithin(geom::geography, ${centre}::geography, ${NEARBY_PENDING_RADIUS_M})`)
		.orderBy(distance)
		.limit(20)
		.execute();
	return rows.map((row) => ({ ...row, distance: Math.round(row.distance) }));
}

/** A photo file of any submission, for moderators. */
export async function photo(db: Kysely<DB>, publicId: string, position: number, variant: 'display' | 'thumb') {
	if (!isSubmissionId(publicId) || !Number.isInteger(position) || position < 0 || position > 9) return undefined;
	const row = await db
		.selectFrom('photos')
		.innerJoin('submissions', 'submissions.id', 'photos.submission_id')
		.select(['display_key', 'display_type', 'thumb_key', 'thumb_type'])
		.where('submissions.public_id', '=', publicId)
		.where('photos.position', '=', position)
		.executeTakeFirst();
	if (!row) return undefined;
	return variant === 'thumb'
		? { key: row.thumb_key, contentType: row.thumb_type }
		: { key: row.display_key, contentType: row.display_type };
}

// Decisions (`decide.ts`).

/** What a decision needs of a submission, by public id. */
export function readForDecision(db: Kysely<DB>, publicId: string) {
	const { lng, lat } = lngLat<number | null>('geom');
	return db
		.selectFrom('submissions')
		.select(['id', 'kind', 'status', 'version', 'camera_id', 'payload', 'user_id', 'client_key', 'location_source'])
		.select([
			lng.as('lng'),
			lat.as('lat'),
			sql<string>`to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`.as('sent_on')
		])
		.where('public_id', '=', publicId)
		.executeTakeFirst();
}

/** A submission's status and version, and who decided it. */
export function decisionState(db: Kysely<DB>, publicId: string) {
	return db
		.selectFrom('submissions')
		.leftJoin('users', 'users.id', 'submissions.decided_by')
		.select(['submissions.status', 'submissions.version', 'users.username'])
		.where('submissions.public_id', '=', publicId)
		.executeTakeFirst();
}

/** A submission's photos in their order, with their files. */
export function photosForReview(db: Kysely<DB>, submissionId: number) {
	return db
		.selectFrom('photos')
		.select(['id', 'position', 'display_key', 'thumb_key'])
		.where('submission_id', '=', submissionId)
		.orderBy('position')
		.execute();
}

export interface DecisionWrite {
	submissionId: number;
	/** The version the moderator saw: the write only happens if the submission is still at it. */
	version: number;
	status: SubmissionStatus;
	decidedBy: number;
	rejectReason: Selectable<DB['submissions']>['reject_reason'];
	decisionNote: string | null;
	/** A question to the reporter (`needs_info`): it replaces an earlier answer. */
	infoRequest?: string;
}

/**
 * Records a decision on a submission still pending at the version the moderator saw; returns
 * the new version, or undefined when someone else was first.
 */
export async function markDecided(trx: Kysely<DB>, decision: DecisionWrite): Promise<number | undefined> {
	const moved = await trx
		.updateTable('submissions')
		.set({
			status: decision.status,
			version: sql`version + 1`,
			decided_by: decision.decidedBy,
			decided_at: sql`now()`,
			updated_at: sql`now()`,
			reject_reason: decision.rejectReason,
			decision_note: decision.decisionNote,
			...(decision.infoRequest !== undefined ? { info_request: decision.infoRequest, info_response: null } : {})
		})
		.where('id', '=', decision.submissionId)
		.where('status', '=', 'pending')
		.where('version', '=', decision.version)
		.returning('version')
		.executeTakeFirst();
	return moved?.version;
}

export async function linkCamera(trx: Kysely<DB>, submissionId: number, cameraId: number): Promise<void> {
	await trx.updateTable('submissions').set({ camera_id: cameraId }).where('id', '=', submissionId).execute();
}

export interface BlurredFiles {
	photoId: number;
	regions: unknown;
	display: { key: string; width: number; height: number };
	thumb: { key: string; width: number; height: number };
}

/** Publishes a photo with its blurred files in place of the originals. */
export async function publishBlurred(trx: Kysely<DB>, photo: BlurredFiles): Promise<void> {
	await trx
		.updateTable('photos')
		.set({
			display_key: photo.display.key,
			display_width: photo.display.width,
			display_height: photo.display.height,
			display_type: 'image/webp',
			thumb_key: photo.thumb.key,
			thumb_width: photo.thumb.width,
			thumb_height: photo.thumb.height,
			thumb_type: 'image/webp',
			review: 'blurred',
			blur_regions: JSON.stringify(photo.regions),
			visibility: 'public'
		})
		.where('id', '=', photo.photoId)
		.execute();
}

/** Publishes photos a moderator found clear as they are. */
export async function publishClear(trx: Kysely<DB>, photoIds: number[]): Promise<void> {
	await trx.updateTable('photos').set({ review: 'clear', visibility: 'public' }).where('id', 'in', photoIds).execute();
}
