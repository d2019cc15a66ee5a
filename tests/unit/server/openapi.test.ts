/** The OpenAPI document is valid OpenAPI 3.1 and describes every public endpoint of the app. */
import fs from 'node:fs';
import path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../../src/lib/server/api/openapi';

type Doc = {
	openapi: string;
	paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; responses: object }>>;
	components: { schemas: Record<string, object> };
};
const doc = openApiDocument() as Doc;

/** URL patterns of the endpoints (+server.ts) under src/routes, groups dropped, params as {name}. */
function endpoints(dir = path.resolve('src/routes'), segments: string[] = []): string[] {
	const found: string[] = [];
	const entries = fs.readdirSync(dir, { withFileTypes: true });
	if (entries.some((entry) => entry.name === '+server.ts')) {
		found.push(
			'/' +
				segments
					.filter((segment) => !/^\(.*\)$/.test(segment))
					.map((segment) => segment.replace(/\[(?:\.\.\.)?(\w+)\]/g, '{$1}'))
					.join('/')
		);
	}
	for (const entry of entries) {
		if (entry.isDirectory()) found.push(...endpoints(path.join(dir, entry.name), [...segments, entry.name]));
	}
	return found;
}

describe('OpenAPI document', () => {
	it('validates against the OpenAPI 3.1 schema', async () => {
		const result = await new Validator().validate(doc as never);
		expect(result.errors ?? []).toEqual([]);
		expect(result.valid).toBe(true);
		expect(doc.openapi).toMatch(/^3\.1\./);
	});

	it('holds JSON Schemas that compile', () => {
		const ajv = new Ajv2020({ strict: false });
		for (const [id, schema] of Object.entries(doc.components.schemas)) {
			expect(() => ajv.compile({ ...schema, components: doc.components }), id).not.toThrow();
		}
	});

	it('documents every public endpoint: /api/v1, tiles, feeds, releases, itself', () => {
		const documented = Object.keys(doc.paths);
		const routes = endpoints().filter((route) => /^\/(api|tiles|feeds|data\/releases)\b/.test(route));
		const undocumented = routes.filter((route) => {
			if (route === '/tiles/{path}') return !documented.some((p) => p.startsWith('/tiles/'));
			return !documented.includes(route);
		});
		expect(undocumented).toEqual([]);
		expect(routes.length).toBeGreaterThan(15);
	});

	it('names every path parameter it uses', () => {
		for (const [pathname, methods] of Object.entries(doc.paths)) {
			const names = [...pathname.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
			for (const operation of Object.values(methods)) {
				const declared = (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
				expect(declared.sort(), pathname).toEqual([...names].sort());
			}
		}
	});
});
