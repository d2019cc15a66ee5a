/**
 * Moderation decisions against a real database: approval with blurred photos, the rules
 * (no self-moderation, one decision per version), trust, "needs more information", and the
 * audit log that the database itself keeps append-only.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db';
import { decide } from '../../../src/lib/server/moderation/decide';
import * as submissions from '../../../src/lib/server/submissions/repository';
import { createUser, report, versionOf } from '../../support/factories';
import { testBackend, testDatabase } from '../harness';
import { temporaryStorage } from '../submissions/helpers';
import { checkerboardJpeg, detailIn } from '../../photo-detail';

const detailedPhoto = async () => new Uint8Array(await checkerboardJpeg());
const detail = detailIn;

describe(`moderation decisions (${testBackend()})`, () => {
	let database: Database;
	let photos: Awaited<ReturnType<typeof temporaryStorage>>;
	let moderator: { id: number };
	let other: { id: number };

	beforeAll(async () => {
		database = await testDatabase();
		photos = await temporaryStorage();
		moderator = await createUser(database.db, { role: 'moderator' });
		other = await createUser(database.db, { role: 'moderator' });
	});
	afterAll(async () => {
		await database?.close();
		await photos?.remove();
	});

	it('approves a new camera, blurring the marked region in every stored size', async () => {
		const { db } = database;
		const sent = await report(db, photos.storage, { photos: [await detailedPhoto()] });
		const before = await db.selectFrom('photos').selectAll().executeTakeFirstOrThrow();
		const region = { x: 0.25, y: 0.25, w: 0.5, h: 0.5 };

		const result = await decide(
			db,
			photos.storage,
			sent.publicId,
			moderator,
			{
				action: 'approve',
				version: 1,
				photos: [{ position: 0, review: 'blurred', regions: [region] }],
				attributes: { surveillance_type: 'camera', camera_type: 'dome', operator_class: 'police' }
			},
			'en'
		);
		expect(result).toMatchObject({ ok: true, status: 'approved' });
		if (!result.ok) return;

		const camera = await db
			.selectFrom('cameras')
			.selectAll()
			.where('id', '=', result.cameraId!)
			.executeTakeFirstOrThrow();
		expect(camera).toMatchObject({
			camera_type: 'dome',
			operator_class: 'police',
			confidence: 'verified',
			confirmations: 1,
			status: 'active',
			source: 'citizen'
		});

		const after = await db.selectFrom('photos').selectAll().where('id', '=', before.id).executeTakeFirstOrThrow();
		expect(after).toMatchObject({ visibility: 'public', review: 'blurred' });
		expect(after.display_key).not.toBe(before.display_key);
		expect(after.thumb_key).not.toBe(before.thumb_key);
		// The unblurred files are gone; the blurred ones are served publicly.
		expect(await photos.storage.exists(before.display_key)).toBe(false);
		expect(await photos.storage.exists(before.thumb_key)).toBe(false);
		for (const key of [after.display_key, after.thumb_key]) {
			expect(await submissions.publicPhoto(db, key)).not.toBeNull();
			const stored = (await photos.storage.get(key))!.bytes;
			const inside = await detail(stored, { x: 0.3, y: 0.3, w: 0.4, h: 0.4 });
			const outside = await detail(stored, { x: 0, y: 0, w: 0.2, h: 0.2 });
			expect(outside).toBeGreaterThan(40);
			expect(inside).toBeLessThan(outside / 4);
		}

		const revisions = await db.selectFrom('camera_revisions').selectAll().where('camera_id', '=', camera.id).execute();
		expect(revisions.map((revision) => [revision.action, revision.actor_id])).toEqual([['create', moderator.id]]);
		const audit = await db.selectFrom('audit_log').selectAll().where('target_id', '=', sent.publicId).execute();
		expect(audit.map((entry) => [entry.action, entry.actor_id])).toEqual([['submission.approve', moderator.id]]);
	});

	it('refuses to publish a photo nobody has checked for faces and plates', async () => {
		const { db } = database;
		const sent = await report(db, photos.storage, { photos: [await detailedPhoto()] });
		const result = await decide(
			db,
			photos.storage,
			sent.publicId,
			moderator,
			{ action: 'approve', version: 1 },
			'sr-Latn'
		);
		expect(result).toMatchObject({
			ok: false,
			code: 'invalid',
			fields: { 'photo.0': expect.stringContaining('fotografij') }
		});
		const row = await db
			.selectFrom('submissions')
			.select(['status', 'version'])
			.where('id', '=', sent.id)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({ status: 'pending', version: 1 });
		expect(await db.selectFrom('cameras').select('id').where('source', '=', 'citizen').execute()).toHaveLength(1);
	});

	it('does not let a moderator decide on their own report', async () => {
		const { db } = database;
		const sent = await report(db, photos.storage, { userId: moderator.id });
		const result = await decide(
			db,
			photos.storage,
			sent.publicId,
			moderator,
			{ action: 'reject', version: 1, reason: 'other' },
			'en'
		);
		expect(result).toEqual({ ok: false, code: 'own_submission' });
		expect(await versionOf(db, sent.publicId)).toBe(1);
	});

	it('lets exactly one of two concurrent decisions commit, 100 times', async () => {
		const { db } = database;
		let conflicts = 0;
		for (let trial = 0; trial < 100; trial++) {
			const sent = await report(db, photos.storage);
			const [first, second] = await Promise.all([
				decide(db, photos.storage, sent.publicId, moderator, { action: 'approve', version: 1, photos: [] }, 'en'),
				decide(db, photos.storage, sent.publicId, other, { action: 'reject', version: 1, reason: 'duplicate' }, 'en')
			]);
			const outcomes = [first, second];
			expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
			const loser = outcomes.find((outcome) => !outcome.ok);
			expect(loser).toMatchObject({ ok: false, code: 'conflict', current: { version: 2 } });
			conflicts += 1;
			const decisions = await db
				.selectFrom('audit_log')
				.select('action')
				.where('target_type', '=', 'submission')
				.where('target_id', '=', sent.publicId)
				.execute();
			expect(decisions).toHaveLength(1);
		}
		expect(conflicts).toBe(100);
	});

	it('keeps the audit log append-only, even for the owner of the table', async () => {
		const { db } = database;
		const count = async () =>
			Number((await sql<{ n: number }>`SELECT count(*) AS n FROM audit_log`.execute(db)).rows[0].n);
		const entries = await count();
		expect(entries).toBeGreaterThan(0);
		await expect(sql`UPDATE audit_log SET action = 'submission.forged'`.execute(db)).rejects.toThrow(/append-only/);
		await expect(sql`DELETE FROM audit_log`.execute(db)).rejects.toThrow(/append-only/);
		await expect(sql`TRUNCATE audit_log`.execute(db)).rejects.toThrow(/append-only/);
		expect(await count()).toBe(entries);
	});

	it('asks the reporter, takes the answer, and the report comes back to the queue', async () => {
		const { db } = database;
		const sent = await report(db, photos.storage);
		const asked = await decide(
			db,
			photos.storage,
			sent.publicId,
			moderator,
			{ action: 'needs_info', version: 1, question: 'Which corner of the crossing?' },
			'en'
		);
		expect(asked).toMatchObject({ ok: true, status: 'needs_info', version: 2 });
		expect(await submissions.answer(db, sent.statusToken, 'The north-east corner.')).toBe(true);
		expect(await submissions.answer(db, sent.statusToken, 'Twice?')).toBe(false);
		const row = await db
			.selectFrom('submissions')
			.select(['status', 'version', 'info_request', 'info_response'])
			.where('id', '=', sent.id)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({
			status: 'pending',
			version: 3,
			info_request: 'Which corner of the crossing?',
			info_response: 'The north-east corner.'
		});
		// A moderator still holding version 1 is told it changed.
		const stale = await decide(
			db,
			photos.storage,
			sent.publicId,
			other,
			{ action: 'reject', version: 1, reason: 'other' },
			'en'
		);
		expect(stale).toMatchObject({ ok: false, code: 'conflict', current: { status: 'pending', version: 3 } });
	});

	it('raises confidence with confirmations from different people, counting each person once', async () => {
		const { db } = database;
		const reporter = await createUser(db);
		const sent = await report(db, photos.storage, { userId: reporter.id });
		const approved = await decide(
			db,
			photos.storage,
			sent.publicId,
			moderator,
			{ action: 'approve', version: 1, photos: [] },
			'en'
		);
		if (!approved.ok) throw new Error('approval failed');
		const cameraId = approved.cameraId!;
		const confidence = async () =>
			db
				.selectFrom('cameras')
				.select(['confidence', 'confirmations'])
				.where('id', '=', cameraId)
				.executeTakeFirstOrThrow();

		// The reporter confirming their own camera adds nothing.
		const again = await report(db, photos.storage, {
			userId: reporter.id,
			payload: { kind: 'confirmation', camera_id: cameraId },
			location: null
		});
		await decide(db, photos.storage, again.publicId, moderator, { action: 'approve', version: 1, photos: [] }, 'en');
		expect(await confidence()).toEqual({ confidence: 'verified', confirmations: 1 });

		// Someone else's report of the same camera, merged into it, does.
		const second = await report(db, photos.storage);
		const merged = await decide(
			db,
			photos.storage,
			second.publicId,
			other,
			{ action: 'merge', version: 1, camera_id: cameraId },
			'en'
		);
		expect(merged).toMatchObject({ ok: true, status: 'merged', cameraId });
		expect(await confidence()).toEqual({ confidence: 'confirmed', confirmations: 2 });
	});

	it('marks a removed camera as a tombstone, never deleting it', async () => {
		const { db } = database;
		const sent = await report(db, photos.storage);
		const approved = await decide(
			db,
			photos.storage,
			sent.publicId,
			moderator,
			{ action: 'approve', version: 1, photos: [] },
			'en'
		);
		if (!approved.ok) throw new Error('approval failed');
		const removal = await report(db, photos.storage, {
			payload: { kind: 'removal', camera_id: approved.cameraId!, removed_on: '2026-11-01' },
			location: null
		});
		expect(
			await decide(db, photos.storage, removal.publicId, moderator, { action: 'approve', version: 1, photos: [] }, 'en')
		).toMatchObject({ ok: true });
		const camera = await db
			.selectFrom('cameras')
			.select(['status', 'removed_on'])
			.where('id', '=', approved.cameraId!)
			.executeTakeFirstOrThrow();
		expect(camera).toEqual({ status: 'removed', removed_on: '2026-11-01' });
	});

	it('keeps a report’s place once, in its geometry, and approves the camera there', async () => {
		const { db } = database;
		const place = { lat: 44.80123, lng: 20.46789 };
		const sent = await report(db, photos.storage, {
			payload: { kind: 'new_camera', ...place, camera_type: 'dome' },
			location: place,
			photos: [await detailedPhoto()]
		});
		const stored = await db
			.selectFrom('submissions')
			.select(['payload', sql<number>`ST_Y(geom)`.as('lat'), sql<number>`ST_X(geom)`.as('lng')])
			.where('id', '=', sent.id)
			.executeTakeFirstOrThrow();
		expect(stored.payload).not.toHaveProperty('lat');
		expect(stored.payload).not.toHaveProperty('lng');
		expect({ lat: stored.lat, lng: stored.lng }).toEqual(place);

		const decision = { action: 'approve', version: 1, photos: [{ position: 0, review: 'clear' }] };
		const result = await decide(db, photos.storage, sent.publicId, moderator, decision, 'en');
		expect(result).toMatchObject({ ok: true, status: 'approved' });
		const camera = await db
			.selectFrom('cameras')
			.select([sql<number>`ST_Y(geom)`.as('lat'), sql<number>`ST_X(geom)`.as('lng'), 'camera_type'])
			.where('id', '=', result.ok ? result.cameraId! : 0)
			.executeTakeFirstOrThrow();
		expect(camera).toEqual({ ...place, camera_type: 'dome' });
	});
});
