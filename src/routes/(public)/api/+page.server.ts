import { openApiDocument } from '#lib/server/api/openapi.js';
import type { PageServerLoad } from './$types';

interface DocParameter {
	name: string;
	in: string;
	required: boolean;
	description?: string;
	example?: unknown;
	schema: unknown;
}
interface DocOperation {
	operationId: string;
	tags: string[];
	summary: string;
	description?: string;
	parameters?: DocParameter[];
	requestBody?: { content: Record<string, { schema: unknown; example?: unknown }> };
	responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>;
}

const refName = (schema: unknown) => {
	const ref = (schema as { $ref?: string } | undefined)?.$ref;
	return ref?.startsWith('#/components/schemas/') ? ref.slice('#/components/schemas/'.length) : undefined;
};

/** The API reference, read from the OpenAPI document: the page cannot say what the document does not. */
export const load: PageServerLoad = async () => {
	const doc = openApiDocument() as {
		info: { title: string; version: string; description: string };
		tags: { name: string }[];
		paths: Record<string, Record<string, DocOperation>>;
		components: { schemas: Record<string, unknown> };
	};
	const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
		Object.entries(methods).map(([method, operation]) => ({
			id: operation.operationId,
			tag: operation.tags[0],
			method: method.toUpperCase(),
			path,
			summary: operation.summary,
			description: operation.description ?? null,
			parameters: (operation.parameters ?? []).map((parameter) => ({
				name: parameter.name,
				in: parameter.in,
				required: parameter.required,
				description: parameter.description ?? '',
				example: parameter.example === undefined ? null : String(parameter.example)
			})),
			body: operation.requestBody
				? Object.entries(operation.requestBody.content).map(([type, media]) => ({
						type,
						schema: refName(media.schema) ?? null,
						example: media.example === undefined ? null : JSON.stringify(media.example)
					}))
				: [],
			responses: Object.entries(operation.responses).map(([status, response]) => ({
				status,
				description: response.description,
				types: Object.entries(response.content ?? {}).map(([type, media]) => ({
					type,
					schema: refName(media.schema) ?? null
				}))
			}))
		}))
	);
	return {
		info: doc.info,
		tags: doc.tags.map((tag) => tag.name),
		operations,
		schemas: Object.entries(doc.components.schemas).map(([name, schema]) => ({
			name,
			json: JSON.stringify(schema, null, 2)
		}))
	};
};
