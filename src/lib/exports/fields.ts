/**
 * The fields of the open-data exports (GeoJSON properties, CSV columns, OSM tags), in one list:
 * the exports write them in this order, the data dictionary page describes them from here and
 * the OpenAPI document's schemas take their allowed values from the same lists
 * (#lib/camera-tags), so the three cannot drift apart.
 */
import {
	cameraMounts,
	cameraTypes,
	capabilities,
	confidences,
	operatorClasses,
	statuses,
	surveillanceKinds,
	surveillanceTypes,
	surveillanceZones,
	MAX_DIRECTIONS
} from '../camera-tags';

/** Where a record came from (mirrors the CHECK on cameras.source). */
export const sources = ['citizen', 'osm', 'official', 'demo'] as const;
export type Source = (typeof sources)[number];

export type FieldType = 'integer' | 'number' | 'string' | 'date' | 'integer list' | 'string list';

export interface ExportField {
	/** Property name in GeoJSON, column in CSV. */
	name: string;
	type: FieldType;
	/** Whether the value may be empty (null in GeoJSON, an empty cell in CSV). */
	nullable: boolean;
	/** The allowed values, for enumerations. */
	values?: readonly string[];
	/** Message key prefix of each value's label (`${labels}.${value}`), when the UI names them. */
	labels?: string;
	/** The OpenStreetMap tag it becomes in the OSM export. */
	osmTag?: string;
	/** Only in the CSV (GeoJSON carries it as the geometry). */
	csvOnly?: boolean;
	/** Bounds and units, said in the dictionary. */
	min?: number;
	max?: number;
	maxItems?: number;
	maxLength?: number;
}

export const exportFields = [
	{ name: 'id', type: 'integer', nullable: false, min: 1 },
	{ name: 'lon', type: 'number', nullable: false, min: -180, max: 180, csvOnly: true },
	{ name: 'lat', type: 'number', nullable: false, min: -90, max: 90, csvOnly: true },
	{
		name: 'surveillance',
		type: 'string',
		nullable: false,
		values: surveillanceKinds,
		labels: 'tag.surveillance',
		osmTag: 'surveillance'
	},
	{
		name: 'surveillance_type',
		type: 'string',
		nullable: false,
		values: surveillanceTypes,
		labels: 'tag.surveillance_type',
		osmTag: 'surveillance:type'
	},
	{
		name: 'camera_type',
		type: 'string',
		nullable: true,
		values: cameraTypes,
		labels: 'tag.camera_type',
		osmTag: 'camera:type'
	},
	{
		name: 'camera_mount',
		type: 'string',
		nullable: true,
		values: cameraMounts,
		labels: 'tag.camera_mount',
		osmTag: 'camera:mount'
	},
	{
		name: 'camera_direction',
		type: 'integer list',
		nullable: false,
		min: 0,
		max: 359,
		maxItems: MAX_DIRECTIONS,
		osmTag: 'camera:direction'
	},
	{
		name: 'surveillance_zone',
		type: 'string',
		nullable: true,
		values: surveillanceZones,
		labels: 'tag.surveillance_zone',
		osmTag: 'surveillance:zone'
	},
	{ name: 'height', type: 'number', nullable: true, min: 0, max: 300, osmTag: 'height' },
	{ name: 'operator', type: 'string', nullable: true, maxLength: 200, osmTag: 'operator' },
	{
		name: 'operator_class',
		type: 'string',
		nullable: false,
		values: operatorClasses,
		labels: 'tag.operator_class'
	},
	{ name: 'manufacturer', type: 'string', nullable: true, maxLength: 200, osmTag: 'manufacturer' },
	{ name: 'model', type: 'string', nullable: true, maxLength: 200, osmTag: 'model' },
	{ name: 'capabilities', type: 'string list', nullable: false, values: capabilities, labels: 'tag.capability' },
	{ name: 'status', type: 'string', nullable: false, values: statuses, labels: 'tag.status' },
	{ name: 'removed_on', type: 'date', nullable: true },
	{ name: 'confidence', type: 'string', nullable: false, values: confidences, labels: 'tag.confidence' },
	{ name: 'confirmations', type: 'integer', nullable: false, min: 0 },
	{ name: 'first_seen', type: 'date', nullable: true },
	{ name: 'last_seen', type: 'date', nullable: true },
	{ name: 'source', type: 'string', nullable: false, values: sources, labels: 'tag.source' },
	{ name: 'osm_id', type: 'integer', nullable: true, min: 1 },
	{ name: 'attribution', type: 'string', nullable: true }
] as const satisfies readonly ExportField[];

export type ExportFieldName = (typeof exportFields)[number]['name'];

/** The CSV columns, in order. */
export const csvColumns: readonly ExportFieldName[] = exportFields.map((field) => field.name);

/** The GeoJSON properties, in order (the position is the geometry). */
export const geojsonProperties: readonly ExportFieldName[] = exportFields
	.filter((field) => !('csvOnly' in field))
	.map((field) => field.name);

/** How list values are joined in a CSV cell and an OSM tag (OpenStreetMap's convention). */
export const LIST_SEPARATOR = ';';
