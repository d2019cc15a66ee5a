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
import { createUser } from './factories';

type Who = 'anonymous' | 'contributor' | 'moderator' | 'admin';
const WHO: Who[] = ['anonymous', 'contributor', 'moderator', 'admin'];

interface Row {
	method: string;
	target: string;
	expected: Record<Who, 'allow' | 'deny'>;
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
		const verdicts = cells.slice(2, 6);
		if (!verdicts.every((verdict) => verdict === 'allow' || verdict === 'deny')) {
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

function verdict(row: Row, reply: Reply): 'allow' | 'deny' | 'failure' {
	if (reply.status >= 500) return 'failure';
	if (reply.status === 401 || reply.status === 403) return 'deny';
	if (reply.status >= 300 && reply.status < 400) {
		return String(reply.headers.location ?? '').startsWith('/login') ? 'deny' : 'allow';
	}
	if (row.target.endsWith('__data.json')) {
		const data = JSON.parse(reply.body) as {
			type: string;
			location?: string;
			nodes?: { type: string; status?: number }[];
		};
		if (data.type === 'redirect') return data.location?.startsWith('/login') ? 'deny' : 'allow';
		const failed = data.nodes?.find((node) => node?.type === 'error');
		if (failed) return failed.status === 401 || failed.status === 403 ? 'deny' : 'failure';
	}
	return 'allow';
}

describe(`authorization matrix, built app (${testBackend()})`, () => {
	let app: TestApp;
	const rows = readMatrix();
	const accounts: Partial<Record<Who, { username: string; password: string }>> = {};
	const sessions: Partial<Record<Who, string>> = {};
	let target: { id: number };
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
			case 'POST /admin/users?/setRole':
				return { user: String(target.id), role: 'contributor' };
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
		for (const who of ['contributor', 'moderator', 'admin'] as const) {
			accounts[who] = await createUser(app.db, { role: who });
		}
		target = await createUser(app.db);
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
					reply = await app.request(row.target, { headers: cookie, address: nextAddress() });
				} else {
					const { body, headers } = form(fieldsFor(row));
					reply = await app.request(row.target, {
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
	});
});
