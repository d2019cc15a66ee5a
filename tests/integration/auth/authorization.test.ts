/**
 * docs/authorization.md against the built app: every request of the matrix, as every kind of
 * visitor, must be allowed or denied exactly as documented; and every route of the app must
 * appear in the matrix.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { form, startApp, type Reply, type TestApp } from '../app';
import { testBackend } from '../harness';
import { arrangeReports, resolvePlaceholders } from '../moderation/factories';
import { createUser } from '../../support/factories';

type Who = 'anonymous' | 'contributorA' | 'contributorB' | 'moderator' | 'admin';
const WHO: Who[] = ['anonymous', 'contributorA', 'contributorB', 'moderator', 'admin'];
type Verdict = 'allow' | 'deny' | 'hidden';

interface Row {
	method: string;
	target: string;
	expected: Record<Who, Verdict>;
}

function readMatrix(): Row[] {
	const doc = fs.readFileSync(path.resolve('docs/authorization.md'), 'utf8');
	const table = doc.split('<!-- matrix:start -->')[1]?.split('<!-- matrix:end -->')[0];
	if (!table) throw new Error('docs/authorization.md: no matrix between the markers');
	const rows: Row[] = [];
	for (const line of table.split('\n')) {
		const cells = line.split('|').map((cell) => cell.trim());
		const request = /^`(GET|POST|PUT|PATCH|DELETE) (\S+)`$/.exec(cells[1] ?? '');
		if (!request) continue;
		const verdicts = cells.slice(2, 7);
		if (!verdicts.every((verdict) => ['allow', 'deny', 'hidden'].includes(verdict))) {
			throw new Error(`docs/authorization.md: bad row ${line}`);
		}
		rows.push({
			method: request[1],
			target: request[2],
			expected: Object.fromEntries(WHO.map((who, i) => [who, verdicts[i]])) as Row['expected']
		});
	}
	return rows;
}

/** URL patterns of every page and endpoint under src/routes (groups dropped). */
function appRoutes(dir = path.resolve('src/routes'), segments: string[] = []): string[] {
	const found: string[] = [];
	const entries = fs.readdirSync(dir, { withFileTypes: true });
	if (entries.some((entry) => /^\+(page|server)\b/.test(entry.name))) {
		found.push('/' + segments.filter((segment) => !/^\(.*\)$/.test(segment)).join('/'));
	}
	for (const entry of entries) {
		if (entry.isDirectory()) found.push(...appRoutes(path.join(dir, entry.name), [...segments, entry.name]));
	}
	return found;
}

function verdict(row: Row, reply: Reply): Verdict | 'failure' {
	if (reply.status >= 500) return 'failure';
	if (reply.status === 401 || reply.status === 403) return 'deny';
	if (reply.status === 404) return 'hidden';
	if (reply.status >= 300 && reply.status < 400) {
		return String(reply.headers.location ?? '').startsWith('/login') ? 'deny' : 'allow';
	}
	if (row.target.endsWith('__data.json')) {
		const data = JSON.parse(reply.body) as {
			type: string;
			location?: string;
			nodes?: { type: string; status?: number; error?: { status?: number } }[];
		};
		if (data.type === 'redirect') return data.location?.startsWith('/login') ? 'deny' : 'allow';
		const failed = data.nodes?.find((node) => node?.type === 'error');
		// SvelteKit 3 puts an error node's status inside its error; SvelteKit 2 put it on the node.
		const status = failed?.error?.status ?? failed?.status;
		if (failed) return status === 401 || status === 403 ? 'deny' : 'failure';
	}
	return 'allow';
}

describe(`authorization matrix, built app (${testBackend()})`, () => {
	let app: TestApp;
	const rows = readMatrix();
	const accounts: Partial<Record<Who, { username: string; password: string }>> = {};
	const sessions: Partial<Record<Who, string>> = {};
	let target: { id: number };
	/** The things the placeholders in the matrix stand for. */
	const things: Record<string, string> = {};
	const resolve = (target: string) => resolvePlaceholders(target, things);
	let address = 0;
	// A different client address per request keeps the log-in throttle out of the way.
	const nextAddress = () => `10.1.${Math.floor(++address / 250)}.${(address % 250) + 1}`;

	async function logIn(who: Who): Promise<string | undefined> {
		const account = accounts[who];
		if (!account) return undefined;
		const { body, headers } = form(account);
		const reply = await app.request('/login', {
			method: 'POST',
			body,
			address: nextAddress(),
			headers: { ...headers, origin: app.origin }
		});
		const token = reply.cookies.session?.value;
		if (reply.status !== 303 || !token) throw new Error(`log-in as ${who} failed: ${reply.status}`);
		return (sessions[who] = token);
	}

	/** Form fields that reach each action's logic without changing anything that matters. */
	function fieldsFor(row: Row): Record<string, string> {
		switch (`${row.method} ${row.target}`) {
			case 'POST /signup':
				return { username: 'x', password: '' };
			case 'POST /login':
				return { username: 'nobody-at-all', password: 'not a password' };
			case 'POST /account?/changePassword':
				return { currentPassword: 'not the current one', newPassword: 'a fine new passphrase' };
			case 'POST /account?/revokeSession':
				return { session: 'abcdefghijklmnopqrstuvwxyz234567' };
			case 'POST /account?/revokeOtherSessions':
			case 'POST /logout':
				return {};
			// No file: refused with a field message, nothing imported.
			case 'POST /admin/areas?/import':
				return { level: 'municipality', nameField: 'name' };
			case 'POST /admin/users?/setRole':
				return { user: String(target.id), role: 'contributor' };
			// Refused with field messages (no reason, no answer, no such version): nothing changes.
			case 'POST /moderate/{a-submission}?/decide':
				return { action: 'reject', version: '1' };
			case 'POST /api/v1/exposure':
				return { route: 'not JSON' };
			case 'POST /report/status/{a-status}?/answer':
				return { answer: '' };
			case 'POST /moderate/cameras/{camera}?/revert':
				return { revision: '0' };
			// Models without a name: refused with field messages, nothing stored.
			case 'POST /moderate/models?/create':
			case 'POST /moderate/models/{camera-model}?/save':
				return { manufacturer: '', model: '' };
			// Reports without a kind or photos: refused with field messages, nothing stored.
			case 'POST /report':
			case 'POST /api/v1/submissions':
				return { note: 'x' };
			default:
				throw new Error(`no request body known for ${row.method} ${row.target}: add one to this test`);
		}
	}

	beforeAll(async () => {
		app = await startApp();
		const users: Partial<Record<Who, { id: number }>> = {};
		for (const who of ['contributorA', 'contributorB', 'moderator', 'admin'] as const) {
			const role = who.startsWith('contributor') ? 'contributor' : (who as 'moderator' | 'admin');
			const user = await createUser(app.db, { role });
			accounts[who] = user;
			users[who] = user;
		}
		target = await createUser(app.db);
		Object.assign(things, await arrangeReports(app, users.contributorA!, users.moderator!));
	});
	afterAll(() => app?.close());

	it('lists every route of the app', () => {
		const documented = rows.map((row) => row.target.split('?')[0].replace(/\/__data\.json$/, '') || '/');
		const missing = appRoutes().filter((route) => {
			const pattern = new RegExp(`^${route.replace(/\[[^\]]+\]/g, '[^/]+')}$`);
			return !documented.some((target) => pattern.test(target));
		});
		expect(missing).toEqual([]);
		expect(rows.length).toBeGreaterThanOrEqual(20);
	});

	it('allows and denies exactly as documented', async () => {
		const mismatches: string[] = [];
		let checked = 0;
		for (const who of WHO) {
			if (who !== 'anonymous') await logIn(who);
			for (const row of rows) {
				const cookie: Record<string, string> = sessions[who] ? { cookie: `session=${sessions[who]}` } : {};
				let reply: Reply;
				if (row.method === 'GET') {
					reply = await app.request(resolve(row.target), { headers: cookie, address: nextAddress() });
				} else {
					const { body, headers } = form(fieldsFor(row));
					reply = await app.request(resolve(row.target), {
						method: row.method,
						body,
						address: nextAddress(),
						headers: { ...headers, ...cookie, origin: app.origin }
					});
				}
				checked += 1;
				const got = verdict(row, reply);
				if (got !== row.expected[who]) {
					mismatches.push(
						`${who} ${row.method} ${row.target}: documented ${row.expected[who]}, got ${got} (${reply.status})`
					);
				}
				// Log-out (and a password change) end the session: sign in again for the next rows.
				if (who !== 'anonymous' && row.target === '/logout' && row.method === 'POST') await logIn(who);
			}
		}
		expect(mismatches).toEqual([]);
		expect(checked).toBe(rows.length * WHO.length);
		// The probing requests changed nothing: A's report is still pending at its first version.
		const still = await app.db
			.selectFrom('submissions')
			.select(['status', 'version'])
			.where('public_id', '=', things['a-submission'])
			.executeTakeFirstOrThrow();
		expect(still).toEqual({ status: 'pending', version: 1 });
	});

	it("keeps contributor A's pending report from contributor B and the public", async () => {
		const mine = async (who: Who) =>
			(
				await app.request('/report/mine', {
					headers: { cookie: `session=${await logIn(who)}` },
					address: nextAddress()
				})
			).body;
		expect(await mine('contributorA')).toContain(things['a-submission']);
		expect(await mine('contributorB')).not.toContain(things['a-submission']);
		// Public outputs hold the verified camera only, and nothing about who reported it.
		const geojson = JSON.parse((await app.request('/api/v1/cameras.geojson?bbox=20.2,44.7,20.6,44.9')).body) as {
			features: { id: number }[];
		};
		expect(geojson.features.map((feature) => String(feature.id))).toEqual([things.camera]);
		const page = (await app.request(`/cameras/${things.camera}`)).body;
		expect(page).toContain(things['camera-photo']);
		const one = (await app.request(`/api/v1/cameras/${things.camera}.json`)).body;
		expect(one).toContain(things['camera-photo']);
		const exports = await Promise.all(
			['/api/v1/cameras.geojson', '/api/v1/cameras.csv', '/api/v1/cameras.osm', '/feeds/cameras.atom'].map(
				async (target) => (await app.request(target)).body
			)
		);
		for (const secret of [
			things['a-submission'],
			things['a-photo'],
			things['rejected-photo'],
			accounts.moderator!.username,
			accounts.contributorA!.username
		]) {
			expect(page).not.toContain(secret);
			expect(one).not.toContain(secret);
			expect(JSON.stringify(geojson)).not.toContain(secret);
			for (const body of exports) expect(body).not.toContain(secret);
		}
	});
});
