/**
 * Photo storage full: the reporter is told to try later (507, Retry-After, in their language)
 * and nothing is stored — no rows, no upload records, no file left of the part that fitted.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
	process.env.RATE_LIMIT_SUBMISSIONS_PER_HOUR = '100000';
	process.env.RATE_LIMIT_SUBMISSIONS_PER_DAY = '100000';
});

import type { Database } from '../../../src/lib/server/db';
import { translate } from '../../../src/lib/i18n';
import { usePhotoStorage } from '../../../src/lib/server/submissions/photo-port';
import { POST } from '../../../src/routes/api/v1/submissions/+server';
import { testBackend, testDatabase } from '../harness';
import { fixture, reportBody, requestEvent, rowCounts, temporaryStorage } from './helpers';

describe(`photo storage full (${testBackend()})`, () => {
	let database: Database;
	let storage: Awaited<ReturnType<typeof temporaryStorage>>;
	let jpeg: Uint8Array;
	let png: Uint8Array;

	beforeAll(async () => {
		database = await testDatabase();
		storage = await temporaryStorage();
		jpeg = await fixture('camera-gps-orientation6.jpg');
		png = await fixture('camera.png');
		// The disk takes three files, then it is full (as ENOSPC from the kernel).
		let room = 3;
		usePhotoStorage({
			...storage.storage,
			async put(key, bytes, contentType) {
				if (room-- <= 0) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
				await storage.storage.put(key, bytes, contentType);
			}
		});
	});
	afterAll(async () => {
		await database?.close();
		await storage?.remove();
	});

	const send = (language: string) =>
		POST(
			requestEvent(database, '/api/v1/submissions', {
				method: 'POST',
				headers: { 'idempotency-key': crypto.randomUUID(), 'accept-language': language },
				body: reportBody({ kind: 'new_camera', lat: 44.8176, lng: 20.4573 }, [
					{ bytes: jpeg, name: 'a.jpg' },
					{ bytes: png, name: 'b.png' }
				])
			}) as never
		);

	it('answers 507 with Retry-After in the reporter’s language and stores nothing', async () => {
		for (const [language, locale] of [
			['en', 'en'],
			['sr', 'sr-Latn']
		] as const) {
			const response = await send(language);
			expect(response.status).toBe(507);
			expect(response.headers.get('retry-after')).toBe('300');
			const body = await response.json();
			expect(body.error).toBe('storage_full');
			expect(body.message).toBe(translate(locale, 'report.error.storageFull'));
		}
		expect(await rowCounts(database)).toEqual({ submissions: 0, photos: 0, uploads: 0 });
		// The first report's three files that fitted were removed with it.
		expect(await storage.files()).toEqual([]);
	});
});
