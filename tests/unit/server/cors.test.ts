/** The cross-origin rule table (src/lib/server/http/cors.ts). */
import { describe, expect, it } from 'vitest';
import { cors, corsVerdict, preflight } from '../../../src/lib/server/http/cors';

const table: [method: string, path: string, verdict: 'public' | 'none'][] = [
	['GET', '/api/v1/cameras.geojson', 'public'],
	['HEAD', '/api/v1/cameras.csv', 'public'],
	['GET', '/api/v1/cameras.osm', 'public'],
	['GET', '/api/v1/cameras/42.json', 'public'],
	['GET', '/api/v1/stats/areas.json', 'public'],
	['GET', '/tiles/cameras/14/9123/5905.mvt', 'public'],
	['GET', '/tiles/cameras.json', 'public'],
	['GET', '/feeds/cameras.atom', 'public'],
	['GET', '/feeds/areas/beograd.atom', 'public'],
	['GET', '/data/releases/2026-01-01/cameras.geojson', 'public'],
	['GET', '/api/openapi.json', 'public'],
	['GET', '/api/oembed', 'public'],
	['GET', '/embed/assets/map.js', 'public'],
	['GET', '/embed', 'none'],
	['GET', '/embed/stats/counter', 'none'],
	['GET', '/share', 'none'],
	['POST', '/api/v1/submissions', 'none'],
	['POST', '/api/v1/exposure', 'none'],
	['PUT', '/api/v1/cameras.geojson', 'none'],
	['DELETE', '/tiles/cameras.json', 'none'],
	['GET', '/', 'none'],
	['GET', '/data', 'none'],
	['GET', '/api', 'none'],
	['GET', '/stats', 'none'],
	['GET', '/login', 'none'],
	['POST', '/login', 'none'],
	['GET', '/moderate', 'none'],
	['GET', '/photos/abc.webp', 'none'],
	['GET', '/api/openapi.json.bak', 'none'],
	['GET', '/api/v1', 'none']
];

describe('cross-origin rules', () => {
	it.each(table)('%s %s → %s', (method, path, verdict) => {
		expect(corsVerdict(method, path)).toBe(verdict);
	});

	it('grants a preflight for a public read only, never with credentials', () => {
		const granted = preflight('/api/v1/cameras.geojson', 'GET');
		expect(granted.status).toBe(204);
		expect(granted.headers.get('access-control-allow-origin')).toBe('*');
		expect(granted.headers.get('access-control-allow-methods')).toBe('GET, HEAD');
		expect(granted.headers.get('access-control-allow-credentials')).toBeNull();
		for (const [path, method] of [
			['/api/v1/submissions', 'POST'],
			['/api/v1/cameras.geojson', 'DELETE'],
			['/login', 'POST'],
			['/', 'GET']
		]) {
			const refused = preflight(path, method);
			expect(refused.status).toBe(403);
			expect([...refused.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
		}
	});

	const run = async (method: string, path: string, headers: Record<string, string> = {}, answer?: Response) => {
		const url = new URL(path, 'http://localhost');
		const event = { request: new Request(url, { method, headers }), url } as never;
		return cors({
			event,
			resolve: async () =>
				answer ?? new Response('ok', { headers: { 'access-control-allow-origin': 'https://a.example' } })
		});
	};

	it('adds the header to public reads and strips any from everything else', async () => {
		const read = await run('GET', '/api/v1/cameras.csv', { origin: 'https://b.example' });
		expect(read.headers.get('access-control-allow-origin')).toBe('*');
		expect(read.headers.get('access-control-expose-headers')).toContain('Link');
		const page = await run('GET', '/data', { origin: 'https://b.example' });
		expect(page.headers.get('access-control-allow-origin')).toBeNull();
		const post = await run('POST', '/api/v1/submissions', { origin: 'https://b.example' });
		expect(post.headers.get('access-control-allow-origin')).toBeNull();
		const options = await run('OPTIONS', '/api/v1/submissions', { 'access-control-request-method': 'POST' });
		expect(options.status).toBe(403);
	});
});
