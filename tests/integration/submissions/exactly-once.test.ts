import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
	process.env.RATE_LIMIT_SUBMISSIONS_PER_HOUR = '100000';
	process.env.RATE_LIMIT_SUBMISSIONS_PER_DAY = '100000';
});

import sharp from 'sharp';
import type { Database } from '../../../src/lib/server/db';
import { POST } from '../../../src/routes/api/v1/submissions/+server';
import { testBackend, testDatabase } from '../harness';
import { fixture, reportBody, requestEvent, rowCounts, temporaryStorage } from './helpers';

describe(`a report is stored exactly once (${testBackend()})`, () => {
	let database: Database;
	let storage: Awaited<ReturnType<typeof temporaryStorage>>;
	let jpeg: Uint8Array;
	let png: Uint8Array;

	beforeAll(async () => {
		database = await testDatabase();
		storage = await temporaryStorage();
		jpeg = await fixture('camera-gps-orientation6.jpg');
		png = await fixture('camera.png');
	});
	afterAll(async () => {
		await database?.close();
		await storage?.remove();
	});

	const payload = { kind: 'new_camera', lat: 44.8176, lng: 20.4573, camera_type: 'dome', camera_direction: [90] };
	const send = (key: string, body: Record<string, unknown> = payload, photos = [jpeg, png]) =>
		POST(
			requestEvent(database, '/api/v1/submissions', {
				method: 'POST',
				headers: { 'idempotency-key': key, 'accept-language': 'en' },
				body: reportBody(
					body,
					photos.map((bytes, index) => ({ bytes, name: `photo-${index}` }))
				)
			}) as never
		);

	it('answers the same key ten times in a row with one stored report', async () => {
		const key = crypto.randomUUID();
		const responses = [];
		for (let attempt = 0; attempt < 10; attempt++) responses.push(await send(key));
		expect(responses.map((response) => response.status)).toEqual([201, ...Array(9).fill(200)]);
		const bodies = await Promise.all(responses.map((response) => response.json()));
		expect(new Set(bodies.map((body) => JSON.stringify(body))).size).toBe(1);
		expect(bodies[0]).toMatchObject({ kind: 'new_camera', status: 'pending', photos: 2 });
		expect(bodies[0].statusUrl).toMatch(/^http:\/\/localhost\/report\/status\/[A-Za-z0-9_-]{43}$/);
		expect(await rowCounts(database)).toEqual({ submissions: 1, photos: 2, uploads: 0 });
		// Two photos × (display + thumbnail).
		expect(await storage.files()).toHaveLength(4);
	});

	it('answers twenty concurrent requests with the same key with one winner', async () => {
		const before = await rowCounts(database);
		const filesBefore = (await storage.files()).length;
		const key = crypto.randomUUID();
		// A photo no earlier test sent, so its files are new.
		const fresh = new Uint8Array(
			await sharp({ create: { width: 300, height: 200, channels: 3, background: '#123456' } })
				.png()
				.toBuffer()
		);
		const responses = await Promise.all(
			Array.from({ length: 20 }, () => send(key, { ...payload, lat: 44.8 }, [fresh]))
		);
		const statuses = responses.map((response) => response.status).sort();
		expect(statuses).toEqual([200, ...Array(18).fill(200), 201].sort());
		const bodies = await Promise.all(responses.map((response) => response.json()));
		expect(new Set(bodies.map((body) => body.id)).size).toBe(1);
		expect(new Set(bodies.map((body) => body.statusUrl)).size).toBe(1);
		const after = await rowCounts(database);
		expect(after).toEqual({ submissions: before.submissions + 1, photos: before.photos + 1, uploads: 0 });
		expect((await storage.files()).length).toBe(filesBefore + 2);
	});

	it('refuses a used key with a different payload or different photos (422), storing nothing', async () => {
		const key = crypto.randomUUID();
		expect((await send(key)).status).toBe(201);
		const before = await rowCounts(database);
		const filesBefore = (await storage.files()).length;

		const changed = await send(key, { ...payload, camera_type: 'fixed' });
		expect(changed.status).toBe(422);
		expect(await changed.json()).toMatchObject({
			error: 'idempotency_conflict',
			fields: { _form: expect.stringContaining('already sent') }
		});
		const otherPhotos = await send(key, payload, [png]);
		expect(otherPhotos.status).toBe(422);
		expect(await rowCounts(database)).toEqual(before);
		expect((await storage.files()).length).toBe(filesBefore);
	});

	it('treats the form fields and the payload field as the same request', async () => {
		const key = crypto.randomUUID();
		const asJson = await send(key);
		expect(asJson.status).toBe(201);
		const asForm = await POST(
			requestEvent(database, '/api/v1/submissions', {
				method: 'POST',
				headers: { 'idempotency-key': key },
				body: reportBody(
					{ ...payload, lat: '44.8176', lng: '20,4573' },
					[
						{ bytes: jpeg, name: 'a.jpg' },
						{ bytes: png, name: 'b.png' }
					],
					true
				)
			}) as never
		);
		expect(asForm.status).toBe(200);
		expect((await asForm.json()).id).toBe((await asJson.json()).id);
	});
});
