import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { heldAnswer, heldBytes, heldResponse, type Held } from '../../../src/lib/server/http/held';

const TYPE = 'application/vnd.mapbox-vector-tile';
const CACHE = 'public, max-age=5';

function held(text: string): Held {
	const bytes = Buffer.from(text);
	return { gz: gzipSync(bytes), size: bytes.length, etag: 'abc' };
}

describe('answers held in memory', () => {
	it('gzip when accepted: the held buffer itself, its length, a -gz ETag', () => {
		const entry = held('a tile');
		const answer = heldAnswer(entry, TYPE, CACHE, { acceptEncoding: 'br, gzip', ifNoneMatch: null });
		expect(answer.status).toBe(200);
		expect(answer.body).toBe(entry.gz);
		expect(answer.headers).toEqual({
			'content-type': TYPE,
			'cache-control': CACHE,
			etag: '"abc-gz"',
			vary: 'accept-encoding',
			'content-encoding': 'gzip',
			'content-length': String(entry.gz.length)
		});
	});

	it('identity otherwise: inflated once, kept on the entry, and said so', () => {
		const entry = held('a tile');
		const inflated: Held[] = [];
		const first = heldAnswer(entry, TYPE, CACHE, { acceptEncoding: 'gzip;q=0', ifNoneMatch: null }, (h) =>
			inflated.push(h)
		);
		expect(first.body?.toString()).toBe('a tile');
		expect(first.headers.etag).toBe('"abc"');
		expect(first.headers['content-encoding']).toBeUndefined();
		expect(first.headers['content-length']).toBe('6');
		const second = heldAnswer(entry, TYPE, CACHE, { acceptEncoding: undefined, ifNoneMatch: undefined }, (h) =>
			inflated.push(h)
		);
		expect(second.body).toBe(first.body);
		expect(inflated).toEqual([entry]);
		expect(heldBytes(entry)).toBe(entry.gz.length + 6);
	});

	it('304 for a matching If-None-Match, strong or weak, without encoding or length', () => {
		const entry = held('a tile');
		for (const ifNoneMatch of ['"abc-gz"', 'W/"abc-gz"', '"x", "abc-gz"', '*']) {
			const answer = heldAnswer(entry, TYPE, CACHE, { acceptEncoding: 'gzip', ifNoneMatch });
			expect(answer.status, ifNoneMatch).toBe(304);
			expect(answer.body).toBeNull();
			expect(answer.headers).toEqual({
				'content-type': TYPE,
				'cache-control': CACHE,
				etag: '"abc-gz"',
				vary: 'accept-encoding'
			});
		}
		// The identity ETag does not match the gzip representation.
		expect(heldAnswer(entry, TYPE, CACHE, { acceptEncoding: 'gzip', ifNoneMatch: '"abc"' }).status).toBe(200);
	});

	it('an empty body is sent as no body, Content-Length 0', async () => {
		const entry = held('');
		const answer = heldAnswer(entry, TYPE, CACHE, { acceptEncoding: null, ifNoneMatch: null });
		expect(answer.body).toBeNull();
		expect(answer.headers['content-length']).toBe('0');
		expect((await heldResponse(answer).arrayBuffer()).byteLength).toBe(0);
	});

	it('as a Response: the same status, headers and bytes', async () => {
		const entry = held('a tile');
		const answer = heldAnswer(entry, TYPE, CACHE, { acceptEncoding: 'gzip', ifNoneMatch: null });
		const response = heldResponse(answer);
		expect(response.status).toBe(200);
		expect(Object.fromEntries(response.headers)).toEqual(answer.headers);
		expect(Buffer.from(await response.arrayBuffer()).equals(entry.gz)).toBe(true);
	});
});
