/**
 * Hostile input against every route of the authorization matrix: query strings, path segments,
 * JSON and form bodies carrying SQL, path traversal, huge numbers, unicode, NUL bytes, deep
 * nesting and wrong content types, anonymous and signed in as an admin (who reaches every route's
 * own code). Every answer must be a 2xx–4xx (never a 5xx) and must show no stack trace, database
 * error, file-system path or node_modules. fast-check generates the requests from a fixed seed,
 * so a failure is reproducible, and shrinks it to the smallest request that still fails.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../integration/app';
import { CENTRE, insertDataset } from '../integration/tiles/dataset';
import { tileAt } from '../support/tiles';
import { testBackend } from '../integration/harness';
import { arrange, leaksIn, nextAddress, signIn, type Arranged, type MatrixRequest } from './routes';

const REQUESTS = 400;
/** Hostile requests at cached tiles and glyphs: what the fast path (src/lib/server/http/fast-path.ts) sees first. */
const TILE_REQUESTS = 300;

const SQL = [
	"' OR '1'='1",
	"1' OR 1=1--",
	'1; DROP TABLE cameras;--',
	"' UNION SELECT username, password_hash FROM users--",
	'1) AND (SELECT pg_sleep(0))::text IS NULL--',
	"'; SELECT pg_read_file('/etc/passwd');--",
	'$$; COPY users TO PROGRAM $$id',
	'1::int',
	"E'\\x00'",
	'\\',
	'"',
	"'"
];
const TRAVERSAL = [
	'../../../../etc/passwd',
	'..\\..\\..\\windows\\win.ini',
	'....//....//etc/passwd',
	'%2e%2e%2f%2e%2e%2fetc%2fpasswd',
	'%252e%252e%252fetc%252fpasswd',
	'..%c0%afetc%c0%afpasswd',
	'/etc/passwd\u0000.png',
	'file:///etc/passwd'
];
const NUMBERS = [
	'1e308',
	'-1e308',
	'1e999',
	'9'.repeat(400),
	'-0',
	'NaN',
	'Infinity',
	'0x7fffffff',
	'9223372036854775808',
	'-9223372036854775809',
	'2147483648',
	'1.7976931348623157e309',
	'0.000000000000000000000000000001',
	'٣',
	'１２３'
];
const TEXT = [
	'\u0000',
	'a\u0000b',
	'\u202e\u0644\u0627',
	'𝕏'.repeat(50),
	'\ud800',
	'\ufeff',
	'<script>alert(1)</script>',
	'{{7*7}}',
	'${7*7}',
	'%s%s%s%n',
	'a'.repeat(5000),
	'',
	' ',
	'[]',
	'{}',
	'null',
	'true',
	'__proto__',
	'constructor',
	'20.2,44.7,20.6',
	'20.6,44.9,20.2,44.7',
	'-180,-90,180,90',
	'1,2,3,4,5'
];

const hostile: fc.Arbitrary<string> = fc.oneof(
	{ weight: 4, arbitrary: fc.constantFrom(...SQL, ...TRAVERSAL, ...NUMBERS, ...TEXT) },
	{ weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
	{ weight: 1, arbitrary: fc.double().map(String) },
	{ weight: 1, arbitrary: fc.bigInt().map(String) }
);

const QUERY_NAMES = [
	'bbox',
	'lat',
	'lng',
	'radius',
	'type',
	'operator',
	'capability',
	'confidence',
	'removed',
	'area',
	'kind',
	'lang',
	'redirectTo',
	'variant',
	'v',
	'limit',
	'page',
	'/',
	'x[]'
];
const FIELD_NAMES = [
	'username',
	'password',
	'currentPassword',
	'newPassword',
	'session',
	'user',
	'role',
	'action',
	'version',
	'reason',
	'note',
	'answer',
	'revision',
	'payload',
	'idempotency_key',
	'kind',
	'lat',
	'lng',
	'camera_id',
	'route',
	'photos',
	'__proto__'
];
const CONTENT_TYPES = [
	'application/json',
	'application/x-www-form-urlencoded',
	'multipart/form-data; boundary=----x',
	'multipart/form-data',
	'text/plain',
	'application/xml',
	'application/json; charset=utf-16',
	'image/png'
];

/** Percent-encodes every byte of the UTF-8 form (lone surrogates become U+FFFD). */
function encode(value: string): string {
	return [...Buffer.from(value, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
}

/** Keeps pre-encoded traversal payloads as written, so the server sees them undecoded. */
function asPathSegment(value: string): string {
	return /%[0-9a-f]{2}/i.test(value) && !/[^\x21-\x7e]/.test(value) ? value : encode(value);
}

type Mutation =
	| { kind: 'query'; name: string; value: string; replace: boolean }
	| { kind: 'segment'; index: number; value: string }
	| { kind: 'json'; fields: [string, unknown][] }
	| { kind: 'form'; fields: [string, string][] }
	| { kind: 'raw'; contentType: string | null; body: string };

const jsonValue: fc.Arbitrary<unknown> = fc.oneof(
	hostile,
	fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -0, 0.1, true, null),
	fc.array(hostile, { maxLength: 5 }),
	fc.constant(JSON.parse('[' + '['.repeat(2000) + ']'.repeat(2000) + ']')),
	fc.dictionary(fc.constantFrom(...FIELD_NAMES), hostile, { maxKeys: 4 })
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
	fc.record({
		kind: fc.constant('query' as const),
		name: fc.oneof(fc.constantFrom(...QUERY_NAMES), hostile),
		value: hostile,
		replace: fc.boolean()
	}),
	fc.record({ kind: fc.constant('segment' as const), index: fc.nat(6), value: hostile }),
	fc.record({
		kind: fc.constant('json' as const),
		fields: fc.array(fc.tuple(fc.constantFrom(...FIELD_NAMES), jsonValue), { maxLength: 6 })
	}),
	fc.record({
		kind: fc.constant('form' as const),
		fields: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...FIELD_NAMES), hostile), hostile), { maxLength: 6 })
	}),
	fc.record({
		kind: fc.constant('raw' as const),
		contentType: fc.option(fc.constantFrom(...CONTENT_TYPES)),
		body: fc.oneof(hostile, fc.constant('{"route": ' + '['.repeat(5000)), fc.constant('--x\r\n\r\n'))
	})
);

interface Built {
	method: string;
	path: string;
	headers: Record<string, string>;
	body?: string | Buffer;
}

function build(request: MatrixRequest, change: Mutation): Built {
	const [pathname, query = ''] = request.target.split('?');
	let path = pathname;
	let search = query;
	let method = request.method;
	const headers: Record<string, string> = {};
	let body: string | Buffer | undefined;
	switch (change.kind) {
		case 'query': {
			const pair = `${encode(change.name)}=${encode(change.value)}`;
			// Form actions are named in the query (`?/decide`): keep that, add the hostile pair.
			search = change.replace && !search.startsWith('/') ? pair : [search, pair].filter(Boolean).join('&');
			break;
		}
		case 'segment': {
			const segments = pathname.split('/');
			const index = 1 + (change.index % Math.max(1, segments.length - 1));
			segments[index] = asPathSegment(change.value);
			path = segments.join('/');
			break;
		}
		case 'json':
			method = method === 'GET' ? 'POST' : method;
			headers['content-type'] = 'application/json';
			body = JSON.stringify(Object.fromEntries(change.fields));
			break;
		case 'form':
			method = method === 'GET' ? 'POST' : method;
			headers['content-type'] = 'application/x-www-form-urlencoded';
			body = change.fields.map(([name, value]) => `${encode(name)}=${encode(value)}`).join('&');
			break;
		case 'raw':
			method = method === 'GET' ? 'POST' : method;
			if (change.contentType) headers['content-type'] = change.contentType;
			body = change.body;
			break;
	}
	return { method, path: search ? `${path}?${search}` : path, headers, body };
}

describe(`fuzzing every route with hostile input, built app (${testBackend()})`, () => {
	let app: TestApp;
	let arranged: Arranged;
	let cookie: string;

	beforeAll(async () => {
		app = await startApp();
		arranged = await arrange(app);
		cookie = await signIn(app, arranged.admin);
	});
	afterAll(() => app?.close());

	it(`${REQUESTS} hostile requests: no 5xx, nothing leaked`, async () => {
		const statuses = new Map<number, number>();
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom(...arranged.requests),
				mutation,
				fc.boolean(),
				async (request, change, signedIn) => {
					const built = build(request, change);
					const reply = await app.request(built.path, {
						method: built.method,
						body: built.body,
						address: nextAddress(),
						headers: {
							...built.headers,
							origin: app.origin,
							...(signedIn ? { cookie } : {})
						}
					});
					statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
					const what = `${built.method} ${built.path} (${reply.status})`;
					expect(reply.status, what).toBeLessThan(500);
					expect(leaksIn(reply.body), what).toEqual([]);
					// Fuzzed log-outs, password changes and session revocations end the session.
					if (signedIn && reply.cookies.session?.value === '') cookie = await signIn(app, arranged.admin);
				}
			),
			{ numRuns: REQUESTS, seed: 20261123, endOnFailure: true }
		);
		// The run reached the routes' own logic, not just a wall of refusals.
		const total = [...statuses.values()].reduce((sum, count) => sum + count, 0);
		expect(total).toBe(REQUESTS);
		expect([...statuses.keys()].some((status) => status < 300)).toBe(true);
		expect([...statuses.keys()].some((status) => status >= 400)).toBe(true);
	});

	it(`${TILE_REQUESTS} hostile requests at cached tiles, basemap tiles and glyphs (the fast path first): no 5xx, nothing leaked`, async () => {
		await insertDataset(app.db);
		const tiles = [8, 12, 14, 15].map((z) => {
			const { x, y } = tileAt(CENTRE.lng, CENTRE.lat, z);
			return `/tiles/cameras/${z}/${x}/${y}.mvt`;
		});
		tiles.push(tiles[2].replace('cameras', 'density'));
		// The basemap's tiles (both scripts) and glyph ranges: answered from memory once read.
		tiles.push(
			'/basemap/tiles/14/9123/5905.mvt',
			'/basemap/latin/13/4561/2952.mvt',
			'/basemap/fonts/Noto%20Sans%20Regular/0-255.pbf',
			'/basemap/fonts/Noto%20Sans%20Medium,Noto%20Sans%20Regular/1024-1279.pbf'
		);
		// Warm the cache, so that the fast path has something to answer.
		for (const tile of tiles) for (const query of ['', '?v=1']) await app.request(`${tile}${query}`);
		const headerSafe = (value: string) => value.replace(/[^\x20-\x7e]/g, '').trim();
		const answered = { fast: 0, app: 0 };
		const change = fc.oneof(
			fc.record({
				kind: fc.constant('query' as const),
				name: fc.oneof(fc.constantFrom('v', 'type', 'confidence', 'removed', 'biometric', 'lang', 'x'), hostile),
				value: hostile
			}),
			fc.record({ kind: fc.constant('segment' as const), index: fc.nat(5), value: hostile }),
			fc.record({
				kind: fc.constant('header' as const),
				name: fc.constantFrom('accept-encoding', 'if-none-match', 'cookie', 'access-control-request-method'),
				value: hostile
			}),
			fc.constant({ kind: 'none' as const })
		);
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom(...tiles),
				fc.constantFrom('GET', 'HEAD', 'OPTIONS'),
				change,
				async (tile, method, mutation) => {
					let target = tile;
					const headers: Record<string, string> = { 'accept-encoding': 'gzip' };
					if (method === 'OPTIONS') headers['access-control-request-method'] = 'GET';
					if (mutation.kind === 'query') target = `${tile}?${encode(mutation.name)}=${encode(mutation.value)}`;
					if (mutation.kind === 'segment') {
						const segments = tile.split('/');
						segments[1 + (mutation.index % (segments.length - 1))] = asPathSegment(mutation.value);
						target = segments.join('/');
					}
					if (mutation.kind === 'header') headers[mutation.name] = headerSafe(mutation.value);
					const reply = await app.request(target, { method, headers, address: nextAddress() });
					const what = `${method} ${target} ${JSON.stringify(headers)} (${reply.status})`;
					expect(reply.status, what).toBeLessThan(500);
					expect(leaksIn(reply.body), what).toEqual([]);
					if (/^[0-9a-f]{12}-[0-9a-f]+$/.test(String(reply.headers['x-request-id']))) answered.fast++;
					else answered.app++;
				}
			),
			{ numRuns: TILE_REQUESTS, seed: 20261204, endOnFailure: true }
		);
		// Both paths were exercised: answers from memory and requests handed to the app.
		expect(answered.fast).toBeGreaterThan(TILE_REQUESTS / 10);
		expect(answered.app).toBeGreaterThan(TILE_REQUESTS / 10);
	});

	it('the leak patterns catch what a careless error page would show', () => {
		expect(leaksIn('Error: x\n    at Object.<anonymous> (/work/app/build/server/index.js:10:5)')).toContain(
			'stack trace'
		);
		expect(leaksIn('error: syntax error at or near "OR"')).toContain('database error');
		expect(leaksIn('ENOENT: no such file /srv/nadzor/data/photos/ab/x')).toContain('file-system path');
		expect(leaksIn('Cannot find module node_modules/kysely')).toContain('node_modules');
		expect(leaksIn('{"message":"L\' OR \'1\'=\'1 nije ispravno"}')).toEqual([]);
	});
});
