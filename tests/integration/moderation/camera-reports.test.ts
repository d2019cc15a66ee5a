/**
 * "This camera is gone" and "Something is wrong here" from a camera's page: the report page
 * opens on that camera (a correction starts from its details), the form post lands a removal
 * or an edit in the queue, and a moderator's approval makes a tombstone or changes the camera.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
	process.env.RATE_LIMIT_SUBMISSIONS_PER_HOUR = '100000';
});

import { isRedirect } from '@sveltejs/kit';
import type { Database } from '../../../src/lib/server/db';
import { decide } from '../../../src/lib/server/moderation/decide';
import { actions, load } from '../../../src/routes/(contribute)/report/+page.server';
import { createUser, report } from '../../support/factories';
import { testBackend, testDatabase } from '../harness';
import { requestEvent, temporaryStorage } from '../submissions/helpers';

describe(`removal and correction reports from a camera's page (${testBackend()})`, () => {
	let database: Database;
	let storage: Awaited<ReturnType<typeof temporaryStorage>>;
	let moderator: { id: number; username: string; role: 'moderator' };

	beforeAll(async () => {
		database = await testDatabase();
		storage = await temporaryStorage();
		const user = await createUser(database.db, { role: 'moderator' });
		moderator = { id: user.id, username: user.username, role: 'moderator' };
	});
	afterAll(async () => {
		await database?.close();
		await storage?.remove();
	});

	/** A camera on the map: a report approved by the moderator. */
	async function knownCamera(): Promise<number> {
		const sent = await report(database.db, storage.storage, {
			payload: { kind: 'new_camera', camera_type: 'dome', surveillance_type: 'camera', operator_class: 'police' }
		});
		const approved = await decide(
			database.db,
			storage.storage,
			sent.publicId,
			moderator,
			{ action: 'approve', version: 1, photos: [] },
			'en'
		);
		if (!approved.ok || !approved.cameraId) throw new Error('approval failed');
		return approved.cameraId;
	}

	const open = (query: string) =>
		load(requestEvent(database, `/report?${query}`, { locale: 'en' }) as never) as Promise<{
			target: { kind: string; cameraId: number; values: Record<string, string | string[]> } | null;
		}>;

	/** Posts the report form as the page sends it without JavaScript; returns the new report's id. */
	async function post(query: string, fields: Record<string, string>): Promise<string> {
		const form = new FormData();
		form.set('idempotency_key', crypto.randomUUID());
		for (const [name, value] of Object.entries(fields)) form.append(name, value);
		const event = requestEvent(database, `/report?${query}`, { method: 'POST', body: form, locale: 'en' });
		try {
			const result = await actions.default(event as never);
			throw new Error(`not sent: ${JSON.stringify(result)}`);
		} catch (thrown) {
			if (!isRedirect(thrown)) throw thrown;
			expect(thrown.location).toMatch(/^\/report\/status\/[A-Za-z0-9_-]{43}$/);
		}
		const row = await database.db
			.selectFrom('submissions')
			.select(['public_id', 'status', 'kind'])
			.where('camera_id', '=', Number(fields.camera_id))
			.where('kind', '=', fields.kind as 'edit' | 'removal')
			.orderBy('id', 'desc')
			.executeTakeFirstOrThrow();
		expect(row.status).toBe('pending');
		return row.public_id;
	}

	const approve = async (publicId: string) =>
		expect(
			await decide(
				database.db,
				storage.storage,
				publicId,
				moderator,
				{ action: 'approve', version: 1, photos: [] },
				'en'
			)
		).toMatchObject({ ok: true });

	const camera = (id: number) =>
		database.db
			.selectFrom('cameras')
			.select(['status', 'removed_on', 'camera_type', 'operator_class'])
			.where('id', '=', id)
			.executeTakeFirstOrThrow();

	it('"This camera is gone" reaches the queue and, approved, leaves a tombstone', async () => {
		const id = await knownCamera();
		const query = `camera=${id}&kind=removal`;
		expect((await open(query)).target).toMatchObject({ kind: 'removal', cameraId: id, values: {} });
		const publicId = await post(query, { kind: 'removal', camera_id: String(id), removed_on: '2026-11-02' });
		await approve(publicId);
		expect(await camera(id)).toMatchObject({ status: 'removed', removed_on: '2026-11-02' });
		// A removed camera has nothing left to report from its page.
		await expect(open(query)).rejects.toMatchObject({ status: 404 });
	});

	it('"Something is wrong here" starts from the camera\'s details and, approved, changes the camera', async () => {
		const id = await knownCamera();
		const query = `camera=${id}&kind=edit`;
		const { target } = await open(query);
		expect(target).toMatchObject({
			kind: 'edit',
			cameraId: id,
			values: { camera_type: 'dome', surveillance_type: 'camera', operator_class: 'police' }
		});
		// The person changes the shape and keeps the rest as it was shown.
		const fields = { ...(target!.values as Record<string, string>), camera_type: 'panning' };
		const publicId = await post(query, { kind: 'edit', camera_id: String(id), ...fields });
		await approve(publicId);
		expect(await camera(id)).toMatchObject({ status: 'active', camera_type: 'panning', operator_class: 'police' });
	});

	it('refuses to open a report about a camera that does not exist', async () => {
		await expect(open('camera=999999&kind=removal')).rejects.toMatchObject({ status: 404 });
		// Anything else is the plain new-camera report.
		expect((await open('camera=1&kind=delete')).target).toBeNull();
	});
});
