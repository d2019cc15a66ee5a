/**
 * The OpenAPI 3.1 document of the public API (`GET /api/openapi.json`, rendered at `/api`):
 * every public read under /api/v1, the report and exposure endpoints, vector tiles, the exports,
 * the releases and the feeds. Request and answer schemas are generated from the zod schemas in
 * #lib/schemas/api (which the endpoints use and the tests check answers against), so the
 * document cannot describe something the code does not do.
 */
import { z } from 'zod';
import {
	apiRegistry,
	areaCollection,
	leadCollection,
	areaStatistics,
	bboxParameter,
	cameraCollection,
	cameraDetail,
	cameraExport,
	cameraModels,
	cameraFilterParameters,
	exposureAnswer,
	nearbyCollection,
	nearbyQuery,
	officialComparison,
	officialPoints,
	oembedRich,
	simpleError,
	submissionReceipt,
	tileJson,
	validationError
} from '../../schemas/api';
import { exposureRequest } from '../../schemas/exposure';
import { layerNames } from '../tiles/layers';
import { releaseFiles } from '../exports/releases';
import { LICENCE } from '../../exports/licence';

type Json = Record<string, unknown>;
type Content = z.ZodType | { type: 'string'; format?: 'binary' };

interface Parameter {
	name: string;
	in: 'query' | 'path' | 'header';
	required: boolean;
	description?: string;
	schema: Json;
	example?: unknown;
}

interface ResponseSpec {
	description: string;
	content?: Record<string, Content>;
	headers?: Record<string, { description: string; schema: Json }>;
}

interface OperationSpec {
	method: 'get' | 'post';
	path: string;
	tag: string;
	summary: string;
	description?: string;
	parameters?: Parameter[];
	requestBody?: { content: Record<string, Content>; example?: unknown };
	responses: Record<string, ResponseSpec>;
}

function stripped(schema: Json): Json {
	// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the document has its own dialect
	const { $schema, $id, ...rest } = schema;
	return rest;
}

function schemaOf(content: Content): Json {
	if (!(content instanceof z.ZodType)) return content;
	const entry = apiRegistry.get(content);
	if (entry) return { $ref: `#/components/schemas/${entry.id}` };
	const schema = z.toJSONSchema(content, {
		target: 'draft-2020-12',
		unrepresentable: 'any',
		metadata: apiRegistry
	}) as Json;
	// Named schemas nested in an unnamed one land in its $defs: point them at the components.
	const { $defs, ...rest } = stripped(schema);
	const known = Object.keys(($defs ?? {}) as Json);
	const unknown = known.filter((id) => !apiRegistry._idmap.has(id));
	if (unknown.length > 0) throw new Error(`unnamed shared schemas: ${unknown.join(', ')}`);
	return JSON.parse(JSON.stringify(rest).replaceAll('"#/$defs/', '"#/components/schemas/')) as Json;
}

/** Query parameters from an object schema: names, requiredness, descriptions and examples. */
function queryParameters(object: z.ZodObject): Parameter[] {
	return Object.entries(object.shape).map(([name, field]) => {
		const schema = stripped(
			z.toJSONSchema(field as z.ZodType, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Json
		);
		const { description, example, ...rest } = schema as { description?: string; example?: unknown } & Json;
		return {
			name,
			in: 'query' as const,
			required: !(field as z.ZodType).safeParse(undefined).success,
			...(description ? { description } : {}),
			schema: rest,
			...(example !== undefined ? { example } : {})
		};
	});
}

function pathParameter(name: string, description: string, schema: Json, example: unknown): Parameter {
	return { name, in: 'path', required: true, description, schema, example };
}

const licenceLink = {
	Link: {
		description: 'The licence (`rel="license"`, ODbL 1.0) and the data dictionary (`rel="describedby"`).',
		schema: { type: 'string' }
	}
};
const text = { type: 'string' as const };
const binary = { type: 'string' as const, format: 'binary' as const };
const badRequest = (what: string): ResponseSpec => ({
	description: what,
	content: { 'application/json': validationError }
});
const notFound: ResponseSpec = { description: 'Not found.', content: { 'application/json': simpleError } };

export const operations: OperationSpec[] = [
	{
		method: 'get',
		path: '/api/v1/cameras.geojson',
		tag: 'Exports',
		summary: 'Cameras as GeoJSON',
		description:
			'With `bbox`: active cameras in the box (at most 4° × 4°, at most 5,000; `truncated` says when more exist; the filters are ignored). Without `bbox`: the whole public dataset, streamed, filtered like the map. RFC 7946; the licence and attribution are foreign members.',
		parameters: [
			{ ...queryParameters(z.object({ bbox: bboxParameter.optional() }))[0], example: undefined },
			...queryParameters(cameraFilterParameters)
		],
		responses: {
			'200': {
				description: 'A FeatureCollection.',
				content: { 'application/geo+json': z.union([cameraCollection, cameraExport]) },
				headers: licenceLink
			},
			'400': {
				description: 'A bad `bbox` (`{ error: { field, message } }`) or a bad filter (`fields`).',
				content: { 'application/json': z.union([validationError, simpleError]) }
			}
		}
	},
	{
		method: 'get',
		path: '/api/v1/cameras.csv',
		tag: 'Exports',
		summary: 'Cameras as CSV',
		description:
			"The public dataset, one row per camera, columns as in the data dictionary (`/data/dictionary`), lists joined with `;`. Cells a spreadsheet would run as a formula are prefixed with `'`.",
		parameters: [
			...queryParameters(z.object({ bbox: bboxParameter.optional() })),
			...queryParameters(cameraFilterParameters)
		],
		responses: {
			'200': { description: 'CSV with a header row.', content: { 'text/csv': text }, headers: licenceLink },
			'400': badRequest('A bad filter or bbox.')
		}
	},
	{
		method: 'get',
		path: '/api/v1/cameras.osm',
		tag: 'Exports',
		summary: 'Cameras as OpenStreetMap XML',
		description:
			'Active cameras that did not come from OpenStreetMap, as new nodes (negative ids) tagged `man_made=surveillance` with the OSM camera tags and `ref:nadzor`, for mappers to review in an OSM editor. Not meant for blind upload.',
		parameters: [
			...queryParameters(z.object({ bbox: bboxParameter.optional() })),
			...queryParameters(cameraFilterParameters)
		],
		responses: {
			'200': {
				description: 'OSM XML 0.6.',
				content: { 'application/vnd.openstreetmap.data+xml': text },
				headers: licenceLink
			},
			'400': badRequest('A bad filter or bbox.')
		}
	},
	{
		method: 'get',
		path: '/api/v1/cameras/{id}.json',
		tag: 'Cameras',
		summary: 'One camera',
		description: 'A verified camera (active or removed) with its published photos.',
		parameters: [pathParameter('id', 'The camera id.', { type: 'integer', minimum: 1 }, 1)],
		responses: { '200': { description: 'A Feature.', content: { 'application/json': cameraDetail } }, '404': notFound }
	},
	{
		method: 'get',
		path: '/api/v1/cameras/nearby',
		tag: 'Cameras',
		summary: 'Known cameras around a point',
		description: 'Active cameras within `radius` metres, nearest first, at most 50.',
		parameters: queryParameters(nearbyQuery),
		responses: {
			'200': { description: 'A FeatureCollection.', content: { 'application/json': nearbyCollection } },
			'400': badRequest('A bad query.')
		}
	},
	{
		method: 'get',
		path: '/api/v1/leads.geojson',
		tag: 'Exports',
		summary: 'Leads from OpenStreetMap in a box',
		description:
			'Open leads: `man_made=surveillance` objects imported from OpenStreetMap (`npm run osm:import`) that no moderator has confirmed, rejected or merged yet. Not verified cameras. At most 4° × 4° and 5,000 leads.',
		parameters: queryParameters(z.object({ bbox: bboxParameter })),
		responses: {
			'200': { description: 'A FeatureCollection.', content: { 'application/geo+json': leadCollection } },
			'400': { description: 'A bad `bbox`.', content: { 'application/json': simpleError } }
		}
	},
	{
		method: 'get',
		path: '/api/v1/areas.geojson',
		tag: 'Areas and statistics',
		summary: 'Area outlines',
		responses: { '200': { description: 'A FeatureCollection.', content: { 'application/geo+json': areaCollection } } }
	},
	{
		method: 'get',
		path: '/api/v1/stats/areas.json',
		tag: 'Areas and statistics',
		summary: 'Numbers per area',
		responses: {
			'200': { description: 'Every area, most cameras first.', content: { 'application/json': areaStatistics } }
		}
	},
	{
		method: 'get',
		path: '/api/v1/stats/areas.csv',
		tag: 'Areas and statistics',
		summary: 'Numbers per area as CSV',
		responses: { '200': { description: 'One row per area.', content: { 'text/csv': text } } }
	},
	{
		method: 'get',
		path: '/api/v1/official-lists/{slug}/comparison.json',
		tag: 'Official lists',
		summary: 'An official list against the map',
		parameters: [pathParameter('slug', 'The list.', { type: 'string', pattern: '^[a-z0-9-]{1,100}$' }, 'zagreb')],
		responses: {
			'200': { description: 'Totals, per area, every point.', content: { 'application/json': officialComparison } },
			'404': notFound
		}
	},
	{
		method: 'get',
		path: '/api/v1/official-lists/{slug}/comparison.csv',
		tag: 'Official lists',
		summary: 'An official list against the map, as CSV',
		parameters: [pathParameter('slug', 'The list.', { type: 'string', pattern: '^[a-z0-9-]{1,100}$' }, 'zagreb')],
		responses: { '200': { description: 'One row per point.', content: { 'text/csv': text } }, '404': notFound }
	},
	{
		method: 'get',
		path: '/api/v1/official-lists/{slug}/points.geojson',
		tag: 'Official lists',
		summary: "An official list's points, found on the map or not",
		parameters: [pathParameter('slug', 'The list.', { type: 'string', pattern: '^[a-z0-9-]{1,100}$' }, 'zagreb')],
		responses: {
			'200': {
				description: 'A FeatureCollection of the listed points.',
				content: { 'application/geo+json': officialPoints }
			},
			'404': notFound
		}
	},
	{
		method: 'get',
		path: '/api/v1/camera-models.json',
		tag: 'Cameras',
		summary: 'The catalogue of camera models',
		description: 'Models with their documented capabilities and links to the evidence.',
		responses: { '200': { description: 'Every model.', content: { 'application/json': cameraModels } } }
	},
	{
		method: 'get',
		path: '/api/oembed',
		tag: 'Embedding',
		summary: 'oEmbed for links to this site',
		description:
			'oEmbed 1.0: a `rich` answer with the `<iframe>` snippet for a link to the map, a camera, an embed or the statistics of this site.',
		parameters: [
			{
				name: 'url',
				in: 'query',
				required: true,
				description: 'A link to a page of this site.',
				schema: { type: 'string' },
				example: '/'
			},
			{
				name: 'format',
				in: 'query',
				required: false,
				description: 'Only `json`.',
				schema: { type: 'string', enum: ['json', 'xml'] },
				example: 'json'
			},
			{ name: 'maxwidth', in: 'query', required: false, schema: { type: 'integer', minimum: 1 } },
			{ name: 'maxheight', in: 'query', required: false, schema: { type: 'integer', minimum: 1 } }
		],
		responses: {
			'200': { description: 'The embed.', content: { 'application/json': oembedRich } },
			'400': { description: 'A bad parameter.', content: { 'application/json': simpleError } },
			'404': {
				description: 'Not a link to this site, or nothing there to embed.',
				content: { 'application/json': simpleError }
			},
			'501': { description: 'A format other than JSON.', content: { 'application/json': simpleError } }
		}
	},
	{
		method: 'post',
		path: '/api/v1/exposure',
		tag: 'Cameras',
		summary: 'How much of a walking route is watched',
		requestBody: {
			content: { 'application/json': exposureRequest },
			example: {
				route: [
					[20.457, 44.817],
					[20.46, 44.818]
				]
			}
		},
		responses: {
			'200': {
				description: 'Length, watched length and share, cameras.',
				content: { 'application/json': exposureAnswer }
			},
			'400': badRequest('Not a route.')
		}
	},
	{
		method: 'post',
		path: '/api/v1/submissions',
		tag: 'Reports',
		summary: 'Send a report',
		description:
			'Multipart: `payload` (the report as JSON) and up to 5 `photos`. Needs `Idempotency-Key` and this site’s `Origin`; see docs/api.md. Stored as a pending submission; nothing is public before moderation.',
		parameters: [
			{
				name: 'Idempotency-Key',
				in: 'header',
				required: true,
				description: '16–128 characters from A–Z a–z 0–9 - _, the same for every retry of one report.',
				schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{16,128}$' },
				example: '5f0c2a9e-7d1b-4c3e-9a8f-2b6d1e0c4a7f'
			}
		],
		requestBody: {
			content: {
				'multipart/form-data': z.object({
					payload: z.string().meta({ description: 'The report as JSON (see docs/api.md).' }),
					photos: z.array(z.string()).optional().meta({ description: 'JPEG, PNG or WebP files.' })
				})
			},
			example: { payload: '{"kind":"new_camera","lat":44.81762,"lng":20.45731,"camera_type":"dome"}' }
		},
		responses: {
			'201': { description: 'Stored.', content: { 'application/json': submissionReceipt } },
			'200': {
				description: 'The same report again: the first answer.',
				content: { 'application/json': submissionReceipt }
			},
			'400': badRequest('No or a bad Idempotency-Key, or a body that is not a report.'),
			'403': { description: 'Not from this site (cross-site request forgery protection).' },
			'413': badRequest('Too large.'),
			'415': badRequest('Not multipart, or a photo that is not an image.'),
			'422': badRequest('A field is invalid (a new camera needs a photo).'),
			'429': badRequest('Too many reports; see Retry-After.')
		}
	},
	{
		method: 'get',
		path: '/tiles/{layer}.json',
		tag: 'Tiles',
		summary: 'TileJSON of a layer',
		description:
			'Takes the camera filter of the exports. The tile URL carries the data version (`v`) for long caching.',
		parameters: [
			pathParameter('layer', 'The layer.', { type: 'string', enum: [...layerNames] }, 'cameras'),
			...queryParameters(cameraFilterParameters)
		],
		responses: {
			'200': { description: 'TileJSON 3.0.0.', content: { 'application/json': tileJson } },
			'400': { description: 'A bad filter.', content: { 'application/json': simpleError } },
			'404': notFound
		}
	},
	{
		method: 'get',
		path: '/tiles/{layer}/{z}/{x}/{y}.mvt',
		tag: 'Tiles',
		summary: 'A vector tile',
		parameters: [
			pathParameter('layer', 'The layer.', { type: 'string', enum: [...layerNames] }, 'cameras'),
			pathParameter('z', 'Zoom.', { type: 'integer', minimum: 0 }, 14),
			pathParameter('x', 'Column.', { type: 'integer', minimum: 0 }, 9123),
			pathParameter('y', 'Row.', { type: 'integer', minimum: 0 }, 5905),
			...queryParameters(cameraFilterParameters),
			{
				name: 'v',
				in: 'query',
				required: false,
				description: 'The data version from TileJSON (long caching).',
				schema: { type: 'string', pattern: '^\\d{1,15}$' }
			}
		],
		responses: {
			'200': { description: 'Mapbox Vector Tile 2.1.', content: { 'application/vnd.mapbox-vector-tile': binary } },
			'204': { description: 'An empty tile.' },
			'304': { description: 'Not modified (ETag).' },
			'400': { description: 'A bad filter or version.', content: { 'application/json': simpleError } },
			'404': notFound
		}
	},
	{
		method: 'get',
		path: '/feeds/cameras.atom',
		tag: 'Feeds',
		summary: 'New and removed cameras (Atom)',
		description: 'The latest 50 cameras verified by a moderator or reported removed; dates to the day.',
		parameters: [
			{
				name: 'lang',
				in: 'query',
				required: false,
				description: 'Language of the titles.',
				schema: { type: 'string', enum: ['sr-Latn', 'sr-Cyrl', 'en'] },
				example: 'en'
			}
		],
		responses: { '200': { description: 'An Atom feed (RFC 4287).', content: { 'application/atom+xml': text } } }
	},
	{
		method: 'get',
		path: '/feeds/areas/{slug}.atom',
		tag: 'Feeds',
		summary: 'New and removed cameras in an area (Atom)',
		parameters: [pathParameter('slug', 'The area (see areas.geojson).', { type: 'string' }, 'beograd')],
		responses: {
			'200': { description: 'An Atom feed (RFC 4287).', content: { 'application/atom+xml': text } },
			'404': { description: 'No such area.' }
		}
	},
	{
		method: 'get',
		path: '/data/releases/{release}/{file}',
		tag: 'Releases',
		summary: 'A file of a dated release',
		description: 'Releases never change: cached for a year, ETag = SHA-256. The list is on /data.',
		parameters: [
			pathParameter(
				'release',
				'YYYY-MM-DD, or YYYY-MM-DD-n for a later release the same day.',
				{ type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}(-[1-9]\\d*)?$' },
				'2026-01-01'
			),
			pathParameter('file', 'The file.', { type: 'string', enum: Object.keys(releaseFiles) }, 'SHA256SUMS')
		],
		responses: {
			'200': {
				description: 'The file.',
				content: Object.fromEntries(
					[...new Set(Object.values(releaseFiles).map((type) => type.split(';')[0]))].map((type) => [
						type,
						type === 'application/json' ? { type: 'string' as const } : text
					])
				),
				headers: licenceLink
			},
			'404': { description: 'No such release or file.' }
		}
	},
	{
		method: 'get',
		path: '/api/openapi.json',
		tag: 'Documentation',
		summary: 'This document',
		responses: { '200': { description: 'OpenAPI 3.1.', content: { 'application/json': { type: 'string' } } } }
	}
];

function content(entries: Record<string, Content>, example?: unknown) {
	return Object.fromEntries(
		Object.entries(entries).map(([type, schema]) => [
			type,
			{ schema: schemaOf(schema), ...(example !== undefined ? { example } : {}) }
		])
	);
}

let cached: Json | undefined;

/** The document; server URLs are relative, so it is the same behind any host name. */
export function openApiDocument(): Json {
	if (cached) return cached;
	const components = z.toJSONSchema(apiRegistry, {
		target: 'draft-2020-12',
		unrepresentable: 'any',
		uri: (id) => `#/components/schemas/${id}`
	}) as { schemas: Record<string, Json> };
	const paths: Record<string, Record<string, Json>> = {};
	for (const operation of operations) {
		const responses = Object.fromEntries(
			Object.entries(operation.responses).map(([status, response]) => [
				status,
				{
					description: response.description,
					...(response.headers ? { headers: response.headers } : {}),
					...(response.content ? { content: content(response.content) } : {})
				}
			])
		);
		paths[operation.path] ??= {};
		paths[operation.path][operation.method] = {
			operationId: `${operation.method}${operation.path.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string = '') => c.toUpperCase())}`,
			tags: [operation.tag],
			summary: operation.summary,
			...(operation.description ? { description: operation.description } : {}),
			...(operation.parameters ? { parameters: operation.parameters } : {}),
			...(operation.requestBody
				? {
						requestBody: {
							required: true,
							content: content(operation.requestBody.content, operation.requestBody.example)
						}
					}
				: {}),
			responses
		};
	}
	cached = {
		openapi: '3.1.1',
		info: {
			title: 'Nadzor API',
			version: '1',
			summary: 'A citizen map of surveillance cameras: public read API, tiles, exports and feeds.',
			description:
				'Every read may be used from any website (CORS `*`, no credentials). Messages meant for people follow `?lang=sr-Latn|sr-Cyrl|en`, the `lang` cookie or Accept-Language. Dates are days, never times; nothing says who reported or confirmed a camera.',
			license: { name: `Data: ${LICENCE.name}`, url: LICENCE.url }
		},
		servers: [{ url: '/' }],
		tags: [...new Set(operations.map((operation) => operation.tag))].map((name) => ({ name })),
		paths,
		components: {
			schemas: Object.fromEntries(Object.entries(components.schemas).map(([id, schema]) => [id, stripped(schema)]))
		}
	};
	return cached;
}
