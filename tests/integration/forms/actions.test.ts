/**
 * Form actions refuse bad values field by field, in the reader's language, with a 4xx, and
 * change nothing: the status page's answer, the account's session list, an administrator's
 * role change, a camera's restore and the decisions on leads from OpenStreetMap.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../../src/lib/i18n';
import type { Database } from '../../../src/lib/server/db';
import type { SessionUser } from '../../../src/lib/server/auth/session';
import { decide } from '../../../src/lib/server/moderation/decide';
import { actions as statusActions } from '../../../src/routes/(contribute)/report/status/[token]/+page.server';
import { actions as accountActions } from '../../../src/routes/(account)/account/+page.server';
import { actions as userActions } from '../../../src/routes/(admin)/admin/users/+page.server';
import { actions as historyActions } from '../../../src/routes/(moderate)/moderate/cameras/[id]/+page.server';
import { actions as leadActions } from '../../../src/routes/(moderate)/moderate/leads/+page.server';
import * as leads from '../../../src/lib/server/osm/leads';
import { BELGRADE, createCamera, createUser, report } from '../../support/factories';
import { testBackend, testDatabase } from '../harness';
import { requestEvent, temporaryStorage } from '../submissions/helpers';

type Action = (event: never) => unknown;

describe(`form actions with bad values (${testBackend()})`, () => {
	let database: Database;
	let photos: Awaited<ReturnType<typeof temporaryStorage>>;
	beforeAll(async () => {
		database = await testDatabase();
		photos = await temporaryStorage();
	});
	afterAll(async () => {
		await database?.close();
		await photos?.remove();
	});

	/** Posts `fields` to an action as `user`, in `locale`; returns what the action answered. */
	async function post(
		action: Action,
		path: string,
		fields: Record<string, string>,
		options: { locale?: Locale; user?: SessionUser; params?: Record<string, string> } = {}
	) {
		const body = new FormData();
		for (const [name, value] of Object.entries(fields)) body.append(name, value);
		const event = requestEvent(database, path, {
			method: 'POST',
			body,
			locale: options.locale ?? 'en',
			params: options.params
		});
		(event.locals as App.Locals).user = options.user ?? null;
		return (await action(event as never)) as { status?: number; data?: Record<string, unknown> };
	}

	it('the status page: no answer or a too long one is refused under the answer field; the question still waits', async () => {
		const sent = await report(database.db, photos.storage);
		const moderator = await createUser(database.db, { role: 'moderator' });
		const asked = await decide(
			database.db,
			photos.storage,
			sent.publicId,
			moderator,
			{ action: 'needs_info', version: 1, question: 'Which corner?' },
			'en'
		);
		expect(asked.ok).toBe(true);
		const answer = (fields: Record<string, string>, locale: Locale) =>
			post(statusActions.answer as Action, `/report/status/${sent.statusToken}?/answer`, fields, {
				locale,
				params: { token: sent.statusToken }
			});
		const blank = await answer({ answer: '   ' }, 'sr-Cyrl');
		expect(blank.status).toBe(400);
		expect(blank.data).toEqual({ fields: { answer: 'Прво напишите одговор.' } });
		const missing = await answer({}, 'en');
		expect(missing.data).toEqual({ fields: { answer: 'Write an answer first.' } });
		const long = await answer({ answer: 'x'.repeat(2001) }, 'sr-Latn');
		expect(long.status).toBe(400);
		expect(long.data).toEqual({ fields: { answer: 'Odgovor može imati najviše 2.000 znakova.' } });
		const row = () =>
			database.db
				.selectFrom('submissions')
				.select(['status', 'info_response'])
				.where('id', '=', sent.id)
				.executeTakeFirstOrThrow();
		expect(await row()).toEqual({ status: 'needs_info', info_response: null });
		// A good answer, trimmed, is taken.
		expect(await answer({ answer: '  The north-east one. ' }, 'en')).toEqual({ answered: true });
		expect(await row()).toEqual({ status: 'pending', info_response: 'The north-east one.' });
	});

	it('the account: a session field left out or empty is refused under the session field', async () => {
		const user = await createUser(database.db);
		const as: SessionUser = { id: user.id, username: user.username, role: 'contributor' };
		for (const fields of [{}, { session: '' }] as Record<string, string>[]) {
			const reply = await post(accountActions.revokeSession as Action, '/account?/revokeSession', fields, {
				locale: 'sr-Latn',
				user: as
			});
			expect(reply.status).toBe(400);
			expect(reply.data).toEqual({ action: 'revokeSession', fields: { session: 'Ova sesija više ne postoji.' } });
		}
	});

	it('the users page: an unknown role or a user that is not a number is refused field by field; no role changes', async () => {
		const admin = await createUser(database.db, { role: 'admin' });
		const target = await createUser(database.db);
		const as: SessionUser = { id: admin.id, username: admin.username, role: 'admin' };
		const setRole = (fields: Record<string, string>, locale: Locale) =>
			post(userActions.setRole as Action, '/admin/users?/setRole', fields, { locale, user: as });
		const unknownRole = await setRole({ user: String(target.id), role: 'owner' }, 'sr-Cyrl');
		expect(unknownRole.status).toBe(400);
		expect(unknownRole.data).toEqual({ fields: { role: 'Изаберите једну од понуђених улога.' } });
		for (const user of ['abc', '', '1.5', '-3', '0', '99999999999999999999']) {
			const reply = await setRole({ user, role: 'moderator' }, 'en');
			expect(reply.status).toBe(400);
			expect(reply.data).toEqual({ fields: { user: 'There is no such user.' } });
		}
		const both = await setRole({ user: 'x', role: '' }, 'en');
		expect(both.data).toEqual({
			fields: { user: 'There is no such user.', role: 'Choose one of the listed roles.' }
		});
		const role = async () =>
			(await database.db.selectFrom('users').select('role').where('id', '=', target.id).executeTakeFirstOrThrow()).role;
		expect(await role()).toBe('contributor');
		// A good change (with spaces around the number, as before) goes through.
		const good = await setRole({ user: ` ${target.id} `, role: 'moderator' }, 'en');
		expect(good).toMatchObject({ userId: target.id });
		expect(await role()).toBe('moderator');
	});

	it('a camera’s history: a version that is not a number is refused with the history’s message', async () => {
		const moderator = await createUser(database.db, { role: 'moderator' });
		const as: SessionUser = { id: moderator.id, username: moderator.username, role: 'moderator' };
		const camera = await createCamera(database.db, { ...BELGRADE, surveillance_type: 'camera' });
		for (const revision of ['abc', '', '2.5', '-1']) {
			const reply = await post(
				historyActions.revert as Action,
				`/moderate/cameras/${camera.id}?/revert`,
				{ revision },
				{ locale: 'sr-Cyrl', user: as, params: { id: String(camera.id) } }
			);
			expect(reply.status).toBe(400);
			expect(reply.data).toEqual({
				problem: 'Ова камера нема такву верзију.',
				fields: { revision: 'Ова камера нема такву верзију.' }
			});
		}
	});

	it('the leads: a lead or camera number that does not read is refused field by field; the lead stays open', async () => {
		const moderator = await createUser(database.db, { role: 'moderator' });
		const as: SessionUser = { id: moderator.id, username: moderator.username, role: 'moderator' };
		await leads.importLeads(database.db, [
			{ type: 'node', id: 990001, lon: 20.46, lat: 44.81, tags: { man_made: 'surveillance' }, version: 1 }
		]);
		const { id } = await database.db
			.selectFrom('camera_leads')
			.select('id')
			.where('osm_id', '=', 990001)
			.executeTakeFirstOrThrow();
		const decide = (name: 'confirm' | 'reject' | 'merge', fields: Record<string, string>, locale: Locale) =>
			post(leadActions[name] as Action, `/moderate/leads?/${name}`, fields, { locale, user: as });
		for (const name of ['confirm', 'reject', 'merge'] as const) {
			const reply = await decide(name, { lead: 'abc', camera: '1' }, 'sr-Latn');
			expect(reply.status).toBe(400);
			expect(reply.data).toEqual({
				lead: null,
				fields: { lead: 'Taj trag ne postoji.' },
				error: 'Taj trag ne postoji.'
			});
		}
		const noCamera = await decide('merge', { lead: String(id), camera: 'x' }, 'en');
		expect(noCamera.status).toBe(400);
		expect(noCamera.data).toEqual({
			lead: id,
			fields: { camera: 'There is no camera with this number.' },
			error: undefined
		});
		const status = async () =>
			(await database.db.selectFrom('camera_leads').select('status').where('id', '=', id).executeTakeFirstOrThrow())
				.status;
		expect(await status()).toBe('open');
		// A good rejection keeps its reason trimmed, as before.
		const rejected = await decide('reject', { lead: String(id), reason: '  not a camera  ' }, 'en');
		expect(rejected).toMatchObject({ message: expect.stringContaining('Rejected') });
		const row = await database.db
			.selectFrom('camera_leads')
			.select(['status', 'reason'])
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({ status: 'rejected', reason: 'not a camera' });
	});
});
