/**
 * The public API's parameters and answers as zod schemas: the OpenAPI document
 * (`/api/openapi.json`, src/lib/server/api/openapi.ts) is generated from these with
 * `z.toJSONSchema`, and the tests check every documented answer against them. Camera fields
 * come from the field registry (#lib/cameras/fields), like the exports and the data dictionary.
 */
import { z } from 'zod';
import { translate } from '#lib/i18n/index.js';
import type { MessageKey } from '#lib/i18n/index.js';
import { dataTerms } from '#lib/i18n/messages/data.js';
import { capabilities, confidences, operatorClasses, surveillanceTypes } from '../camera-tags';
import { apiFields, cameraField, type CameraField } from '../cameras/fields';
import { geojsonProperties } from '../exports/fields';
import { MAX_NEARBY_RADIUS_M, NEARBY_RADIUS_M } from './submission';

/** Schemas that become named components of the OpenAPI document. */
export const apiRegistry = z.registry<{ id: string; description?: string }>();

const day = z.iso.date();
const longitude = z.number().min(-180).max(180);
const latitude = z.number().min(-90).max(90);
const describe = (name: string) =>
	translate('en', `field.${name}` as MessageKey, {
		...dataTerms,
		path: '/cameras/{id}',
		osm: '© OpenStreetMap contributors'
	});

/** A camera field as a zod schema of the API's answers (bounds and values from the registry). */
function fieldSchema(field: CameraField): z.ZodType {
	let schema: z.ZodType;
	switch (field.type) {
		case 'integer': {
			let int = z.int();
			if (field.min !== undefined) int = int.min(field.min);
			if (field.max !== undefined) int = int.max(field.max);
			schema = int;
			break;
		}
		case 'number': {
			let number = z.number();
			if (field.min !== undefined) number = field.exclusiveMin ? number.gt(field.min) : number.min(field.min);
			if (field.max !== undefined) number = number.max(field.max);
			schema = number;
			break;
		}
		case 'string':
			schema = field.values
				? z.enum(field.values as [string, ...string[]])
				: field.maxLength
					? z.string().max(field.maxLength)
					: z.string();
			break;
		case 'date':
			schema = day;
			break;
		case 'integer list':
			schema = z
				.array(
					z
						.int()
						.min(field.min ?? 0)
						.max(field.max ?? 359)
				)
				.max(field.maxItems ?? 8);
			break;
		case 'string list':
			schema = z.array(z.enum(field.values as [string, ...string[]]));
			break;
	}
	if (field.nullable) schema = schema.nullable();
	return schema.meta({ description: describe(field.name) });
}

function fieldShape(names: readonly string[]): Record<string, z.ZodType> {
	const shape: Record<string, z.ZodType> = {};
	for (const name of names) {
		shape[name] = fieldSchema(cameraField(name)!);
	}
	return shape;
}

export const pointGeometry = z
	.strictObject({ type: z.literal('Point'), coordinates: z.tuple([longitude, latitude]) })
	.register(apiRegistry, { id: 'Point', description: 'A position: [longitude, latitude] (WGS 84, RFC 7946).' });

const licence = z.strictObject({ name: z.string(), spdx: z.literal('ODbL-1.0'), url: z.url() });

export const publicCameraProperties = z
	.strictObject(fieldShape(apiFields))
	.register(apiRegistry, { id: 'CameraProperties', description: 'A camera’s public fields.' });

export const exportCameraProperties = z
	.strictObject(fieldShape(geojsonProperties))
	.register(apiRegistry, { id: 'ExportCameraProperties', description: 'A camera as exported (see /data/dictionary).' });

const feature = <P extends z.ZodType>(properties: P) =>
	z.strictObject({ type: z.literal('Feature'), id: z.int().min(1), geometry: pointGeometry, properties });

export const cameraCollection = z
	.strictObject({
		type: z.literal('FeatureCollection'),
		bbox: z.tuple([longitude, latitude, longitude, latitude]),
		features: z.array(feature(publicCameraProperties)),
		truncated: z.boolean().meta({ description: 'Whether more cameras are in the box than `limit`.' }),
		limit: z.int(),
		license: licence,
		attribution: z.string()
	})
	.register(apiRegistry, { id: 'CameraCollection', description: 'Active cameras in a box (with `bbox`).' });

export const leadCollection = z
	.strictObject({
		type: z.literal('FeatureCollection'),
		bbox: z.tuple([longitude, latitude, longitude, latitude]),
		features: z.array(
			feature(
				z.strictObject({
					osm_type: z.enum(['node', 'way']),
					osm_id: z.int().min(1),
					surveillance_type: z.string(),
					camera_type: z.string().nullable(),
					operator: z.string().nullable()
				})
			)
		),
		truncated: z.boolean(),
		limit: z.int(),
		license: licence,
		attribution: z.literal('© OpenStreetMap contributors')
	})
	.register(apiRegistry, {
		id: 'LeadCollection',
		description: 'Cameras found in OpenStreetMap that no moderator has checked yet (a way is its centroid).'
	});

export const cameraExport = z
	.strictObject({
		type: z.literal('FeatureCollection'),
		license: licence,
		attribution: z.string(),
		generated: day,
		documentation: z.url(),
		features: z.array(feature(exportCameraProperties))
	})
	.register(apiRegistry, {
		id: 'CameraExport',
		description: 'The whole public dataset (without `bbox`), RFC 7946 with the licence as foreign members.'
	});

const photo = z.strictObject({
	url: z.string().regex(/^\/photos\//),
	width: z.int(),
	height: z.int(),
	thumbnail: z.strictObject({ url: z.string().regex(/^\/photos\//), width: z.int(), height: z.int() })
});

export const cameraDetail = z
	.strictObject({
		type: z.literal('Feature'),
		id: z.int().min(1),
		geometry: pointGeometry,
		properties: publicCameraProperties.extend({ photos: z.array(photo) })
	})
	.register(apiRegistry, { id: 'Camera', description: 'One camera with its published photos.' });

export const nearbyCollection = z
	.strictObject({
		type: z.literal('FeatureCollection'),
		features: z.array(
			z.strictObject({
				type: z.literal('Feature'),
				id: z.int(),
				geometry: pointGeometry,
				properties: z.strictObject({
					id: z.int(),
					distance: z.number().min(0).meta({ description: 'Metres from the asked point.' }),
					surveillance_type: z.enum(surveillanceTypes),
					camera_type: z.string().nullable(),
					camera_mount: z.string().nullable(),
					camera_direction: z.array(z.int())
				})
			})
		)
	})
	.register(apiRegistry, { id: 'NearbyCameras' });

const position = z.array(z.number()).min(2).max(3);
export const areaCollection = z
	.strictObject({
		type: z.literal('FeatureCollection'),
		features: z.array(
			z.strictObject({
				type: z.literal('Feature'),
				id: z.int(),
				geometry: z.strictObject({
					type: z.literal('MultiPolygon'),
					coordinates: z.array(z.array(z.array(position)))
				}),
				properties: z.strictObject({
					id: z.int(),
					slug: z.string(),
					level: z.string(),
					name_sr_latn: z.string(),
					name_sr_cyrl: z.string(),
					name_en: z.string(),
					population: z.int().nullable(),
					area_km2: z.number()
				})
			})
		)
	})
	.register(apiRegistry, { id: 'AreaCollection' });

const counts = z.record(z.string(), z.int());
export const areaStatistics = z
	.strictObject({
		generated: day,
		areas: z.array(
			z.strictObject({
				rank: z.int().meta({ description: '1 = most active cameras among the areas of the same level.' }),
				slug: z.string(),
				level: z.string(),
				name: z.strictObject({ 'sr-Latn': z.string(), 'sr-Cyrl': z.string(), en: z.string() }),
				areaKm2: z.number(),
				population: z.int().nullable(),
				populationSource: z.string().nullable(),
				cameras: z.int(),
				removed: z.int(),
				perKm2: z.number(),
				per10k: z.number().nullable(),
				byType: counts,
				byOperator: counts,
				byConfidence: counts,
				capabilities: z.strictObject(Object.fromEntries(capabilities.map((name) => [name, z.int()]))),
				biometric: z
					.int()
					.meta({ description: 'Cameras suspected of face recognition, themselves or by their model.' }),
				coverageShare: z
					.number()
					.min(0)
					.max(1)
					.nullable()
					.meta({ description: 'Share of the area inside an assumed field of view; null until computed.' }),
				coveredKm2: z.number().nullable(),
				rankOf: z.int().meta({ description: 'How many areas of the same level are ranked.' }),
				claim: z
					.strictObject({
						cameras: z.int().min(0),
						source: z.string(),
						statedOn: day,
						url: z.string().nullable()
					})
					.nullable()
					.meta({ description: 'The number of cameras an authority says it operates here ("officially admitted").' }),
				months: z.array(
					z.strictObject({ month: z.string().regex(/^\d{4}-\d{2}$/), verified: z.int(), removed: z.int() })
				)
			})
		)
	})
	.register(apiRegistry, { id: 'AreaStatistics' });

const officialListHeader = z.strictObject({
	slug: z.string(),
	name: z.string(),
	source: z.string(),
	publishedOn: day.nullable(),
	matchRadiusM: z.number()
});

const comparisonCounts = z.strictObject({ both: z.int(), listed_only: z.int(), citizens_only: z.int() });
export const officialComparison = z
	.strictObject({
		list: officialListHeader,
		total: comparisonCounts,
		areas: z.array(
			z.strictObject({
				slug: z.string().nullable(),
				name_sr_latn: z.string().nullable(),
				name_sr_cyrl: z.string().nullable(),
				name_en: z.string().nullable(),
				counts: comparisonCounts
			})
		),
		points: z.array(
			z.strictObject({
				category: z.enum(['both', 'listed_only', 'citizens_only']),
				lat: latitude,
				lng: longitude,
				ref: z.string().nullable(),
				cameraId: z.int().nullable(),
				location: z.string().nullable()
			})
		)
	})
	.register(apiRegistry, { id: 'OfficialListComparison' });

export const officialPoints = z
	.strictObject({
		type: z.literal('FeatureCollection'),
		bbox: z.array(z.number()).length(4).optional(),
		features: z.array(
			z.strictObject({
				type: z.literal('Feature'),
				geometry: z.strictObject({ type: z.literal('Point'), coordinates: position }),
				properties: z.strictObject({
					ref: z.string().nullable(),
					location: z.string().nullable(),
					category: z.enum(['both', 'listed_only'])
				})
			})
		),
		list: officialListHeader
	})
	.register(apiRegistry, { id: 'OfficialListPoints' });

export const cameraModels = z
	.strictObject({
		generated: day,
		models: z.array(
			z.strictObject({
				id: z.int(),
				manufacturer: z.string(),
				model: z.string(),
				capabilities: z.array(z.enum(capabilities)),
				evidence: z.array(z.strictObject({ url: z.url(), title: z.string() })),
				notes: z.string().nullable(),
				cameras: z.int().meta({ description: 'Active cameras of this model on the map.' })
			})
		)
	})
	.register(apiRegistry, { id: 'CameraModels' });

export const oembedRich = z
	.strictObject({
		version: z.literal('1.0'),
		type: z.literal('rich'),
		title: z.string(),
		provider_name: z.string(),
		provider_url: z.string(),
		cache_age: z.int(),
		html: z.string(),
		width: z.int(),
		height: z.int()
	})
	.register(apiRegistry, { id: 'OEmbed' });

export const exposureAnswer = z
	.strictObject({
		lengthM: z.number(),
		coveredM: z.number(),
		share: z.number().min(0).max(1),
		cameras: z.array(z.strictObject({ id: z.int(), metres: z.number() })),
		covered: z
			.strictObject({ type: z.literal('MultiLineString'), coordinates: z.array(z.array(position)) })
			.nullable()
			.meta({ description: 'The watched parts of the route.' })
	})
	.register(apiRegistry, { id: 'Exposure' });

export const submissionReceipt = z
	.strictObject({
		id: z.uuid(),
		kind: z.string(),
		status: z.string(),
		photos: z.int(),
		statusUrl: z.url()
	})
	.register(apiRegistry, { id: 'SubmissionReceipt' });

export const tileJson = z
	.strictObject({
		tilejson: z.literal('3.0.0'),
		name: z.string(),
		description: z.string(),
		attribution: z.string(),
		scheme: z.literal('xyz'),
		tiles: z.array(z.string()).min(1),
		minzoom: z.int(),
		maxzoom: z.int(),
		bounds: z.array(z.number()).length(4),
		vector_layers: z.array(z.looseObject({ id: z.string(), fields: z.record(z.string(), z.string()) }))
	})
	.register(apiRegistry, { id: 'TileJSON' });

/** A refusal: `fields` maps a parameter or field to a message in the reader's language. */
export const validationError = z
	.strictObject({
		error: z.string().optional(),
		message: z.string(),
		fields: z.record(z.string(), z.string())
	})
	.register(apiRegistry, { id: 'ValidationError' });

/** Something that is not there (or a path error of the tiles / bbox shapes). */
export const simpleError = z
	.looseObject({
		error: z.union([z.string(), z.looseObject({ message: z.string() })]).optional(),
		message: z.string().optional()
	})
	.register(apiRegistry, { id: 'Error' });

// Parameters: documentation of the query strings the endpoints read (the map's camera filter is
// parsed by #lib/schemas/camera-filter from the same value lists).

const commaList = (values: readonly string[]) =>
	z.string().regex(new RegExp(`^(${values.join('|')})(,(${values.join('|')}))*$`));

export const cameraFilterParameters = z.object({
	type: commaList(surveillanceTypes)
		.optional()
		.meta({ description: 'surveillance:type, any of (comma-separated)', example: 'camera,ALPR' }),
	operator: commaList(operatorClasses)
		.optional()
		.meta({ description: 'Operator class, any of (comma-separated)', example: 'police' }),
	capability: commaList(capabilities)
		.optional()
		.meta({ description: 'Suspected capabilities, all of (comma-separated)', example: 'face_recognition' }),
	confidence: z
		.enum(confidences)
		.optional()
		.meta({ description: 'At least this confidence (reported < verified < confirmed)', example: 'verified' }),
	removed: z.enum(['0', '1']).optional().meta({ description: '1: include removed cameras (tombstones)', example: '1' })
});

export const bboxParameter = z
	.string()
	.regex(/^-?\d+(\.\d+)?,-?\d+(\.\d+)?,-?\d+(\.\d+)?,-?\d+(\.\d+)?$/)
	.meta({
		description: 'minLon,minLat,maxLon,maxLat (WGS 84), at most 4° on each side',
		example: '20.2,44.7,20.6,44.9'
	});

/** `GET /api/v1/cameras/nearby`: the query, parsed by the endpoint with this schema. */
export const nearbyQuery = z.strictObject({
	lat: z.coerce.number().min(-90).max(90).meta({ description: 'Latitude (WGS 84)', example: 44.8176 }),
	lng: z.coerce.number().min(-180).max(180).meta({ description: 'Longitude (WGS 84)', example: 20.4573 }),
	radius: z.coerce
		.number()
		.gt(0)
		.max(MAX_NEARBY_RADIUS_M)
		.default(NEARBY_RADIUS_M)
		.meta({ description: 'Metres', example: 25 }),
	lang: z.string().optional().meta({ description: 'Language of messages: sr-Latn, sr-Cyrl or en', example: 'en' })
});
