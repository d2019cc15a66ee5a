/**
 * Moderation over HTTP against the built app: two moderators posting a decision on the same
 * report at once (one 200, one 409 naming the winner), and a moderator's own report refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { form, startApp, type TestApp } from '../app';
import { createUser, report } from '../../support/factories';
import { testBackend } from '../harness';

describe(`moderation over HTTP (${testBackend()})`, () => {
	let app: TestApp;
	const sessions: string[] = [];
	const moderators: { id: number; username: string }[] = [];

	beforeAll(async () => {
		app = await startApp();
		for (let i = 0; i < 2; i++) {
			const user = await createUser(app.db, { role: 'moderator' });
			moderators.push(user);
			const { body, headers } = form({ username: user.username, password: user.password });
			const reply = await app.request('/login', {
				method: 'POST',
				body,
				address: `10.7.0.${i + 1}`,
				headers: { ...headers, origin: app.origin }
			});
			sessions.push(reply.cookies.session!.value);
		}
	});
	afterAll(() => app?.close());

	const post = (session: string, publicId: string, fields: Record<string, string>) => {
		const { body, headers } = form(fields);
		return app.request(`/moderate/${publicId}?/decide`, {
			method: 'POST',
			body,
			headers: { ...headers, origin: app.origin, cookie: `session=${session}`, 'accept-language': 'en' }
		});
	};

	it('lets one of two simultaneous decisions through and tells the other who won', async () => {
		const sent = await report(app.db, app.storage);
		const replies = await Promise.all([
			post(sessions[0], sent.publicId, { action: 'reject', version: '1', reason: 'duplicate' }),
			post(sessions[1], sent.publicId, { action: 'needs_info', version: '1', question: 'Where exactly?' })
		]);
		expect(replies.map((reply) => reply.status).sort()).toEqual([200, 409]);
		const loser = replies.find((reply) => reply.status === 409)!;
		const winner = replies[0].status === 200 ? moderators[0] : moderators[1];
		expect(loser.body).toContain('Another moderator decided on this report first');
		expect(loser.body).toContain(winner.username);
		const entries = await app.db
			.selectFrom('audit_log')
			.select('actor_id')
			.where('target_id', '=', sent.publicId)
			.execute();
		expect(entries).toEqual([{ actor_id: winner.id }]);
	});

	it("refuses a moderator's decision on their own report", async () => {
		const sent = await report(app.db, app.storage, { userId: moderators[0].id });
		const reply = await post(sessions[0], sent.publicId, { action: 'reject', version: '1', reason: 'other' });
		expect(reply.status).toBe(403);
		const row = await app.db
			.selectFrom('submissions')
			.select('status')
			.where('public_id', '=', sent.publicId)
			.executeTakeFirstOrThrow();
		expect(row.status).toBe('pending');
	});

	it('names the field a decision is missing, in the reader’s language', async () => {
		const sent = await report(app.db, app.storage);
		const reply = await post(sessions[0], sent.publicId, { action: 'reject', version: '1' });
		expect(reply.status).toBe(400);
		expect(reply.body).toContain('Please correct the marked fields.');
	});
});
