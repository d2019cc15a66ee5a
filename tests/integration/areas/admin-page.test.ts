/**
 * /admin/areas against the built app: an admin uploads a GeoJSON file with the command line's
 * options and gets the per-feature report in their language; a file with one bad feature
 * imports nothing; every import is in the audit log; nobody else may import.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { form, startApp, type TestApp } from '../app';
import { createUser } from '../../support/factories';
import { testBackend } from '../harness';

const square = (lng: number, lat: number) => ({
	type: 'Polygon',
	coordinates: [
		[
			[lng, lat],
			[lng + 0.01, lat],
			[lng + 0.01, lat + 0.01],
			[lng, lat + 0.01],
			[lng, lat]
		]
	]
});
// A ring crossing itself: repaired by PostGIS (and said so).
const bowtie = {
	type: 'Polygon',
	coordinates: [
		[
			[20.5, 44.7],
			[20.52, 44.72],
			[20.52, 44.7],
			[20.5, 44.72],
			[20.5, 44.7]
		]
	]
};

function file(features: { properties: Record<string, unknown>; geometry: unknown }[]) {
	return JSON.stringify({ type: 'FeatureCollection', features: features.map((f) => ({ type: 'Feature', ...f })) });
}

/** A multipart body as a browser sends the form. */
async function multipart(fields: Record<string, string>, content?: string) {
	const data = new FormData();
	for (const [name, value] of Object.entries(fields)) data.set(name, value);
	if (content !== undefined) data.set('file', new File([content], 'areas.geojson', { type: 'application/geo+json' }));
	const request = new Request('http://localhost/', { method: 'POST', body: data });
	return {
		body: Buffer.from(await request.arrayBuffer()),
		headers: { 'content-type': request.headers.get('content-type')! }
	};
}

describe(`admin area import page (${testBackend()})`, () => {
	let app: TestApp;
	const sessions: Record<'admin' | 'moderator', string> = { admin: '', moderator: '' };
	let adminId = 0;
	const options = {
		level: 'district',
		nameField: 'name',
		populationField: 'pop',
		populationSource: 'Census 2022',
		source: 'Test boundaries'
	};

	beforeAll(async () => {
		app = await startApp();
		for (const role of ['admin', 'moderator'] as const) {
			const user = await createUser(app.db, { role });
			if (role === 'admin') adminId = user.id;
			const { body, headers } = form({ username: user.username, password: user.password });
			const reply = await app.request('/login', {
				method: 'POST',
				body,
				address: role === 'admin' ? '10.9.0.1' : '10.9.0.2',
				headers: { ...headers, origin: app.origin }
			});
			sessions[role] = reply.cookies.session!.value;
		}
	});
	afterAll(() => app?.close());

	const post = async (who: 'admin' | 'moderator', content: string | undefined, language = 'en', fields = options) => {
		const { body, headers } = await multipart(fields, content);
		return app.request('/admin/areas?/import', {
			method: 'POST',
			body,
			headers: { ...headers, origin: app.origin, cookie: `session=${sessions[who]}`, 'accept-language': language }
		});
	};
	const areaSlugs = async () =>
		(await app.db.selectFrom('areas').select('slug').orderBy('slug').execute()).map((row) => row.slug);
	const imports = () =>
		app.db
			.selectFrom('audit_log')
			.select(['actor_id', 'target_type', 'target_id', 'details'])
			.where('action', '=', 'area.import')
			.execute();

	it('imports a good file, repairing what it can, and says so in the admin’s language', async () => {
		const content = file([
			{ properties: { name: 'Savski venac', pop: 36699 }, geometry: square(20.44, 44.78) },
			{ properties: { name: 'Mašna', pop: 12 }, geometry: bowtie }
		]);
		const reply = await post('admin', content);
		expect(reply.status).toBe(200);
		expect(reply.body).toContain('2 areas imported.');
		expect(reply.body).toMatch(/Feature 2 \(Mašna\): invalid geometry repaired: Self-intersection/);
		expect(await areaSlugs()).toEqual(['masna', 'savski-venac']);
		const savski = await app.db
			.selectFrom('areas')
			.select(['level', 'population', 'population_source', 'source', 'name_sr_cyrl'])
			.where('slug', '=', 'savski-venac')
			.executeTakeFirstOrThrow();
		expect(savski).toEqual({
			level: 'district',
			population: 36699,
			population_source: 'Census 2022',
			source: 'Test boundaries',
			name_sr_cyrl: 'Савски венац'
		});
		const entries = await imports();
		expect(entries).toHaveLength(1);
		expect(entries[0]).toMatchObject({ actor_id: adminId, target_type: 'area', target_id: 'savski-venac,masna' });
		expect(entries[0].details).toMatchObject({
			file: 'areas.geojson',
			level: 'district',
			areas: ['savski-venac', 'masna']
		});

		// The list shows them with their level and population.
		const page = await app.request('/admin/areas', {
			headers: { cookie: `session=${sessions.admin}`, 'accept-language': 'en' }
		});
		expect(page.status).toBe(200);
		expect(page.body).toContain('Savski venac');
		expect(page.body).toContain('36,699');
		expect(page.body).toContain('district');
	});

	it('imports nothing from a file with an invalid feature and names it, in Serbian too', async () => {
		const content = file([
			{ properties: { name: 'Vračar', pop: 55000 }, geometry: square(20.47, 44.79) },
			{ properties: { name: 'Tačka' }, geometry: { type: 'Point', coordinates: [20.4, 44.8] } },
			{ properties: { name: 'Zemun', pop: 'many' }, geometry: square(20.38, 44.84) }
		]);
		const english = await post('admin', content);
		expect(english.status).toBe(422);
		expect(english.body).toContain('Nothing was imported.');
		expect(english.body).toContain('Feature 2 (Tačka): the geometry is not a Polygon or MultiPolygon');
		expect(english.body).toContain('Feature 3 (Zemun): the property “pop” must be a whole number of residents');
		const serbian = await post('admin', content, 'sr-Latn');
		expect(serbian.status).toBe(422);
		expect(serbian.body).toContain('Ništa nije uvezeno.');
		expect(serbian.body).toContain('Objekat 2 (Tačka): geometrija nije Polygon ni MultiPolygon');
		expect(await areaSlugs()).toEqual(['masna', 'savski-venac']);
		expect(await imports()).toHaveLength(1);
	});

	it('refuses a missing file, bad options and a file that is not JSON with field messages', async () => {
		const missing = await post('admin', undefined);
		expect(missing.status).toBe(400);
		expect(missing.body).toContain('Choose a GeoJSON file.');
		// Text where the file belongs is no file either.
		const text = await multipart({ ...options, file: 'not a file' });
		const asText = await app.request('/admin/areas?/import', {
			method: 'POST',
			body: text.body,
			headers: { ...text.headers, origin: app.origin, cookie: `session=${sessions.admin}`, 'accept-language': 'en' }
		});
		expect(asText.status).toBe(400);
		expect(asText.body).toContain('Choose a GeoJSON file.');
		const noSource = await post('admin', file([{ properties: { name: 'A' }, geometry: square(20, 44) }]), 'en', {
			...options,
			populationSource: '',
			level: 'planet'
		});
		expect(noSource.status).toBe(400);
		expect(noSource.body).toContain('Say where the population figures come from.');
		expect(noSource.body).toContain('Choose a level.');
		const notJson = await post('admin', '{"type": "FeatureCollection", ');
		expect(notJson.status).toBe(400);
		expect(notJson.body).toContain('The file is not valid JSON.');
		expect(await areaSlugs()).toEqual(['masna', 'savski-venac']);
	});

	it('lets only admins import', async () => {
		const content = file([{ properties: { name: 'Palilula', pop: 1 }, geometry: square(20.5, 44.8) }]);
		expect((await post('moderator', content)).status).toBe(403);
		const { body, headers } = await multipart(options, content);
		const anonymous = await app.request('/admin/areas?/import', {
			method: 'POST',
			body,
			headers: { ...headers, origin: app.origin }
		});
		expect([303, 401, 403]).toContain(anonymous.status);
		expect(await areaSlugs()).toEqual(['masna', 'savski-venac']);
		expect(await imports()).toHaveLength(1);
	});
});
