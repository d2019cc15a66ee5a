/**
 * A camera's fields, each declared once: its column, its kind of value and bounds, who may set
 * it, its OpenStreetMap tag, whether and how the exports, the API, the tiles and the data
 * dictionary carry it, and its description in the dictionary's languages. Everything else
 * derives from this list: the column lists of the cameras repository and of the revisions, the
 * zod shapes of a report and of the API's answers, the export columns and OSM tags, the
 * dictionary page and the `cameras` tile layer's properties. Adding an attribute is one entry
 * here and a migration adding its column (tests/unit/cameras/fields.test.ts checks every derived
 * list against this one).
 *
 * Client-safe: the report page imports it, so nothing here may import server code. The allowed
 * values themselves are OpenStreetMap's and live in #lib/camera-tags (the map's filters and
 * legend read them there too).
 */
import {
	cameraMounts,
	cameraTypes,
	capabilities,
	confidences,
	MAX_DIRECTIONS,
	operatorClasses,
	sources,
	statuses,
	surveillanceKinds,
	surveillanceTypes,
	surveillanceZones
} from '../camera-tags';

/** The kind of value, as the dictionary names it (`dictionary.type.*`). */
export type FieldType = 'integer' | 'number' | 'string' | 'date' | 'integer list' | 'string list';

/** A field's text in the dictionary's languages (Cyrillic is transliterated from `sr-Latn`). */
export interface Description {
	en: string;
	'sr-Latn': string;
}

/**
 * A property of the `cameras` tile layer. The value follows from the field's type: the value
 * itself, a date as `YYYY-MM-DD`, a list of numbers joined by commas, or with `has` whether a
 * list holds that value.
 */
export interface TileProperty {
	property: string;
	/**
	 * Position among the layer's properties. MVT numbers keys in the order features first use
	 * them, so this keeps tiles byte-identical to those made before the registry existed.
	 */
	order: number;
	has?: string;
	/** TileJSON `fields` entry: type and meaning. */
	description: string;
}

export interface CameraField {
	/** Column of `cameras`, field of a report, export column, API property. */
	name: string;
	type: FieldType;
	/**
	 * Whether `cameras` has a column of this name. Without one the value is computed when read:
	 * the position from `geom`, the OpenStreetMap id and the credit from the provenance.
	 */
	column: boolean;
	/** Whether the value may be empty (null in the record and the API, an empty CSV cell). */
	nullable: boolean;
	/** The allowed values (enumerations, and the items of a string list). */
	values?: readonly string[];
	/** Message key prefix of each value's label (`${labels}.${value}`), when the UI names them. */
	labels?: string;
	/** Bounds; `exclusiveMin`: the value must be greater than `min`. */
	min?: number;
	exclusiveMin?: boolean;
	max?: number;
	maxItems?: number;
	maxLength?: number;
	/** The column's default (migrations): a record or a replacing decision without the field gets it. */
	default?: string | readonly [];
	/** Message key of a report's error for a value out of bounds (else "invalid value"). */
	outOfRange?: string;
	/** Text that may hold line breaks. */
	multiLine?: boolean;
	/** The OpenStreetMap tag it is read from and written to. */
	osmTag?: string;
	/** In the open-data exports: every format, or only the CSV (GeoJSON carries it as geometry). */
	export?: 'all' | 'csv';
	/** In the map API's camera properties (`CameraProperties`). */
	api?: true;
	/**
	 * Part of the camera's history: a revision snapshots it and a moderator's revert restores it
	 * (every field a moderator's decision may change).
	 */
	revision?: true;
	/**
	 * Reporters send it in a report and moderators may correct it when they decide one; the
	 * payload's name when it differs from the column.
	 */
	report?: true | string;
	/** Properties of the `cameras` tile layer. */
	tile?: readonly TileProperty[];
	/** The data dictionary's meaning; `{path}`, `{osm}` and the dictionary's terms are filled in. */
	description: Description;
}

export const cameraFields = [
	{
		name: 'id',
		type: 'integer',
		column: true,
		nullable: false,
		min: 1,
		export: 'all',
		api: true,
		tile: [
			{
				property: 'id',
				order: 0,
				description: 'Number: camera id (also the feature id); the camera page is /cameras/{id}'
			}
		],
		description: {
			en: 'The camera’s number; its page is at {path}.',
			'sr-Latn': 'Broj kamere; njena stranica je na {path}.'
		}
	},
	{
		name: 'lon',
		type: 'number',
		column: false,
		nullable: false,
		min: -180,
		max: 180,
		export: 'csv',
		description: {
			en: 'Longitude in degrees ({wgs}), six decimals.',
			'sr-Latn': 'Geografska dužina u stepenima ({wgs}), šest decimala.'
		}
	},
	{
		name: 'lat',
		type: 'number',
		column: false,
		nullable: false,
		min: -90,
		max: 90,
		export: 'csv',
		description: {
			en: 'Latitude in degrees ({wgs}), six decimals.',
			'sr-Latn': 'Geografska širina u stepenima ({wgs}), šest decimala.'
		}
	},
	{
		name: 'surveillance',
		type: 'string',
		column: true,
		nullable: false,
		default: 'public',
		values: surveillanceKinds,
		labels: 'tag.surveillance',
		osmTag: 'surveillance',
		export: 'all',
		api: true,
		revision: true,
		report: true,
		description: { en: 'What kind of place it watches.', 'sr-Latn': 'Kakav prostor nadzire.' }
	},
	{
		name: 'surveillance_type',
		type: 'string',
		column: true,
		nullable: false,
		default: 'camera',
		values: surveillanceTypes,
		labels: 'tag.surveillance_type',
		osmTag: 'surveillance:type',
		export: 'all',
		api: true,
		revision: true,
		report: true,
		tile: [
			{
				property: 'surveillance_type',
				order: 1,
				description: 'String: surveillance:type (camera, ALPR, guard, gunshot_detector)'
			}
		],
		description: { en: 'What kind of device it is.', 'sr-Latn': 'Kakav je to uređaj.' }
	},
	{
		name: 'camera_type',
		type: 'string',
		column: true,
		nullable: true,
		values: cameraTypes,
		labels: 'tag.camera_type',
		osmTag: 'camera:type',
		export: 'all',
		api: true,
		revision: true,
		report: true,
		tile: [
			{
				property: 'camera_type',
				order: 2,
				description: 'String: camera:type (fixed, panning, dome); absent when unknown'
			}
		],
		description: { en: 'How the camera is built.', 'sr-Latn': 'Kako je kamera izvedena.' }
	},
	{
		name: 'camera_mount',
		type: 'string',
		column: true,
		nullable: true,
		values: cameraMounts,
		labels: 'tag.camera_mount',
		osmTag: 'camera:mount',
		export: 'all',
		api: true,
		revision: true,
		report: true,
		tile: [{ property: 'mount', order: 3, description: 'String: camera:mount; absent when unknown' }],
		description: { en: 'What it is mounted on.', 'sr-Latn': 'Na čemu je postavljena.' }
	},
	{
		name: 'camera_direction',
		type: 'integer list',
		column: true,
		nullable: false,
		default: [],
		min: 0,
		max: 359,
		maxItems: MAX_DIRECTIONS,
		outOfRange: 'report.error.direction',
		osmTag: 'camera:direction',
		export: 'all',
		api: true,
		revision: true,
		report: true,
		tile: [
			{
				property: 'directions',
				order: 10,
				description: 'String: camera:direction, degrees separated by commas; empty when unknown'
			}
		],
		description: {
			en: 'Directions it looks towards, degrees clockwise from north.',
			'sr-Latn': 'Pravci u kojima gleda, u stepenima u smeru kazaljke na satu od severa.'
		}
	},
	{
		name: 'surveillance_zone',
		type: 'string',
		column: true,
		nullable: true,
		values: surveillanceZones,
		labels: 'tag.surveillance_zone',
		osmTag: 'surveillance:zone',
		export: 'all',
		api: true,
		revision: true,
		report: true,
		tile: [{ property: 'zone', order: 4, description: 'String: surveillance:zone; absent when unknown' }],
		description: { en: 'What it is meant to watch.', 'sr-Latn': 'Šta treba da nadzire.' }
	},
	{
		name: 'height',
		type: 'number',
		column: true,
		nullable: true,
		min: 0,
		exclusiveMin: true,
		max: 300,
		outOfRange: 'report.error.height',
		osmTag: 'height',
		export: 'all',
		api: true,
		revision: true,
		report: true,
		description: { en: 'Height above the ground in metres.', 'sr-Latn': 'Visina iznad tla u metrima.' }
	},
	{
		name: 'operator',
		type: 'string',
		column: true,
		nullable: true,
		maxLength: 200,
		osmTag: 'operator',
		export: 'all',
		api: true,
		revision: true,
		report: true,
		description: {
			en: 'Who runs it, as written by the reporter or the moderator.',
			'sr-Latn': 'Ko njome upravlja, kako je napisao prijavilac ili moderator.'
		}
	},
	{
		name: 'operator_class',
		type: 'string',
		column: true,
		nullable: false,
		default: 'unknown',
		values: operatorClasses,
		labels: 'tag.operator_class',
		export: 'all',
		api: true,
		revision: true,
		report: true,
		tile: [
			{
				property: 'operator_class',
				order: 5,
				description: 'String: police, government, transport, private or unknown'
			}
		],
		description: { en: 'Who runs it, by kind.', 'sr-Latn': 'Ko njome upravlja, po vrsti.' }
	},
	{
		name: 'manufacturer',
		type: 'string',
		column: true,
		nullable: true,
		maxLength: 200,
		osmTag: 'manufacturer',
		export: 'all',
		api: true,
		revision: true,
		report: true,
		description: { en: 'Manufacturer, where known.', 'sr-Latn': 'Proizvođač, ako je poznat.' }
	},
	{
		name: 'model',
		type: 'string',
		column: true,
		nullable: true,
		maxLength: 200,
		osmTag: 'model',
		export: 'all',
		api: true,
		revision: true,
		report: true,
		description: { en: 'Model, where known.', 'sr-Latn': 'Model, ako je poznat.' }
	},
	{
		name: 'model_id',
		type: 'integer',
		column: true,
		nullable: true,
		min: 1,
		revision: true,
		description: {
			en: 'The model in the catalogue of camera models, where a moderator matched it.',
			'sr-Latn': 'Model u katalogu modela kamera, ako ga je moderator prepoznao.'
		}
	},
	{
		name: 'capabilities',
		type: 'string list',
		column: true,
		nullable: false,
		default: [],
		values: capabilities,
		labels: 'tag.capability',
		export: 'all',
		api: true,
		revision: true,
		report: true,
		tile: [
			{
				property: 'face_recognition',
				order: 6,
				has: 'face_recognition',
				description: 'Boolean: suspected face recognition'
			},
			{
				property: 'plate_reading',
				order: 7,
				has: 'plate_reading',
				description: 'Boolean: suspected licence plate reading'
			}
		],
		description: {
			en: 'Capabilities suspected from evidence (see the camera’s page).',
			'sr-Latn': 'Mogućnosti na koje ukazuju dokazi (vidi stranicu kamere).'
		}
	},
	{
		name: 'capability_evidence',
		type: 'string',
		column: true,
		nullable: true,
		maxLength: 2000,
		multiLine: true,
		revision: true,
		report: 'capability_note',
		description: {
			en: 'What makes the reporter or the moderator suspect the capabilities.',
			'sr-Latn': 'Šta navodi prijavioca ili moderatora da sumnja na mogućnosti.'
		}
	},
	{
		name: 'status',
		type: 'string',
		column: true,
		nullable: false,
		values: statuses,
		labels: 'tag.status',
		export: 'all',
		api: true,
		revision: true,
		tile: [{ property: 'status', order: 9, description: 'String: active or removed' }],
		description: {
			en: 'Whether it is still there. Removed cameras are kept as tombstones.',
			'sr-Latn': 'Da li je još na mestu. Uklonjene kamere se čuvaju kao spomen-zapis.'
		}
	},
	{
		name: 'removed_on',
		type: 'date',
		column: true,
		nullable: true,
		export: 'all',
		api: true,
		revision: true,
		description: {
			en: 'The day it was reported removed.',
			'sr-Latn': 'Dan kada je prijavljeno da je uklonjena.'
		}
	},
	{
		name: 'confidence',
		type: 'string',
		column: true,
		nullable: false,
		values: confidences,
		labels: 'tag.confidence',
		export: 'all',
		api: true,
		revision: true,
		tile: [{ property: 'confidence', order: 8, description: 'String: reported, verified or confirmed' }],
		description: { en: 'How sure we are that it exists.', 'sr-Latn': 'Koliko smo sigurni da postoji.' }
	},
	{
		name: 'confirmations',
		type: 'integer',
		column: true,
		nullable: false,
		min: 0,
		export: 'all',
		api: true,
		revision: true,
		description: {
			en: 'How many different people have confirmed it.',
			'sr-Latn': 'Koliko ju je različitih ljudi potvrdilo.'
		}
	},
	{
		name: 'first_seen',
		type: 'date',
		column: true,
		nullable: true,
		export: 'all',
		api: true,
		revision: true,
		description: { en: 'The first day someone reported it.', 'sr-Latn': 'Prvi dan kada ju je neko prijavio.' }
	},
	{
		name: 'last_seen',
		type: 'date',
		column: true,
		nullable: true,
		export: 'all',
		api: true,
		revision: true,
		tile: [{ property: 'last_seen', order: 11, description: 'String: YYYY-MM-DD; absent when unknown' }],
		description: { en: 'The last day someone saw it.', 'sr-Latn': 'Poslednji dan kada ju je neko video.' }
	},
	{
		name: 'source',
		type: 'string',
		column: true,
		nullable: false,
		values: sources,
		labels: 'tag.source',
		export: 'all',
		api: true,
		description: { en: 'Where the record came from.', 'sr-Latn': 'Odakle zapis potiče.' }
	},
	{
		name: 'osm_id',
		type: 'integer',
		column: false,
		nullable: true,
		min: 1,
		export: 'all',
		description: {
			en: 'The {osmName} node id of a record that came from {osmName}.',
			'sr-Latn': 'Broj {osmName} čvora za zapis koji potiče iz {osmName}-a.'
		}
	},
	{
		name: 'attribution',
		type: 'string',
		column: false,
		nullable: true,
		export: 'all',
		description: {
			en: 'The credit the record needs ({osm} for {osmName} records).',
			'sr-Latn': 'Navođenje izvora koje zapis traži ({osm} za zapise iz {osmName}-a).'
		}
	}
] as const satisfies readonly CameraField[];

type Field = (typeof cameraFields)[number];
export type CameraFieldName = Field['name'];

/** The fields that have every property of `pattern` (e.g. `{ column: true, api: true }`). */
export type FieldsWith<P> = Extract<Field, P>;

/** A field's value (enumerations as their values), `null` included when it may be empty. */
export type FieldValue<F> = Nullable<
	F,
	F extends { type: 'string'; values: readonly (infer V)[] }
		? V
		: F extends { type: 'string list'; values: readonly (infer V)[] }
			? V[]
			: F extends { type: 'integer list' }
				? number[]
				: F extends { type: 'integer' | 'number' }
					? number
					: string
>;
/** A field's value as a column holds it (enumerations as any text: the database checks them). */
export type ColumnValue<F> = Nullable<
	F,
	F extends { type: 'string list' } ? string[] : F extends { type: 'string' } ? string : FieldValue<Omit<F, 'nullable'>>
>;
type Nullable<F, V> = F extends { nullable: true } ? V | null : V;

/** An object with a `ColumnValue` for each of the fields `F`. */
export type ColumnValues<F extends Field> = { -readonly [G in F as G['name']]: ColumnValue<G> };

function namesWith<P extends Partial<Record<keyof CameraField, unknown>>>(pattern: P): FieldsWith<P>['name'][] {
	return cameraFields
		.filter((field) =>
			Object.entries(pattern).every(([key, value]) => (field as Record<string, unknown>)[key] === value)
		)
		.map((field) => field.name) as FieldsWith<P>['name'][];
}

/** A field by name. */
export function cameraField(name: string): CameraField | undefined {
	return (cameraFields as readonly CameraField[]).find((field) => field.name === name);
}

/** The columns of a public camera record (the map API's properties that the table holds). */
export const publicColumns = namesWith({ column: true, api: true });

/** The columns a revision snapshots and a revert restores (the position comes with them). */
export const revisionColumns = namesWith({ column: true, revision: true });

/** The columns the exports read (those they compute come from `geom`, `source` and `source_ref`). */
export const exportColumns = cameraFields
	.filter((field) => field.column && 'export' in field)
	.map((field) => field.name) as FieldsWith<{ column: true; export: 'all' | 'csv' }>['name'][];

/** The fields of the map API's camera properties, in order. */
export const apiFields = namesWith({ api: true });

/** The fields a report may carry about the camera, by their payload names, and their columns. */
export const reportFields = (cameraFields as readonly CameraField[])
	.filter((field) => field.report !== undefined)
	.map((field) => ({ field, payload: field.report === true ? field.name : (field.report as string) }));

/** The properties of the `cameras` tile layer, in the order the layer writes them. */
export const tileProperties: readonly (TileProperty & { field: CameraField })[] = (
	cameraFields as readonly CameraField[]
)
	.flatMap((field) => (field.tile ?? []).map((property) => ({ ...property, field })))
	.sort((a, b) => a.order - b.order);
