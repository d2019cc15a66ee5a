/**
 * Which cameras the map shows: the filter carried by tile and TileJSON URLs (and, later, the
 * map page's address). One zod schema; values from #lib/camera-tags. Every parameter is
 * optional and a comma list where it says so; unknown parameters are ignored.
 *
 *   type=camera,ALPR            surveillance:type, any of
 *   operator=police,government  operator class, any of
 *   capability=face_recognition suspected capabilities, all of
 *   confidence=verified         at least this confidence (reported < verified < confirmed)
 *   removed=1                   include removed cameras (tombstones)
 *   biometric=1                 only biometric-capable cameras: suspected of face recognition
 *                               themselves or of a model that can do it (`cameras.biometric`)
 */
import { z } from 'zod';
import { capabilities, confidences, operatorClasses, surveillanceTypes } from '../camera-tags';
import type { Capability, Confidence, OperatorClass, SurveillanceType } from '../camera-tags';
import type { MessageKey } from '#lib/i18n/index.js';

function commaList<const T extends readonly [string, ...string[]]>(values: T) {
	return z
		.string()
		.transform((raw) => raw.split(',').map((part) => part.trim()))
		.pipe(z.array(z.enum(values)).min(1))
		.transform((list) => [...new Set(list)].sort());
}

/** An empty value (`type=`) means the parameter was not given. */
const optional = <S extends z.ZodType>(schema: S) =>
	z.preprocess((value) => (value === '' || value === null ? undefined : value), schema.optional());

export const cameraFilterSchema = z.object({
	type: optional(commaList(surveillanceTypes)),
	operator: optional(commaList(operatorClasses)),
	capability: optional(commaList(capabilities)),
	confidence: optional(z.enum(confidences)),
	removed: optional(z.enum(['0', '1']).transform((value) => value === '1')),
	biometric: optional(z.enum(['0', '1']).transform((value) => value === '1'))
});

export interface CameraFilter {
	type?: SurveillanceType[];
	operator?: OperatorClass[];
	capability?: Capability[];
	confidence?: Confidence;
	removed?: boolean;
	biometric?: boolean;
}

export type CameraFilterField = keyof CameraFilter;
export const cameraFilterFields: readonly CameraFilterField[] = [
	'type',
	'operator',
	'capability',
	'confidence',
	'removed',
	'biometric'
];

export type CameraFilterResult =
	{ ok: true; filter: CameraFilter } | { ok: false; field: CameraFilterField; error: MessageKey; allowed: string };

const allowedValues: Record<CameraFilterField, readonly string[]> = {
	type: surveillanceTypes,
	operator: operatorClasses,
	capability: capabilities,
	confidence: confidences,
	removed: ['0', '1'],
	biometric: ['0', '1']
};

/** Reads the filter from a query string; a parameter given twice is an error. */
export function parseCameraFilter(params: URLSearchParams): CameraFilterResult {
	const raw: Record<string, string> = {};
	for (const field of cameraFilterFields) {
		const values = params.getAll(field);
		if (values.length > 1) {
			return { ok: false, field, error: `filter.${field}`, allowed: allowedValues[field].join(', ') };
		}
		if (values.length === 1) raw[field] = values[0];
	}
	// No filter at all (most tile requests): nothing for the schema to check.
	if (Object.keys(raw).length === 0) return { ok: true, filter: {} };
	const result = cameraFilterSchema.safeParse(raw);
	if (!result.success) {
		const field = result.error.issues[0].path[0] as CameraFilterField;
		return { ok: false, field, error: `filter.${field}`, allowed: allowedValues[field].join(', ') };
	}
	const filter: CameraFilter = {};
	for (const [key, value] of Object.entries(result.data)) {
		if (value !== undefined && value !== false) (filter as Record<string, unknown>)[key] = value;
	}
	return { ok: true, filter };
}

/** Whether the filter shows what the unfiltered map shows (every camera that is not removed). */
export function isDefaultFilter(filter: CameraFilter): boolean {
	return cameraFilterFields.every((field) => filter[field] === undefined);
}

/** The filter as a canonical query string (fixed order, sorted values, no defaults), or ''. */
export function cameraFilterQuery(filter: CameraFilter): string {
	const params = new URLSearchParams();
	if (filter.type) params.set('type', filter.type.join(','));
	if (filter.operator) params.set('operator', filter.operator.join(','));
	if (filter.capability) params.set('capability', filter.capability.join(','));
	if (filter.confidence) params.set('confidence', filter.confidence);
	if (filter.removed) params.set('removed', '1');
	if (filter.biometric) params.set('biometric', '1');
	return params.toString().replaceAll('%2C', ',');
}
