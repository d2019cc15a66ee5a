/**
 * A request that fails half-way leaves nothing behind: no rows, no files.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
	process.env.RATE_LIMIT_SUBMISSIONS_PER_HOUR = '100000';
	process.env.RATE_LIMIT_SUBMISSIONS_PER_DAY = '100000';
});

import fs from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import sharp from 'sharp';
import type { Database } from '../../../src/lib/server/db';
import * as submissions from '../../../src/lib/server/submissions/repository';
import { photoKey, processPhoto, type PhotoStorage } from '../../../src/lib/server/submissions/photo-port';
import { parseSubmission, type SubmissionPayload } from '../../../src/lib/schemas/submission';
import { testBackend, testDatabase } from '../harness';
import { rowCounts, temporaryStorage } from './helpers';

async function prepared(bytes: Uint8Array): Promise<submissions.PreparedPhoto> {
	const { derivatives } = await processPhoto(bytes);
	const file = (variant: string) => {
		const derivative = derivatives.find((candidate) => candidate.variant === variant)!;
		return { ...derivative, key: photoKey(derivative) };
	};
	return { display: file('display'), thumb: file('thumb') };
}

const solid = async (background: string) =>
	new Uint8Array(
		await sharp({ create: { width: 200, height: 150, channels: 3, background } })
			.jpeg()
			.toBuffer()
	);

describe(`no partial rows or orphan files (${testBackend()})`, () => {
	let database: Database;
	let storage: Awaited<ReturnType<typeof temporaryStorage>>;
	const payload = parseSubmission({ kind: 'new_camera', lat: 44.81, lng: 20.46 }, 'en');
	if (!payload.success) throw new Error('test payload must be valid');
	const valid: SubmissionPayload = payload.data;

	const input = (photos: submissions.PreparedPhoto[], key = crypto.randomUUID()): submissions.NewSubmission => ({
		idempotencyKey: key,
		requestHash: submissions.requestHash(
			valid,
			photos.map((photo) => photo.display.bytes)
		),
		payload: valid,
		location: { lat: 44.81, lng: 20.46, source: 'reporter' },
		photos,
		locale: 'en'
	});

	beforeAll(async () => {
		database = await testDatabase();
		storage = await temporaryStorage();
	});
	afterAll(async () => {
		await database?.close();
		await storage?.remove();
	});

	it('deletes the files when the transaction fails on a bad photo row', async () => {
		const good = await prepared(await solid('#ff0000'));
		const bad = await prepared(await solid('#00ff00'));
		// The second photo's row breaks a CHECK constraint, after the submission row went in.
		bad.display.contentType = 'image/gif' as 'image/webp';
		await expect(submissions.create(database.db, storage.storage, input([good, bad]))).rejects.toThrow(
			/check constraint/
		);
		expect(await rowCounts(database)).toEqual({ submissions: 0, photos: 0, uploads: 0 });
		expect(await storage.files()).toEqual([]);
	});

	it('deletes the files already written when storage fails mid-way', async () => {
		const photos = [await prepared(await solid('#0000ff')), await prepared(await solid('#ffff00'))];
		let puts = 0;
		const failing: PhotoStorage = {
			...storage.storage,
			async put(key, bytes, type) {
				if (++puts === 3) throw new Error('disk full');
				return storage.storage.put(key, bytes, type);
			}
		};
		await expect(submissions.create(database.db, failing, input(photos))).rejects.toThrow('disk full');
		expect(await rowCounts(database)).toEqual({ submissions: 0, photos: 0, uploads: 0 });
		expect(await storage.files()).toEqual([]);
	});

	it('keeps a file that another stored report references', async () => {
		const shared = await prepared(await solid('#ff00ff'));
		const stored = await submissions.create(database.db, storage.storage, input([shared]));
		expect(stored.created).toBe(true);
		const broken = await prepared(await solid('#00ffff'));
		broken.thumb.width = 0;
		await expect(submissions.create(database.db, storage.storage, input([shared, broken]))).rejects.toThrow(
			/check constraint/
		);
		expect(await rowCounts(database)).toEqual({ submissions: 1, photos: 1, uploads: 0 });
		expect((await storage.files()).sort()).toEqual([shared.display.key, shared.thumb.key].sort());
		for (const key of [shared.display.key, shared.thumb.key]) expect(await storage.storage.exists(key)).toBe(true);
	});

	it('lets one of two racing requests with the same key win; the other returns its result', async () => {
		const photo = await prepared(await solid('#808080'));
		const same = input([photo]);
		const [first, second] = await Promise.all([
			submissions.create(database.db, storage.storage, same),
			submissions.create(database.db, storage.storage, same)
		]);
		// Both skipped the "seen this key?" check; the unique constraint decided.
		expect([first.created, second.created].sort()).toEqual([false, true]);
		expect(first.receipt).toEqual(second.receipt);
		const { rows } = await sql<{
			n: number;
		}>`SELECT count(*)::int AS n FROM photos WHERE display_key = ${photo.display.key}`.execute(database.db);
		expect(rows[0].n).toBe(1);
		expect(await storage.storage.exists(photo.display.key)).toBe(true);
		expect((await rowCounts(database)).uploads).toBe(0);
	});

	it('refuses a racing request with the same key and another payload', async () => {
		const photo = await prepared(await solid('#404040'));
		const key = crypto.randomUUID();
		const one = input([photo], key);
		const other = { ...input([photo], key), requestHash: Buffer.alloc(32, 7) };
		const results = await Promise.allSettled([
			submissions.create(database.db, storage.storage, one),
			submissions.create(database.db, storage.storage, other)
		]);
		const fulfilled = results.filter((result) => result.status === 'fulfilled');
		const rejected = results.filter((result) => result.status === 'rejected');
		expect(fulfilled).toHaveLength(1);
		expect(rejected).toHaveLength(1);
		expect((rejected[0] as PromiseRejectedResult).reason).toBeInstanceOf(submissions.IdempotencyConflictError);
	});

	it('sweeps the files of a request that crashed before committing', async () => {
		const before = await storage.files();
		const orphan = await prepared(await solid('#102030'));
		// What a crash leaves: the upload record and the files, no rows.
		await database.db
			.insertInto('photo_uploads')
			.values([
				{ request_id: crypto.randomUUID(), key: orphan.display.key, created_at: new Date(Date.now() - 7200_000) },
				{ request_id: crypto.randomUUID(), key: orphan.thumb.key, created_at: new Date(Date.now() - 7200_000) }
			])
			.execute();
		await storage.storage.put(orphan.display.key, orphan.display.bytes, orphan.display.contentType);
		await storage.storage.put(orphan.thumb.key, orphan.thumb.bytes, orphan.thumb.contentType);
		// A recent upload in flight is left alone.
		const inFlight = await prepared(await solid('#203040'));
		await database.db
			.insertInto('photo_uploads')
			.values({ request_id: crypto.randomUUID(), key: inFlight.display.key })
			.execute();
		await storage.storage.put(inFlight.display.key, inFlight.display.bytes, inFlight.display.contentType);

		expect(await submissions.sweepAbandonedUploads(database.db, storage.storage, 3600)).toBe(2);
		expect((await storage.files()).sort()).toEqual([...before, inFlight.display.key].sort());
		expect((await rowCounts(database)).uploads).toBe(1);
	});

	it('removes half-written files a crash left on disk, but not recent ones', async () => {
		const old = path.join(storage.dir, 'ab', `${'a'.repeat(64)}.webp.123.x1.tmp`);
		const recent = path.join(storage.dir, 'cd', `${'c'.repeat(64)}.webp.123.x2.tmp`);
		for (const file of [old, recent]) {
			await fs.mkdir(path.dirname(file), { recursive: true });
			await fs.writeFile(file, 'half');
		}
		const hourAgo = new Date(Date.now() - 2 * 3_600_000);
		await fs.utimes(old, hourAgo, hourAgo);
		const before = (await storage.files()).filter((name) => !name.endsWith('.tmp'));
		expect(await storage.storage.cleanTemporaryFiles!()).toBe(1);
		const after = await storage.files();
		expect(after.filter((name) => name.endsWith('.tmp'))).toEqual([path.basename(recent)]);
		expect(after.filter((name) => !name.endsWith('.tmp')).sort()).toEqual(before.sort());
		await fs.rm(recent);
	});

	it('names an unknown camera instead of failing', async () => {
		const confirmation = parseSubmission({ kind: 'confirmation', camera_id: 999999 }, 'en');
		if (!confirmation.success) throw new Error('test payload must be valid');
		await expect(
			submissions.create(database.db, storage.storage, {
				...input([]),
				payload: confirmation.data,
				location: null
			})
		).rejects.toBeInstanceOf(submissions.UnknownCameraError);
	});
});
