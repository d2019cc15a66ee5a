/**
 * GET /api/v1/cameras/{id}.json: a verified camera's public fields and published photos only;
 * a clear 404 for anything else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db';
import { GET } from '../../../src/routes/api/v1/cameras/[id].json/+server';
import { createUser } from '../../support/factories';
import { arrangeReports } from '../moderation/factories';
import { requestEvent, temporaryStorage } from '../submissions/helpers';
import { testBackend, testDatabase } from '../harness';

describe(`one camera as JSON (${testBackend()})`, () => {
	let database: Database;
	let storage: Awaited<ReturnType<typeof temporaryStorage>>;
	let things: Record<string, string>;

	beforeAll(async () => {
		database = await testDatabase();
		storage = await temporaryStorage();
		const contributor = await createUser(database.db);
		const moderator = await createUser(database.db, { role: 'moderator' });
		things = await arrangeReports({ db: database.db, storage: storage.storage }, contributor, moderator);
	});
	afterAll(async () => {
		await database?.close();
		await storage?.remove();
	});

	const get = (id: string) =>
		GET(requestEvent(database, `/api/v1/cameras/${id}.json`, { params: { id }, locale: 'en' }) as never);

	it('answers a verified camera with its public fields and published photo', async () => {
		const response = await get(things.camera);
		expect(response.status).toBe(200);
		const body = await response.json();
		expect(body).toMatchObject({ type: 'Feature', id: Number(things.camera), geometry: { type: 'Point' } });
		const { properties } = body;
		expect(properties).toMatchObject({ id: Number(things.camera), status: 'active', surveillance_type: 'camera' });
		for (const field of ['first_seen', 'last_seen']) {
			// Days only, never times.
			if (properties[field] !== null) expect(properties[field]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		}
		for (const internal of ['created_at', 'updated_at', 'source_ref', 'version', 'user_id', 'geom']) {
			expect(properties).not.toHaveProperty(internal);
		}
		expect(properties.photos).toHaveLength(1);
		expect(properties.photos[0].url).toBe(`/photos/${things['camera-photo']}`);
		expect(properties.photos[0].thumbnail.url).toMatch(/^\/photos\/[a-z0-9._-]+$/);
		const text = JSON.stringify(body);
		for (const secret of [things['a-submission'], things['a-photo'], things['rejected-photo']]) {
			expect(text).not.toContain(secret);
		}
	});

	it.each(['999999', '0', '-1', 'abc', '1e3', '12345678901234567890'])('answers 404 for %j', async (id) => {
		const response = await get(id);
		expect(response.status).toBe(404);
		expect(await response.json()).toMatchObject({ error: 'not_found', message: 'We could not find this page.' });
	});
});
