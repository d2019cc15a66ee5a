/**
 * Walks the OpenAPI document against the built app: every documented operation is called with
 * its example parameters (ids and slugs of things arranged here), must answer a documented
 * status with a documented content type, and every JSON answer must validate against the
 * documented schema. Public reads must also be readable cross-origin.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multiPolygonFromGeoJSON } from '../../../src/lib/server/db/postgis';
import { createRelease } from '../../../src/lib/server/exports/releases';
import { startApp, type TestApp } from '../app';
import { BELGRADE, createUser } from '../../support/factories';
import { arrangeReports } from '../moderation/factories';
import { testBackend } from '../harness';

interface Parameter {
	name: string;
	in: 'query' | 'path' | 'header';
	example?: unknown;
}
interface Operation {
	operationId: string;
	parameters?: Parameter[];
	requestBody?: { content: Record<string, { example?: unknown }> };
	responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }>;
}
type Doc = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };

describe(`the API as documented (${testBackend()})`, () => {
	let app: TestApp;
	let doc: Doc;
	/** Values for path parameters, by `path:parameter`, where the example names nothing real. */
	const fill: Record<string, string> = {};

	beforeAll(async () => {
		app = await startApp();
		const contributor = await createUser(app.db);
		const moderator = await createUser(app.db, { role: 'moderator' });
		const things = await arrangeReports(app, contributor, moderator);
		const d = 0.05;
		const { lng, lat } = BELGRADE;
		await app.db
			.insertInto('areas')
			.values({
				slug: 'walker-area',
				level: 'municipality',
				name_sr_latn: 'Oblast',
				name_sr_cyrl: 'Област',
				name_en: 'Area',
				geom: multiPolygonFromGeoJSON({
					type: 'Polygon',
					coordinates: [
						[
							[lng - d, lat - d],
							[lng + d, lat - d],
							[lng + d, lat + d],
							[lng - d, lat + d],
							[lng - d, lat - d]
						]
					]
				}),
				area_km2: 88
			})
			.execute();
		const release = await createRelease(app.db, { dataDir: app.dataDir, origin: app.origin });
		fill['/api/v1/cameras/{id}.json:id'] = things.camera;
		fill['/api/v1/official-lists/{slug}/comparison.json:slug'] = things['official-list'];
		fill['/api/v1/official-lists/{slug}/comparison.csv:slug'] = things['official-list'];
		fill['/api/v1/official-lists/{slug}/points.geojson:slug'] = things['official-list'];
		fill['/api/oembed:url'] = `${app.origin}/`;
		fill['/feeds/areas/{slug}.atom:slug'] = 'walker-area';
		fill['/data/releases/{release}/{file}:release'] = release.name;
		const reply = await app.request('/api/openapi.json', { headers: { accept: 'application/json' } });
		expect(reply.status).toBe(200);
		doc = JSON.parse(reply.body) as Doc;
	}, 240_000);
	afterAll(async () => {
		await app?.close();
	});

	it('answers every documented operation as documented', async () => {
		const ajv = new Ajv2020({ strict: false, validateFormats: false, logger: false });
		let walked = 0;
		for (const [template, methods] of Object.entries(doc.paths)) {
			for (const [method, operation] of Object.entries(methods)) {
				const parameters = operation.parameters ?? [];
				let pathname = template;
				const query = new URLSearchParams();
				const headers: Record<string, string> = { accept: 'application/json, */*;q=0.5' };
				for (const parameter of parameters) {
					const value = fill[`${template}:${parameter.name}`] ?? parameter.example;
					if (value === undefined) continue;
					if (parameter.in === 'path') pathname = pathname.replace(`{${parameter.name}}`, String(value));
					else if (parameter.in === 'query') query.set(parameter.name, String(value));
					else headers[parameter.name.toLowerCase()] = String(value);
				}
				expect(pathname, operation.operationId).not.toMatch(/[{}]/);
				let body: string | Buffer | undefined;
				if (operation.requestBody) {
					headers.origin = app.origin;
					const [type, media] = Object.entries(operation.requestBody.content)[0];
					if (type === 'application/json') {
						body = JSON.stringify(media.example);
						headers['content-type'] = type;
					} else {
						const form = new FormData();
						for (const [name, value] of Object.entries(media.example as Record<string, string>)) form.set(name, value);
						const encoded = new Response(form);
						headers['content-type'] = encoded.headers.get('content-type')!;
						body = Buffer.from(await encoded.arrayBuffer());
					}
				}
				const target = pathname + (query.size > 0 ? `?${query.toString().replaceAll('%2C', ',')}` : '');
				const reply = await app.request(target, { method: method.toUpperCase(), headers, body });
				const label = `${method.toUpperCase()} ${target} → ${reply.status}: ${reply.body.slice(0, 300)}`;
				expect(Object.keys(operation.responses), label).toContain(String(reply.status));
				if (method === 'get') {
					expect(reply.status, label).toBeLessThan(300);
					expect(reply.headers['access-control-allow-origin'], label).toBe('*');
				} else {
					expect(reply.headers['access-control-allow-origin'], label).toBeUndefined();
				}
				const documented = operation.responses[String(reply.status)].content;
				if (documented) {
					const type = String(reply.headers['content-type']).split(';')[0].trim();
					expect(Object.keys(documented), label).toContain(type);
					const schema = documented[type].schema;
					if (/json$/.test(type) && schema.type !== 'string') {
						const validate = ajv.compile({ ...schema, components: doc.components });
						const valid = validate(JSON.parse(reply.body));
						expect(validate.errors ?? [], label).toEqual([]);
						expect(valid).toBe(true);
					}
				}
				walked++;
			}
		}
		expect(walked).toBeGreaterThanOrEqual(21);
	}, 120_000);

	it('grants preflights for public reads only, through the app', async () => {
		const preflight = (target: string, method: string) =>
			app.request(target, {
				method: 'OPTIONS',
				headers: { origin: 'https://elsewhere.example', 'access-control-request-method': method }
			});
		const granted = await preflight('/api/v1/cameras.geojson', 'GET');
		expect(granted.status).toBe(204);
		expect(granted.headers['access-control-allow-origin']).toBe('*');
		expect(granted.headers['access-control-allow-credentials']).toBeUndefined();
		for (const [target, method] of [
			['/api/v1/submissions', 'POST'],
			['/api/v1/exposure', 'POST'],
			['/login', 'POST'],
			['/data', 'GET']
		]) {
			const refused = await preflight(target, method);
			expect(refused.status, target).toBe(403);
			expect(refused.headers['access-control-allow-origin'], target).toBeUndefined();
		}
		const page = await app.request('/data', { headers: { origin: 'https://elsewhere.example' } });
		expect(page.status).toBe(200);
		expect(page.headers['access-control-allow-origin']).toBeUndefined();
	});
});
