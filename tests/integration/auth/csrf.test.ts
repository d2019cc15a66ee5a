/**
 * CSRF over HTTP against the built app: every state-changing route of docs/authorization.md,
 * with every state-changing method, in form, multipart, text and JSON bodies, cross-origin or
 * without Origin, as every kind of visitor → 403, and not a single byte changes in the database.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { form, startApp, type TestApp } from '../app';
import { testBackend } from '../harness';
import { arrangeReports, resolvePlaceholders } from '../moderation/factories';
import { createUser } from '../../support/factories';
import { compactCameraCells } from '#lib/server/tiles/repository.js';

const METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];

/** The state-changing requests of the matrix (their paths, with action names). */
function stateChangingTargets(): string[] {
	const doc = fs.readFileSync(path.resolve('docs/authorization.md'), 'utf8');
	const targets = [...doc.matchAll(/^\| `(?:POST|PUT|PATCH|DELETE) (\S+)`/gm)].map((match) => match[1]);
	return [...new Set(targets)];
}

const BODIES: Record<string, () => { contentType: string; body: string | Buffer }> = {
	form: () => ({
		contentType: 'application/x-www-form-urlencoded',
		body: 'username=mallory&password=correct+horse+battery+staple&role=admin&user=1&session=x&action=needs_info&version=1&question=x&answer=x&revision=1'
	}),
	multipart: () => {
		const boundary = '----nadzor-test-boundary';
		const parts = Object.entries({
			username: 'mallory',
			password: 'correct horse battery staple',
			role: 'admin',
			user: '1',
			action: 'needs_info',
			version: '1',
			question: 'x',
			answer: 'x',
			revision: '1'
		})
			.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
			.join('');
		return { contentType: `multipart/form-data; boundary=${boundary}`, body: `${parts}--${boundary}--\r\n` };
	},
	text: () => ({ contentType: 'text/plain', body: 'username=mallory&password=correct+horse+battery+staple' }),
	json: () => ({
		contentType: 'application/json',
		body: JSON.stringify({ username: 'mallory', password: 'correct horse battery staple', role: 'admin', user: 1 })
	})
};

/** Ways a request arrives from another site, or from nowhere in particular. */
const FOREIGN: Record<string, Record<string, string>> = {
	'cross-origin': { origin: 'https://evil.example' },
	'opaque origin': { origin: 'null' },
	'no Origin': {},
	'no Origin, cross-site fetch': { 'sec-fetch-site': 'cross-site' },
	'no Origin, same-site fetch': { 'sec-fetch-site': 'same-site' }
};

describe(`CSRF, built app (${testBackend()})`, () => {
	let app: TestApp;
	const cookies: Record<string, string | undefined> = { anonymous: undefined };

	/** Every table's content, hashed: equal before and after means nothing was written. */
	async function snapshot(): Promise<Record<string, string>> {
		const { rows: tables } = await sql<{ name: string }>`
			SELECT table_name AS name FROM information_schema.tables
			WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'spatial_ref_sys'
			ORDER BY 1`.execute(app.db);
		const result: Record<string, string> = {};
		for (const { name } of tables) {
			const { rows } = await sql<{ count: number; digest: string }>`
				SELECT count(*)::int AS count, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest
				FROM ${sql.table(name)} AS t`.execute(app.db);
			result[name] = `${rows[0].count}:${rows[0].digest}`;
		}
		return result;
	}

	/** What the matrix's placeholders stand for: real reports, so a route that let a request through would write. */
	let things: Record<string, string> = {};

	beforeAll(async () => {
		app = await startApp();
		things = await arrangeReports(app, await createUser(app.db), await createUser(app.db, { role: 'moderator' }));
		for (const role of ['contributor', 'moderator', 'admin'] as const) {
			const user = await createUser(app.db, { role });
			const { body, headers } = form({ username: user.username, password: user.password });
			const reply = await app.request('/login', {
				method: 'POST',
				body,
				address: `10.9.0.${role.length}`,
				headers: { ...headers, origin: app.origin }
			});
			cookies[role] = reply.cookies.session?.value;
			if (!cookies[role]) throw new Error(`log-in as ${role} failed`);
		}
	});
	afterAll(() => app?.close());

	it('refuses every foreign state-changing request with 403 and writes nothing', async () => {
		const targets = stateChangingTargets();
		expect(targets.length).toBeGreaterThanOrEqual(7);
		// The tile data version job folds new cameras' cell counts in the background: fold them all now, so
		// the snapshots see only what the requests below could write.
		await compactCameraCells(app.db, 1_000_000);
		const before = await snapshot();
		expect(Object.keys(before)).toEqual(expect.arrayContaining(['users', 'sessions', 'login_throttle', 'client_keys']));
		const wrong: string[] = [];
		let sent = 0;
		for (const [who, cookie] of Object.entries(cookies)) {
			for (const target of targets) {
				for (const method of METHODS) {
					for (const [kind, make] of Object.entries(BODIES)) {
						for (const [foreign, headers] of Object.entries(FOREIGN)) {
							const { contentType, body } = make();
							const reply = await app.request(resolvePlaceholders(target, things), {
								method,
								body,
								headers: { 'content-type': contentType, ...headers, ...(cookie ? { cookie: `session=${cookie}` } : {}) }
							});
							sent += 1;
							if (reply.status !== 403) wrong.push(`${who} ${method} ${target} ${kind} ${foreign}: ${reply.status}`);
						}
					}
				}
			}
		}
		expect(wrong).toEqual([]);
		expect(sent).toBe(4 * targets.length * METHODS.length * Object.keys(BODIES).length * Object.keys(FOREIGN).length);
		expect(await snapshot()).toEqual(before);
	});

	it('explains the refusal in the reader language', async () => {
		const reply = await app.request('/login', {
			method: 'POST',
			body: '{}',
			headers: { 'content-type': 'application/json', accept: 'application/json', 'accept-language': 'sr-Latn' }
		});
		expect(reply.status).toBe(403);
		expect(JSON.parse(reply.body)).toEqual({
			message: 'Zahtev je odbijen jer nije poslat sa stranice ovog sajta. Osvežite stranicu i pokušajte ponovo.'
		});
		const english = await app.request('/account?/changePassword&lang=en', {
			method: 'DELETE',
			body: '{}',
			headers: { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' }
		});
		expect(english.status).toBe(403);
		expect(english.body).toBe(
			'This request was refused because it did not come from a page of this site. Reload the page and try again.'
		);
		// Form posts too: SvelteKit's own check (English only) is off, this one covers them.
		const form = await app.request('/login?lang=en', {
			method: 'POST',
			body: 'a=b',
			headers: { 'content-type': 'text/plain', origin: 'https://evil.example' }
		});
		expect(form.status).toBe(403);
		expect(form.body).toBe(
			'This request was refused because it did not come from a page of this site. Reload the page and try again.'
		);
	});

	it('lets the same requests through from this site', async () => {
		const { body, headers: type } = form({ username: 'nobody-known', password: 'wrong password' });
		const reply = await app.request('/login', {
			method: 'POST',
			body,
			address: '10.9.9.9',
			headers: { ...type, origin: app.origin }
		});
		expect(reply.status).toBe(400);
		// Without Origin, same-origin fetch metadata passes this check (a JSON body then meets the
		// action's own rule: form actions take form data only).
		const json = await app.request('/login', {
			method: 'POST',
			body: '{}',
			headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' }
		});
		expect(json.status).toBe(415);
	});
});
