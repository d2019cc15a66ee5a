/**
 * Regressions from an adversarial probe of the running app: open redirects after log-in, form
 * actions sent something other than form data, edge values in an admin's area file, and the
 * area file size the page states against what the server takes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { form, startApp, type TestApp } from '../integration/app';
import { testBackend } from '../integration/harness';
import { arrange, leaksIn, nextAddress, signIn, type Arranged } from './routes';
import { MAX_AREA_FILE_BYTES } from '../../src/lib/schemas/area-import';

const REDIRECTS = [
	'/%09/evil.example',
	'/%0a/evil.example',
	'/%0d%0a/evil.example',
	'/\t/evil.example',
	'/\\evil.example',
	'/%5c/evil.example',
	'/.//evil.example',
	'/%2e//evil.example',
	'//evil.example',
	'///evil.example',
	'/ /evil.example',
	'https://evil.example/',
	'/%00',
	'/%ff'
];

describe(`probe regressions, built app (${testBackend()})`, () => {
	let app: TestApp;
	let arranged: Arranged;
	let adminCookie: string;

	beforeAll(async () => {
		// As `npm start` runs it: the server reads bodies up to 64 MB, the routes set their own limits.
		process.env.BODY_SIZE_LIMIT = '64M';
		try {
			app = await startApp();
		} finally {
			delete process.env.BODY_SIZE_LIMIT;
		}
		arranged = await arrange(app);
		adminCookie = await signIn(app, arranged.admin);
	});
	afterAll(() => app?.close());

	/** The Location resolved as a browser would: it must stay on the app's origin. */
	function expectSameOrigin(location: string | undefined, label: string) {
		expect(location, label).toBeDefined();
		const resolved = new URL(location!.replace(/[\t\n\r]/g, ''), app.origin);
		expect(resolved.origin, `${label} → ${location}`).toBe(app.origin);
	}

	it('after log-in, only same-origin paths are followed; never a 5xx', async () => {
		for (const target of REDIRECTS) {
			const query = target.includes('%') ? target : encodeURIComponent(target);
			const reply = await app.request(`/login?redirectTo=${query}`, {
				address: nextAddress(),
				headers: { cookie: adminCookie }
			});
			expect(reply.status, target).toBe(303);
			expectSameOrigin(reply.headers.location, `GET ${target}`);
		}
		for (const target of ['/%09/evil.example', '/%0a/evil.example', '/.//evil.example']) {
			const { body, headers } = form(arranged.admin);
			const reply = await app.request(`/login?redirectTo=${target}`, {
				method: 'POST',
				body,
				address: nextAddress(),
				headers: { ...headers, origin: app.origin }
			});
			expect(reply.status, target).toBe(303);
			expectSameOrigin(reply.headers.location, `POST ${target}`);
		}
		// A same-site path still works.
		const reply = await app.request('/login?redirectTo=%2Fstats%3Fa%3D1', {
			address: nextAddress(),
			headers: { cookie: adminCookie }
		});
		expect(reply.headers.location).toBe('/stats?a=1');
	});

	it('any form action sent text/plain, JSON or no content type is a 4xx in the reader’s language', async () => {
		const actions = arranged.requests.filter(
			(request) => request.method === 'POST' && !request.target.startsWith('/api/')
		);
		expect(actions.length).toBeGreaterThan(8);
		for (const action of actions) {
			for (const contentType of ['text/plain', 'application/json', null]) {
				for (const cookie of [undefined, adminCookie]) {
					const headers: Record<string, string> = { origin: app.origin, 'accept-language': 'sr-Latn' };
					if (contentType) headers['content-type'] = contentType;
					if (cookie) headers.cookie = cookie;
					const reply = await app.request(action.target, {
						method: 'POST',
						body: 'username=x&password=y',
						address: nextAddress(),
						headers
					});
					const label = `${action.target} ${contentType} ${cookie ? 'admin' : 'anonymous'}`;
					expect(reply.status, label).toBeGreaterThanOrEqual(400);
					expect(reply.status, label).toBeLessThan(500);
					expect(leaksIn(reply.body), label).toEqual([]);
					if (reply.status === 415) expect(reply.body, label).toContain('obrazac');
				}
			}
		}
	});

	/** Posts an area file to the admin page as multipart, the way the page's form does. */
	async function importFile(geojson: string, fields: Record<string, string> = {}) {
		const boundary = 'areaboundary';
		const parts = Object.entries({ level: 'custom', nameField: 'name', ...fields }).map(
			([name, value]) => `--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`
		);
		parts.push(
			`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="a.geojson"\r\n` +
				`content-type: application/geo+json\r\n\r\n${geojson}\r\n--${boundary}--\r\n`
		);
		return app.request('/admin/areas?/import', {
			method: 'POST',
			body: Buffer.from(parts.join(''), 'utf8'),
			address: nextAddress(),
			headers: {
				'content-type': `multipart/form-data; boundary=${boundary}`,
				origin: app.origin,
				cookie: adminCookie,
				'accept-language': 'en'
			}
		});
	}

	const square = (lng: number, lat: number, size = 0.01) => ({
		type: 'Polygon',
		coordinates: [
			[
				[lng, lat],
				[lng + size, lat],
				[lng + size, lat + size],
				[lng, lat + size],
				[lng, lat]
			]
		]
	});
	const collection = (properties: Record<string, unknown>, geometry: unknown = square(20.4, 44.8)) =>
		JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties, geometry }] });

	it('an area file with out-of-range coordinates, a huge population or a NUL in a name is a 4xx, nothing stored', async () => {
		const before = await app.db
			.selectFrom('areas')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirst();
		const files = [
			collection({ name: 'Far away' }, square(200, 95)),
			collection({ name: 'Crowded', pop: 1e20 }),
			collection({ name: 'Null\u0000byte' }),
			collection({ name: 'Cyrillic null', name_cyrl: 'Нул\u0000' })
		];
		for (const [i, file] of files.entries()) {
			const reply = await importFile(file, {
				...(i === 1 ? { populationField: 'pop', populationSource: 'census' } : {}),
				...(i === 3 ? { nameCyrlField: 'name_cyrl' } : {})
			});
			expect(reply.status, `file ${i}`).toBeGreaterThanOrEqual(400);
			expect(reply.status, `file ${i}`).toBeLessThan(500);
			expect(leaksIn(reply.body), `file ${i}`).toEqual([]);
		}
		const after = await app.db
			.selectFrom('areas')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirst();
		expect(Number(after?.n)).toBe(Number(before?.n));
	});

	it('the area page states the file size the server takes, and takes a file of that size', async () => {
		const page = await app.request('/admin/areas', {
			address: nextAddress(),
			headers: { cookie: adminCookie, 'accept-language': 'en' }
		});
		const stated = Number(/at most (\d+(?:\.\d+)?) MB/.exec(page.body)?.[1]);
		expect(stated * 1024 * 1024).toBe(MAX_AREA_FILE_BYTES);
		// A 2 MB file (over the 1 MB other forms take) reaches the page, not a bare 413 from the server.
		const padded = JSON.stringify({
			type: 'FeatureCollection',
			padding: 'x'.repeat(2 * 1024 * 1024),
			features: [{ type: 'Feature', properties: { name: 'Padded' }, geometry: square(20.41, 44.81) }]
		});
		const reply = await importFile(padded);
		expect(reply.status).toBe(200);
		expect(reply.body).toContain('Padded');
		// Just over the stated size: the page's own message, not a bare 413 from the server.
		const over = await importFile(padded.padEnd(MAX_AREA_FILE_BYTES + 1, ' '));
		expect(over.status).toBe(400);
		expect(over.body).toContain(`at most ${stated} MB`);
	});
});
