import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressed } from '../../../src/lib/server/http/compress';

const page = '<!doctype html>' + '<p>Nadzor nad nadzorom</p>'.repeat(200);
const request = (encoding?: string, method = 'GET') =>
	new Request('http://localhost/', { method, headers: encoding ? { 'accept-encoding': encoding } : {} });
const html = (body = page, headers: Record<string, string> = {}) =>
	new Response(body, { headers: { 'content-type': 'text/html', etag: '"abc"', ...headers } });

describe('compressed', () => {
	it('gzips a page for a client that takes gzip, with a weak ETag and Vary', async () => {
		const response = compressed(request('gzip, deflate, br'), html());
		expect(response.headers.get('content-encoding')).toBe('gzip');
		expect(response.headers.get('etag')).toBe('W/"abc"');
		expect(response.headers.get('vary')).toContain('accept-encoding');
		const bytes = Buffer.from(await response.arrayBuffer());
		expect(bytes.length).toBeLessThan(page.length / 5);
		expect(gunzipSync(bytes).toString()).toBe(page);
	});

	it('answers 304 to a client that holds the gzipped page (its weak ETag), and 200 to one with another', async () => {
		const holding = new Request('http://localhost/', {
			headers: { 'accept-encoding': 'gzip', 'if-none-match': 'W/"old", W/"abc"' }
		});
		const notModified = compressed(holding, html());
		expect(notModified.status).toBe(304);
		expect(notModified.headers.get('etag')).toBe('W/"abc"');
		expect(notModified.headers.get('content-encoding')).toBeNull();
		expect(await notModified.text()).toBe('');
		const stale = new Request('http://localhost/', {
			headers: { 'accept-encoding': 'gzip', 'if-none-match': 'W/"old"' }
		});
		expect(compressed(stale, html()).status).toBe(200);
	});

	it('leaves alone what must not or need not be compressed', () => {
		const untouched = [
			compressed(request(), html()),
			compressed(request('gzip;q=0, br'), html()),
			compressed(request('gzip', 'HEAD'), html()),
			compressed(request('gzip'), html('<p>short</p>', { 'content-length': '12' })),
			compressed(request('gzip'), new Response(new Uint8Array(4096), { headers: { 'content-type': 'image/webp' } })),
			compressed(request('gzip'), html(page, { 'content-encoding': 'gzip' })),
			compressed(request('gzip'), new Response(page, { status: 404, headers: { 'content-type': 'text/html' } }))
		];
		for (const response of untouched) {
			expect(response.headers.get('etag') ?? '').not.toMatch(/^W\//);
			expect(response.headers.get('vary')).toBeNull();
		}
		expect(untouched.map((response) => response.headers.get('content-encoding'))).toEqual([
			null,
			null,
			null,
			null,
			null,
			'gzip',
			null
		]);
	});
});
