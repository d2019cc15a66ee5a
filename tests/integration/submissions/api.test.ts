import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
	process.env.RATE_LIMIT_SUBMISSIONS_PER_HOUR = '100000';
	process.env.RATE_LIMIT_SUBMISSIONS_PER_DAY = '100000';
});

import type { Database } from '../../../src/lib/server/db';
import { GET as nearby } from '../../../src/routes/api/v1/cameras/nearby/+server';
import { POST } from '../../../src/routes/api/v1/submissions/+server';
import { createCameras } from '../../support/factories';
import { testBackend, testDatabase } from '../harness';
import { fixture, reportBody, requestEvent, temporaryStorage } from './helpers';

describe(`the submissions API (${testBackend()})`, () => {
	let database: Database;
	let storage: Awaited<ReturnType<typeof temporaryStorage>>;
	let jpeg: Uint8Array;
	let png: Uint8Array;
	let knownCamera: number;

	beforeAll(async () => {
		database = await testDatabase();
		storage = await temporaryStorage();
		jpeg = await fixture('camera-gps-orientation6.jpg');
		png = await fixture('camera.png');
		const inserted = await createCameras(database.db, [
			{ lng: 20.4573, lat: 44.8176, camera_type: 'dome', source: 'osm' },
			// ~20 m north
			{ lng: 20.4573, lat: 44.81778, camera_type: 'fixed', source: 'osm' },
			// ~200 m away
			{ lng: 20.4598, lat: 44.8176, source: 'osm' },
			// removed cameras are not offered
			{ lng: 20.4573, lat: 44.8177, status: 'removed', removed_on: '2025-01-01', source: 'osm' }
		]);
		knownCamera = inserted[0].id;
	});
	afterAll(async () => {
		await database?.close();
		await storage?.remove();
	});

	const post = (body: BodyInit, headers: Record<string, string> = {}) =>
		POST(
			requestEvent(database, '/api/v1/submissions', {
				method: 'POST',
				headers: { 'idempotency-key': crypto.randomUUID(), 'accept-language': 'en', ...headers },
				body
			}) as never
		);

	it('lists known cameras within the radius, nearest first', async () => {
		const response = await nearby(requestEvent(database, '/api/v1/cameras/nearby?lat=44.8176&lng=20.4573') as never);
		expect(response.status).toBe(200);
		const collection = await response.json();
		expect(collection.type).toBe('FeatureCollection');
		expect(
			collection.features.map((feature: { properties: { distance: number } }) => feature.properties.distance)
		).toEqual([0, expect.closeTo(20, 0)]);
		expect(collection.features[0].id).toBe(knownCamera);
		expect(collection.features[0].geometry.coordinates).toEqual([20.4573, 44.8176]);

		const wider = await nearby(
			requestEvent(database, '/api/v1/cameras/nearby?lat=44.8176&lng=20.4573&radius=300') as never
		);
		expect((await wider.json()).features).toHaveLength(3);
	});

	it('refuses a bad nearby query with field messages', async () => {
		const response = await nearby(
			requestEvent(database, '/api/v1/cameras/nearby?lat=91&lng=x&radius=5000', { locale: 'en' }) as never
		);
		expect(response.status).toBe(400);
		const body = await response.json();
		expect(Object.keys(body.fields).sort()).toEqual(['lat', 'lng', 'radius']);
	});

	it('turns a report into a confirmation of a known camera', async () => {
		const response = await post(
			reportBody({ kind: 'confirmation', camera_id: knownCamera, lat: 44.8176, lng: 20.4573 }, [])
		);
		expect(response.status).toBe(201);
		expect(await response.json()).toMatchObject({ kind: 'confirmation', status: 'pending', photos: 0 });
		const row = await database.db
			.selectFrom('submissions')
			.select(['camera_id', 'kind'])
			.where('kind', '=', 'confirmation')
			.executeTakeFirstOrThrow();
		expect(row.camera_id).toBe(knownCamera);
	});

	it('names an unknown camera', async () => {
		const response = await post(reportBody({ kind: 'removal', camera_id: 987654 }, []));
		expect(response.status).toBe(422);
		expect((await response.json()).fields).toEqual({ camera_id: 'There is no camera with this number.' });
	});

	it('takes the place from the photo when none is given, and asks for one when no photo has it', async () => {
		const fromPhoto = await post(
			reportBody({ kind: 'new_camera' }, [
				{ bytes: png, name: 'a.png' },
				{ bytes: jpeg, name: 'b.jpg' }
			])
		);
		expect(fromPhoto.status).toBe(201);
		const row = await database.db
			.selectFrom('submissions')
			.select(['location_source'])
			.select((eb) => [eb.fn<number>('ST_Y', ['geom']).as('lat'), eb.fn<number>('ST_X', ['geom']).as('lng')])
			.where('location_source', '=', 'photo')
			.executeTakeFirstOrThrow();
		expect(row.lat).toBeCloseTo(44.8176, 6);
		expect(row.lng).toBeCloseTo(20.4573, 6);

		const nowhere = await post(reportBody({ kind: 'new_camera' }, [{ bytes: png, name: 'a.png' }]));
		expect(nowhere.status).toBe(422);
		expect((await nowhere.json()).fields).toEqual({
			lat: "Give the camera's place: pick it on the map, type the coordinates, or add a photo that carries its location."
		});
	});

	it('answers request-level problems with 400 and 415', async () => {
		const noKey = await POST(
			requestEvent(database, '/api/v1/submissions', {
				method: 'POST',
				headers: { 'accept-language': 'en' },
				body: reportBody({ kind: 'new_camera', lat: 1, lng: 1 }, [{ bytes: png, name: 'a.png' }])
			}) as never
		);
		expect(noKey.status).toBe(400);
		expect((await noKey.json()).fields._form).toMatch(/Idempotency-Key/);

		const json = await post(JSON.stringify({ kind: 'new_camera', lat: 1, lng: 1 }), {
			'content-type': 'application/json'
		});
		expect(json.status).toBe(415);
		expect((await json.json()).fields._form).toBe('Send the report as multipart/form-data.');

		const mixed = reportBody({ kind: 'new_camera', lat: 1, lng: 1 }, [{ bytes: png, name: 'a.png' }]);
		mixed.set('note', 'also a form field');
		const both = await post(mixed);
		expect(both.status).toBe(400);
		expect(Object.keys((await both.json()).fields)).toEqual(['payload']);
	});
});
