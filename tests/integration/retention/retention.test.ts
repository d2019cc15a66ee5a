/**
 * The retention job deletes exactly the rows past their retention (README "Retention"):
 * rows on both sides of every boundary are arranged, and only the expired ones may go.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db';
import { runRetention } from '../../../src/lib/server/retention/job';
import { diskStorage, type PhotoStorage } from '../../../src/lib/server/storage';
import { createUser } from '../../support/factories';
import { testBackend, testDatabase } from '../harness';

const NOW = new Date('2026-06-15T12:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const hash = () => randomBytes(32);
const fileKey = () => `${randomBytes(32).toString('hex')}.webp`;

describe(`retention job (${testBackend()})`, () => {
	let database: Database;
	let storage: PhotoStorage;
	let photoDir: string;

	beforeAll(async () => {
		database = await testDatabase();
		photoDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nadzor-retention-'));
		storage = diskStorage(photoDir);
	});
	afterAll(async () => {
		await database?.close();
		fs.rmSync(photoDir, { recursive: true, force: true });
	});

	it('deletes exactly the expired rows, and the files of abandoned uploads', async () => {
		const { db } = database;
		const rateLimit = (label: string, windowStart: Date) => ({
			bucket: label,
			key_hash: hash().subarray(0, 3),
			window_start: windowStart,
			count: 3
		});
		await db
			.insertInto('rate_limits')
			.values([
				rateLimit('yesterday-late', new Date('2026-06-14T23:00:00Z')),
				rateLimit('last-week', ago(7 * DAY)),
				rateLimit('today-midnight', new Date('2026-06-15T00:00:00Z')),
				rateLimit('this-hour', new Date('2026-06-15T12:00:00Z'))
			])
			.execute();
		await db
			.insertInto('client_keys')
			.values([
				{ day: '2026-06-13', key: hash() },
				{ day: '2026-06-14', key: hash() },
				{ day: '2026-06-15', key: hash() }
			])
			.execute();
		const throttle = (bucket: 'login_pair' | 'login_client' | 'signup_client', last: Date, blocked: Date | null) => ({
			bucket,
			key_hash: hash(),
			failures: 9,
			last_failure_at: last,
			blocked_until: blocked
		});
		const throttles = {
			quietForTwoHours: throttle('login_pair', ago(2 * HOUR), null),
			quietButStillBlocked: throttle('login_client', ago(2 * HOUR), new Date(NOW.getTime() + 10 * MINUTE)),
			recent: throttle('login_pair', ago(10 * MINUTE), null),
			blockEnded: throttle('signup_client', ago(90 * MINUTE), ago(MINUTE)),
			yesterday: throttle('login_client', new Date('2026-06-14T23:59:00Z'), new Date(NOW.getTime() + HOUR))
		};
		await db.insertInto('login_throttle').values(Object.values(throttles)).execute();

		const user = await createUser(db);
		const session = (id: string, created: Date, lastVerified: Date, expires: Date) => ({
			id: id.padEnd(32, 'a'),
			secret_hash: hash(),
			user_id: user.id,
			created_at: created,
			last_verified_at: lastVerified,
			expires_at: expires
		});
		await db
			.insertInto('sessions')
			.values([
				session('live', ago(DAY), ago(HOUR), new Date(NOW.getTime() + 89 * DAY)),
				session('idle', ago(40 * DAY), ago(31 * DAY), new Date(NOW.getTime() + 50 * DAY)),
				session('old', ago(90 * DAY), ago(HOUR), NOW),
				session('edge', ago(29 * DAY), ago(29 * DAY), new Date(NOW.getTime() + 61 * DAY))
			])
			.execute();

		const abandoned = fileKey();
		const inFlight = fileKey();
		await storage.put(abandoned, new Uint8Array([1, 2, 3]), 'image/webp');
		await storage.put(inFlight, new Uint8Array([4, 5, 6]), 'image/webp');
		await db
			.insertInto('photo_uploads')
			.values([
				{ request_id: randomUUID(), key: abandoned, created_at: ago(2 * HOUR) },
				{ request_id: randomUUID(), key: inFlight, created_at: ago(10 * MINUTE) }
			])
			.execute();

		const result = await runRetention(db, storage, NOW);

		expect(result).toEqual({ rateLimits: 2, clientKeys: 2, loginThrottle: 3, sessions: 2, uploads: 1 });
		const buckets = await db.selectFrom('rate_limits').select('bucket').orderBy('bucket').execute();
		expect(buckets.map((row) => row.bucket)).toEqual(['this-hour', 'today-midnight']);
		const days = await db.selectFrom('client_keys').select('day').execute();
		expect(days.map((row) => row.day)).toEqual(['2026-06-15']);
		const keptThrottles = await db.selectFrom('login_throttle').select('key_hash').execute();
		expect(keptThrottles.map((row) => Buffer.from(row.key_hash).toString('hex')).sort()).toEqual(
			[throttles.quietButStillBlocked, throttles.recent].map((row) => row.key_hash.toString('hex')).sort()
		);
		const sessions = await db.selectFrom('sessions').select('id').orderBy('id').execute();
		expect(sessions.map((row) => row.id.replace(/a+$/, ''))).toEqual(['edge', 'live']);
		const uploads = await db.selectFrom('photo_uploads').select('key').execute();
		expect(uploads.map((row) => row.key)).toEqual([inFlight]);
		expect(await storage.exists(abandoned)).toBe(false);
		expect(await storage.exists(inFlight)).toBe(true);

		// A second pass finds nothing more to delete.
		expect(await runRetention(db, storage, NOW)).toEqual({
			rateLimits: 0,
			clientKeys: 0,
			loginThrottle: 0,
			sessions: 0,
			uploads: 0
		});
	});
});
