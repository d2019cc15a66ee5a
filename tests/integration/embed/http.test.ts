/**
 * Embeds over HTTP: who may frame what (frame-ancestors open for /embed only), the embed's own
 * files with CORS (it runs in a sandboxed iframe with an opaque origin), the statistic widgets
 * in three languages, the share page's snippet without JavaScript, and oEmbed.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../app';
import { testBackend } from '../harness';
import { insertDataset } from '../tiles/dataset';

const frameAncestors = (csp: string | string[] | undefined) => /frame-ancestors ([^;]*)/.exec(String(csp))?.[1];

describe(`embeds over HTTP (${testBackend()})`, () => {
	let app: TestApp;
	let active: number;
	let cameraId: number;
	beforeAll(async () => {
		app = await startApp();
		await insertDataset(app.db);
		const { rows } = await sql<{ n: number; id: number }>`
			SELECT count(*)::int AS n, min(id)::int AS id FROM cameras WHERE status = 'active'`.execute(app.db);
		active = rows[0].n;
		cameraId = rows[0].id;
	}, 120_000);
	afterAll(() => app?.close());

	it('lets any site frame /embed and /embed/... and no site frame anything else', async () => {
		for (const path of [
			'/embed',
			'/embed/stats/counter',
			'/embed/stats/ranking',
			'/embed/stats/areas/stari-grad-test'
		]) {
			const reply = await app.request(path);
			expect(reply.status, path).toBe(200);
			expect(frameAncestors(reply.headers['content-security-policy']), path).toBe('*');
			expect(reply.headers['x-frame-options'], path).toBeUndefined();
		}
		for (const path of ['/', '/share', '/stats', '/login', `/cameras/${cameraId}`]) {
			const reply = await app.request(path);
			expect(reply.status, path).toBe(200);
			expect(frameAncestors(reply.headers['content-security-policy']), path).toBe("'none'");
		}
	});

	it('runs no inline script that its policy would block, on embeds and on other pages', async () => {
		const paths = ['/embed', '/embed/stats/counter', '/embed/stats/ranking', '/', '/share', '/stats', '/login'];
		for (const path of paths) {
			const reply = await app.request(path);
			const scriptSources = /script-src ([^;]*)/.exec(String(reply.headers['content-security-policy']))![1];
			const inline = [...reply.body.matchAll(/<script([^>]*)>/g)]
				.map((match) => match[1])
				.filter((attributes) => !/\bsrc=|type="application\/json"/.test(attributes));
			// The other pages have inline scripts (the theme toggle's, SvelteKit's start-up): each is checked.
			if (!path.startsWith('/embed')) expect(inline.length, path).toBeGreaterThan(0);
			for (const attributes of inline) {
				const nonce = /nonce="([^"]+)"/.exec(attributes)?.[1];
				expect(scriptSources, `${path}: <script${attributes}>`).toContain(`'nonce-${nonce}'`);
			}
		}
	});

	it('renders the map embed with its filters, language and live tile sources', async () => {
		const reply = await app.request('/embed?type=ALPR,camera&layers=cameras,areas&lang=sr-Cyrl&theme=dark');
		expect(reply.status).toBe(200);
		expect(reply.body).toContain('<html lang="sr-Cyrl"');
		expect(reply.body).toContain('Отвори пуну мапу');
		expect(reply.body).toContain('data-theme="dark"');
		// An embed sets no cookie: its ?lang= must not change the reader's language on this site.
		expect(reply.headers['set-cookie']).toBeUndefined();
		expect((await app.request('/?lang=sr-Cyrl')).cookies.lang?.value).toBe('sr-Cyrl');
		const config = JSON.parse(
			/<script type="application\/json" id="embed-config">(.*?)<\/script>/s.exec(reply.body)![1]
		);
		expect(config.styles.dark.sources['nadzor-cameras'].url).toBe(`${app.origin}/tiles/cameras.json?type=ALPR,camera`);
		expect(config.styles.dark.sources['nadzor-areas'].url).toBe(`${app.origin}/tiles/areas.json`);
		expect(config.styles.dark.sources['nadzor-fov']).toBeUndefined();
		expect(config.fullMap).toBe(`${app.origin}/?type=ALPR,camera&lang=sr-Cyrl`);
		expect(config.maplibre).toMatch(new RegExp(`^${app.origin}/embed/assets/maplibre-gl\\.mjs\\?v=`));
		// An area's box, from the database.
		const area = JSON.parse(
			/id="embed-config">(.*?)<\/script>/s.exec((await app.request('/embed?area=stari-grad-test')).body)![1]
		);
		expect(area.bounds[0]).toBeCloseTo(20.4273, 3);
	});

	it('answers bad parameters with 4xx and a message in the reader’s language', async () => {
		const bad = await app.request('/embed?type=tank&lang=en');
		expect(bad.status).toBe(400);
		expect(bad.body).toContain('type must be a comma-separated list of');
		expect((await app.request('/embed?area=nowhere&lang=en')).status).toBe(404);
		expect((await app.request('/embed?theme=pink')).status).toBe(400);
		expect((await app.request('/embed/stats/ranking?limit=500')).status).toBe(400);
		expect((await app.request('/embed/stats/areas/nowhere')).status).toBe(404);
		expect((await app.request('/embed/assets/secret.js')).status).toBe(404);
	});

	it('serves the embed’s files to any origin, versioned and compressed', async () => {
		for (const [name, type] of [
			['maplibre-gl.mjs', 'text/javascript'],
			['maplibre-gl-worker.mjs', 'text/javascript'],
			['maplibre-gl.css', 'text/css'],
			['map.js', 'text/javascript'],
			['resize.js', 'text/javascript'],
			['land.geojson', 'application/geo+json']
		]) {
			const reply = await app.request(`/embed/assets/${name}`, {
				headers: { origin: 'null', 'accept-encoding': 'gzip' }
			});
			expect(reply.status, name).toBe(200);
			expect(reply.headers['content-type'], name).toContain(type);
			expect(reply.headers['access-control-allow-origin'], name).toBe('*');
			expect(reply.headers['content-encoding'], name).toBe('gzip');
		}
		const tileJson = await app.request('/tiles/cameras.json', { headers: { origin: 'null' } });
		expect(tileJson.headers['access-control-allow-origin']).toBe('*');
	});

	it('counts cameras live in three languages', async () => {
		const texts = { en: 'cameras', 'sr-Latn': 'kamera', 'sr-Cyrl': 'камера' };
		for (const [lang, word] of Object.entries(texts)) {
			const reply = await app.request(`/embed/stats/counter?lang=${lang}`);
			expect(reply.status).toBe(200);
			const counter = /data-testid="counter"[^>]*><span[^>]*>([^<]*)<\/span>/.exec(reply.body)![1];
			expect(Number(counter.replace(/\D/g, ''))).toBe(active);
			expect(reply.body).toContain(word);
			expect(reply.body).toContain('resize.js');
		}
		const area = await app.request('/embed/stats/counter?area=stari-grad-test&capability=face_recognition&lang=en');
		expect(area.body).toContain('in Old Town');
		expect(area.body).toContain('suspected of face recognition');
	});

	it('ranks areas and shows one area’s numbers', async () => {
		const ranking = await app.request('/embed/stats/ranking?lang=en');
		expect(ranking.body).toContain('Old Town');
		const numbers = await app.request('/embed/stats/areas/stari-grad-test?lang=sr-Cyrl');
		expect(numbers.body).toContain('Стари град');
		expect(numbers.body).toContain('Могуће препознавање лица');
	});

	it('builds the snippet on the server from a plain form (no JavaScript)', async () => {
		const reply = await app.request(
			'/share?made=1&kind=map&bbox=20.40,44.80,20.50,44.83&layers=cameras&type=ALPR&type=camera&language=en&theme=light&controls=1&width=700&height=500&lang=en'
		);
		expect(reply.status).toBe(200);
		const src = `${app.origin}/embed?bbox=20.4,44.8,20.5,44.83&amp;layers=cameras&amp;type=ALPR,camera&amp;lang=en&amp;theme=light`;
		// The snippet, escaped once more inside the <textarea>.
		expect(reply.body).toContain(`&lt;iframe src="${src.replaceAll('&amp;', '&amp;amp;')}"`);
		expect(reply.body).toContain('width="700" height="500"');
		const invalid = await app.request('/share?made=1&kind=map&bbox=1,2&lang=en');
		expect(invalid.status).toBe(200);
		expect(invalid.body).toContain('bbox needs exactly four numbers');
		expect(invalid.body).not.toContain('data-testid="snippet"');
	});

	describe('oEmbed', () => {
		const ask = (url: string, extra = '') =>
			app.request(`/api/oembed?url=${encodeURIComponent(url)}&format=json${extra}`);

		it('returns a rich oEmbed 1.0 response for a link to the map, with its filters and view', async () => {
			const reply = await ask(`${app.origin}/?type=ALPR&lang=en#map=14/44.8176/20.4573`);
			expect(reply.status).toBe(200);
			expect(reply.headers['content-type']).toContain('application/json');
			const body = JSON.parse(reply.body);
			expect(body).toMatchObject({
				version: '1.0',
				type: 'rich',
				provider_name: 'Nadzor',
				provider_url: `${app.origin}/`,
				title: 'Map of surveillance cameras',
				width: 640,
				height: 480
			});
			expect(body.html).toMatch(/^<iframe src="[^"]*\/embed\?map=14\/44\.8176\/20\.4573&amp;type=ALPR&amp;lang=en" /);
			expect(body.html).toContain('sandbox="allow-scripts allow-popups');
		});

		it('embeds a camera, an embed address and the statistics, within maxwidth and maxheight', async () => {
			const camera = JSON.parse((await ask(`${app.origin}/cameras/${cameraId}`)).body);
			expect(camera.html).toMatch(/\/embed\?map=17\//);
			const embed = JSON.parse((await ask(`${app.origin}/embed?layers=cameras`, '&maxwidth=300&maxheight=200')).body);
			expect([embed.width, embed.height]).toEqual([300, 200]);
			expect(embed.html).toContain('width="300" height="200"');
			const stats = JSON.parse((await ask(`${app.origin}/stats?lang=en`)).body);
			expect(stats.html).toContain('/embed/stats/ranking?lang=en');
			expect(stats.html).toContain('<script>');
		});

		it('refuses other sites, other pages, bad input and XML', async () => {
			expect((await ask('https://example.com/?type=ALPR')).status).toBe(404);
			expect((await ask(`${app.origin}/moderate`)).status).toBe(404);
			expect((await ask(`${app.origin}/cameras/999999999`)).status).toBe(404);
			expect((await app.request('/api/oembed?format=json')).status).toBe(400);
			expect((await ask(`${app.origin}/`, '&maxwidth=wide')).status).toBe(400);
			const xml = await app.request(`/api/oembed?url=${encodeURIComponent(app.origin)}&format=xml`);
			expect(xml.status).toBe(501);
			expect(JSON.parse(xml.body).error.message).toBeTruthy();
		});

		it('is announced on the public pages that can be embedded', async () => {
			for (const path of ['/', '/stats', `/cameras/${cameraId}`]) {
				const body = (await app.request(path)).body;
				const link = /<link rel="alternate" type="application\/json\+oembed" href="([^"]+)"/.exec(body);
				expect(link, path).not.toBeNull();
				const href = link![1].replaceAll('&amp;', '&');
				expect(href.startsWith(`${app.origin}/api/oembed?`), path).toBe(true);
				const reply = await app.request(href.slice(app.origin.length));
				expect(reply.status, path).toBe(200);
			}
			expect((await app.request('/login')).body).not.toContain('json+oembed');
		});
	});
});
