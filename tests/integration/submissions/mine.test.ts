import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
	process.env.RATE_LIMIT_SUBMISSIONS_PER_HOUR = '100000';
	process.env.RATE_LIMIT_SUBMISSIONS_PER_DAY = '100000';
});

import type { RequestEvent } from '@sveltejs/kit';
import type { Database } from '../../../src/lib/server/db';
import { listForUser } from '../../../src/lib/server/submissions/repository';
import { POST } from '../../../src/routes/api/v1/submissions/+server';
import { load } from '../../../src/routes/(contribute)/report/mine/+page.server';
import { testBackend, testDatabase } from '../harness';
import { fixture, reportBody, requestEvent, temporaryStorage } from './helpers';

describe(`my reports (${testBackend()})`, () => {
	let database: Database;
	let storage: Awaited<ReturnType<typeof temporaryStorage>>;
	let a: number;
	let b: number;

	beforeAll(async () => {
		database = await testDatabase();
		storage = await temporaryStorage();
		const users = await database.db
			.insertInto('users')
			.values(['ana', 'boris'].map((username) => ({ username, password_hash: '$argon2id$v=19$m=19456,t=2,p=1$x$y' })))
			.returning('id')
			.execute();
		[a, b] = users.map((user) => user.id);
		const jpeg = await fixture('camera-gps-orientation6.jpg');
		const send = async (key: string, userId: number | null, lat: number) => {
			const event = requestEvent(database, '/api/v1/submissions', {
				method: 'POST',
				headers: { 'idempotency-key': key, 'accept-language': 'en' },
				body: reportBody({ kind: 'new_camera', lat, lng: 20.4573, camera_type: 'dome' }, [
					{ bytes: jpeg, name: 'p.jpg' }
				])
			});
			if (userId) (event.locals as unknown as Record<string, unknown>).user = { id: userId, role: 'contributor' };
			const response = await POST(event as never);
			expect(response.status).toBe(201);
		};
		await send('7d8c8a8e-0000-4000-8000-000000000001', a, 44.81);
		await send('7d8c8a8e-0000-4000-8000-000000000002', a, 44.82);
		await send('7d8c8a8e-0000-4000-8000-000000000003', b, 44.83);
		await send('7d8c8a8e-0000-4000-8000-000000000004', null, 44.84);
	});
	afterAll(async () => {
		await database?.close();
		await storage?.remove();
	});

	it("lists a contributor's own reports and nobody else's", async () => {
		const mine = await listForUser(database.db, a);
		expect(mine.map((report) => report.lat)).toEqual([44.82, 44.81]);
		expect(mine.every((report) => report.status === 'pending' && /^\d{4}-\d{2}-\d{2}$/.test(report.sent_on))).toBe(
			true
		);
		expect((await listForUser(database.db, b)).map((report) => report.lat)).toEqual([44.83]);
	});

	it('gives an anonymous visitor no list from the server (their device keeps their links)', async () => {
		const event = requestEvent(database, '/report/mine');
		expect(await load(event as unknown as Parameters<typeof load>[0])).toEqual({ reports: null });
	});

	it('shows a signed-in contributor only their reports', async () => {
		const event = requestEvent(database, '/report/mine') as RequestEvent;
		(event.locals as unknown as Record<string, unknown>).user = { id: b, role: 'contributor' };
		const data = (await load(event as unknown as Parameters<typeof load>[0])) as { reports: { lat: number }[] };
		expect(data.reports.map((report) => report.lat)).toEqual([44.83]);
	});
});
