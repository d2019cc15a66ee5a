/**
 * The fast path (src/lib/server/http/fast-path.ts) against the framework's path, in one built
 * app: the same request to the app's port (fast path first) and to its framework-only port must
 * give the same status, the same headers but the request id (and Node's Date, which only says
 * when), and the same bytes; for cached tiles and the basemap's tiles and glyph ranges, versioned
 * or not, gzip or identity, 200, 304 and HEAD, CORS preflights, misses, and malformed or unusual addresses the fast path leaves to the
 * app. The request id tells which path answered: the fast path's are a per-process prefix and a
 * counter, the framework's are UUIDs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDataVersion } from '../../../src/lib/server/tiles/repository';
import { tileAt } from '../../support/tiles';
import { startApp, type Reply, type RequestOptions, type TestApp } from '../app';
import { testBackend } from '../harness';
import { CENTRE, insertDataset } from './dataset';

const FAST_ID = /^[0-9a-f]{12}-[0-9a-f]+$/;
const FRAMEWORK_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Which path answered, by its request id (SvelteKit's own redirects carry none). */
function answeredBy(reply: Reply): 'fast path' | 'framework' | 'no hook' {
	const id = reply.headers['x-request-id'];
	if (id === undefined) return 'no hook';
	if (FAST_ID.test(String(id))) return 'fast path';
	expect(id).toMatch(FRAMEWORK_ID);
	return 'framework';
}

/** Headers as compared: everything but the request id and the date. */
function comparable(reply: Reply): Record<string, unknown> {
	const headers: Record<string, unknown> = { ...reply.headers };
	delete headers['x-request-id'];
	delete headers.date;
	return headers;
}

describe(`the fast path answers as the framework does (${testBackend()})`, () => {
	let app: TestApp;
	let version: number;
	const at = (layer: string, z: number, query = '') => {
		const { x, y } = tileAt(CENTRE.lng, CENTRE.lat, z);
		return `/tiles/${layer}/${z}/${x}/${y}.mvt${query}`;
	};

	/** Both paths' answers to one request, after checking they are the same. */
	async function both(target: string, options: RequestOptions = {}): Promise<{ fast: Reply; full: Reply }> {
		const fast = await app.request(target, options);
		const full = await app.request(target, { ...options, fullPath: true });
		const what = `${options.method ?? 'GET'} ${target} ${JSON.stringify(options.headers ?? {})}`;
		expect(answeredBy(full), what).not.toBe('fast path');
		expect(fast.status, what).toBe(full.status);
		expect(comparable(fast), what).toEqual(comparable(full));
		expect(fast.raw.equals(full.raw), `${what}: the same bytes`).toBe(true);
		return { fast, full };
	}

	beforeAll(async () => {
		app = await startApp();
		await insertDataset(app.db);
		// The app reads the data version once a second: wait until it has seen the dataset's, or a
		// tile asked for with the version the TileJSON gave would already be an old one.
		const stored = await readDataVersion(app.db);
		for (let attempt = 0; attempt < 100 && version !== stored; attempt++) {
			if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 100));
			const tilejson = JSON.parse((await app.request('/tiles/cameras.json')).body);
			version = Number(new URL(tilejson.tiles[0].replace(/\{(\w)\}/g, '0')).searchParams.get('v'));
		}
		expect(version).toBe(stored);
	});
	afterAll(() => app?.close());

	const sample = () => [
		at('cameras', 8),
		at('cameras', 13),
		at('cameras', 14, '?type=camera,ALPR'),
		at('cameras', 15, '?removed=1'),
		at('fov', 15),
		at('areas', 10),
		at('density', 9),
		at('density', 14, '?confidence=verified')
	];

	it('a cached tile: the same answer from memory, versioned or not, gzip or identity, 200, 304 and HEAD', async () => {
		let fastAnswers = 0;
		let empty = 0;
		for (const tile of sample()) {
			const join = tile.includes('?') ? '&' : '?';
			// The first request renders the tile (through the framework: a miss), the rest hit the cache.
			const miss = await app.request(tile, { headers: { 'accept-encoding': 'gzip' } });
			expect(miss.status, tile).toBe(200);
			expect(answeredBy(miss), `${tile}: a miss goes to the app`).toBe('framework');
			if (miss.raw.length <= 20) empty++;
			for (const target of [tile, `${tile}${join}v=${version}`, `${tile}${join}v=${version - 1}`]) {
				for (const encoding of ['gzip, deflate, br', 'identity', 'gzip;q=0', undefined]) {
					const headers: Record<string, string> = encoding === undefined ? {} : { 'accept-encoding': encoding };
					const { fast } = await both(target, { headers });
					expect(fast.status).toBe(200);
					expect(answeredBy(fast), `${target} ${encoding}: from memory`).toBe('fast path');
					fastAnswers++;
					const etag = fast.headers.etag as string;
					for (const ifNoneMatch of [`W/${etag}`, `"other", ${etag}`, '"other"']) {
						const conditional = await both(target, { headers: { ...headers, 'if-none-match': ifNoneMatch } });
						expect(conditional.fast.status, `${target} If-None-Match ${ifNoneMatch}`).toBe(
							ifNoneMatch === '"other"' ? 200 : 304
						);
					}
					const head = await both(target, { method: 'HEAD', headers });
					expect(head.fast.headers['content-length']).toBe(fast.headers['content-length']);
					expect(head.fast.raw.length).toBe(0);
				}
			}
			const versioned = await app.request(`${tile}${join}v=${version}`);
			expect(versioned.headers['cache-control']).toBe('public, max-age=86400, immutable');
			expect((await app.request(tile)).headers['cache-control']).toBe('public, max-age=5');
		}
		expect(fastAnswers).toBe(sample().length * 3 * 4);
		// Most of the sample holds cameras (an empty tile is 20 bytes gzipped).
		expect(empty).toBeLessThanOrEqual(1);
		// `*` matches any representation.
		const star = await both(at('cameras', 13), { headers: { 'if-none-match': '*' } });
		expect(star.fast.status).toBe(304);
	}, 180_000);

	it('the basemap: cached tiles and glyph ranges read once, the same answer from memory', async () => {
		const basemap = JSON.parse((await app.request('/basemap/tiles.json')).body);
		const streets = new URL(basemap.tiles[0].replace(/\{(\w)\}/g, '0')).searchParams.get('v')!;
		expect(streets).toMatch(/\w/);
		// Central Belgrade in both scripts, a coarser zoom, and a tile outside the archive (empty).
		const coarse = tileAt(20.46, 44.81, 10);
		const tiles = [
			'/basemap/tiles/14/9123/5905.mvt',
			'/basemap/latin/14/9123/5905.mvt',
			`/basemap/tiles/10/${coarse.x}/${coarse.y}.mvt`,
			'/basemap/tiles/14/0/0.mvt'
		];
		const glyphs = [
			'/basemap/fonts/Noto%20Sans%20Regular/0-255.pbf',
			'/basemap/fonts/Noto%20Sans%20Medium,Noto%20Sans%20Regular/1024-1279.pbf',
			'/basemap/fonts/Noto%20Sans%20Italic/65280-65535.pbf'
		];
		let fastAnswers = 0;
		const targets: string[] = [];
		for (const address of [...tiles, ...glyphs]) {
			const miss = await app.request(address, { headers: { 'accept-encoding': 'gzip' } });
			expect(miss.status, address).toBe(200);
			expect(answeredBy(miss), `${address}: read through the app first`).toBe('framework');
			targets.push(address);
			if (address.endsWith('.mvt')) targets.push(`${address}?v=${streets}`, `${address}?v=older`);
		}
		for (const target of targets) {
			for (const encoding of ['gzip, deflate, br', 'identity', 'gzip;q=0', undefined]) {
				const headers: Record<string, string> = encoding === undefined ? {} : { 'accept-encoding': encoding };
				const { fast } = await both(target, { headers });
				expect(fast.status, target).toBe(200);
				expect(answeredBy(fast), `${target} ${encoding}: from memory`).toBe('fast path');
				fastAnswers++;
				const etag = fast.headers.etag as string;
				expect(etag, target).toMatch(/^".+"$/);
				for (const ifNoneMatch of [`W/${etag}`, `"other", ${etag}`, '"other"']) {
					const conditional = await both(target, { headers: { ...headers, 'if-none-match': ifNoneMatch } });
					expect(conditional.fast.status, `${target} If-None-Match ${ifNoneMatch}`).toBe(
						ifNoneMatch === '"other"' ? 200 : 304
					);
				}
				const head = await both(target, { method: 'HEAD', headers });
				expect(head.fast.headers['content-length']).toBe(fast.headers['content-length']);
				expect(head.fast.raw.length).toBe(0);
			}
		}
		expect(fastAnswers).toBe((tiles.length * 3 + glyphs.length) * 4);
		const current = await app.request(`${tiles[0]}?v=${streets}`, { headers: { 'accept-encoding': 'gzip' } });
		expect(current.headers['cache-control']).toBe('public, max-age=31536000, immutable');
		expect(current.headers['content-encoding']).toBe('gzip');
		expect(Number(current.headers['content-length'])).toBeGreaterThan(1000);
		expect((await app.request(tiles[0])).headers['cache-control']).toBe('public, max-age=300');
		const preflight = await both(tiles[0], {
			method: 'OPTIONS',
			headers: { origin: 'https://news.example', 'access-control-request-method': 'GET' }
		});
		expect(preflight.fast.status).toBe(204);
		expect(answeredBy(preflight.fast)).toBe('fast path');

		// Malformed, unusual and unread addresses: the app answers them, the same way.
		for (const target of [
			'/basemap/tiles/14/9123/x.mvt',
			'/basemap/tiles/14/99999/0.mvt',
			'/basemap/tiles/15/18246/11810.mvt',
			'/basemap/tiles/14/9124/5905.mvt',
			'/basemap/other/1/0/0.mvt',
			'/basemap/tiles/1/0/0.mvt?v=%3Cscript%3E',
			`${tiles[0]}?lang=en`,
			'/basemap/tiles.json',
			'/basemap/latin.json',
			'/basemap/',
			'/basemap/tiles/14/9123/5905.mvt/',
			'/basemap/fonts/Noto%20Sans%20Regular/0-256.pbf',
			'/basemap/fonts/Noto%20Sans%20Regular/256-511.png',
			'/basemap/fonts/Noto%20Sans%20Regular/512-767.pbf',
			'/basemap/fonts/Comic%20Sans/0-255.pbf',
			'/basemap/fonts/Noto%2520Sans%2520Regular/0-255.pbf',
			'/basemap/fonts/Noto+Sans+Regular/0-255.pbf',
			'/basemap/fonts/..%2F..%2Fetc/0-255.pbf',
			'/basemap/fonts/%20/0-255.pbf'
		]) {
			const { fast } = await both(target, { headers: { 'accept-encoding': 'gzip' } });
			expect(answeredBy(fast), target).not.toBe('fast path');
			expect(fast.status, target).toBeLessThan(500);
		}
	}, 180_000);

	it('CORS preflights: the same grant (or refusal) as the cors hook', async () => {
		const tile = at('cameras', 14);
		for (const [method, status] of [
			['GET', 204],
			['HEAD', 204],
			['POST', 403],
			['DELETE', 403]
		] as const) {
			const { fast } = await both(tile, {
				method: 'OPTIONS',
				headers: { origin: 'https://news.example', 'access-control-request-method': method }
			});
			expect(fast.status).toBe(status);
			expect(answeredBy(fast)).toBe('fast path');
		}
		// Without Access-Control-Request-Method an OPTIONS is not a preflight: the app answers it.
		const plain = await both(tile, { method: 'OPTIONS' });
		expect(answeredBy(plain.fast)).toBe('framework');
	});

	it('malformed, unusual and uncached addresses: left to the app, which answers them the same', async () => {
		const tile = at('cameras', 14);
		await app.request(tile);
		const { x, y } = tileAt(CENTRE.lng, CENTRE.lat, 14);
		const framework = [
			'/tiles/nope/1/0/0.mvt',
			'/tiles/cameras/99/0/0.mvt',
			'/tiles/cameras/3/9/0.mvt',
			'/tiles/fov/3/0/0.mvt',
			'/tiles/cameras/1/0/0.png',
			'/tiles/cameras/a/b/c.mvt',
			'/tiles/cameras/14/1/2/3.mvt',
			`${tile}?v=abc`,
			`${tile}?type=bogus`,
			`${tile}?type=camera&type=ALPR`,
			`${tile}?v=${Number.MAX_SAFE_INTEGER}`,
			`${tile}?lang=en`,
			`/tiles/cameras/14/${x}/%3${String(y).slice(-1)}.mvt`,
			`/tiles/cameras/14/${x}/${String(y).slice(0, -1)}%3${String(y).slice(-1)}.mvt`,
			`/tiles/cameras/x/../14/${x}/${y}.mvt`,
			`/tiles/./cameras/14/${x}/${y}.mvt`,
			`/tiles//cameras/14/${x}/${y}.mvt`,
			`${tile}?type=%22camera%22`,
			'/tiles/cameras.json',
			'/tiles/'
		];
		for (const target of framework) {
			const { fast } = await both(target, { headers: { 'accept-encoding': 'gzip' } });
			expect(answeredBy(fast), target).not.toBe('fast path');
			expect(fast.status, target).toBeLessThan(500);
		}
		// A session cookie, even one naming no session (the auth hook deletes it): the app decides.
		const cookie = await both(tile, { headers: { cookie: 'session=not-a-session' } });
		expect(answeredBy(cookie.fast)).toBe('framework');
		expect(cookie.fast.headers['set-cookie']).toBeDefined();
		// Other cookies (the language) change nothing in a tile: still from memory.
		const lang = await both(tile, { headers: { cookie: 'lang=en' } });
		expect(answeredBy(lang.fast)).toBe('fast path');
		// Unknown parameters are ignored by the tile server, so the cached tile is the answer.
		const extra = await both(`${tile}?utm_source=x`);
		expect(answeredBy(extra.fast)).toBe('fast path');
	});

	it('other methods are the app’s', async () => {
		const tile = at('cameras', 14);
		await app.request(tile);
		for (const method of ['POST', 'PUT', 'DELETE']) {
			const { fast } = await both(tile, { method, headers: { origin: app.origin }, body: '' });
			expect(answeredBy(fast), method).toBe('framework');
		}
	});
});
