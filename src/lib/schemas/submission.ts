/**
 * A report from the public: the one schema shared by the no-JavaScript form action, the JSON
 * endpoint (`POST /api/v1/submissions`) and the report page's own checks before sending.
 *
 * Field names are the camera columns (OpenStreetMap tags with `_` for `:`), so a moderator's
 * approval maps a payload onto a camera without a translation table. The schema is strict:
 * an unknown field (`status`, `id`, ...) is an error, not silently dropped.
 */
import { z } from 'zod';
import { cameraField, reportFields, type CameraField, type FieldsWith, type FieldValue } from '#lib/cameras/fields.js';
import { type Locale, type MessageKey, type Params } from '#lib/i18n/index.js';
import { reportText } from '#lib/report/text.js';
import {
	fieldErrors,
	formObject,
	keyedWording,
	type FieldErrors,
	type FormEntries,
	type Problem as FormProblem,
	type Wording
} from './form';

export const submissionKinds = ['new_camera', 'confirmation', 'edit', 'removal'] as const;
export type SubmissionKind = (typeof submissionKinds)[number];

export const MAX_PHOTOS = 5;
export const MAX_SHORT_TEXT = 200;
export const MAX_LONG_TEXT = 2000;
/** Known cameras closer than this are offered as "is it one of these?". */
export const NEARBY_RADIUS_M = 25;
/** The largest radius `GET /api/v1/cameras/nearby` searches. */
export const MAX_NEARBY_RADIUS_M = 500;

/**
 * The fields that describe the camera itself, by their names in a report (an edit must change at
 * least one of them or the place): the registry's fields that reporters may set.
 */
export const attributeFields = reportFields.map(({ payload }) => payload) as ReportFieldName[];

/** A custom issue carries the message key in `params.key`. */
function problem(key: MessageKey, params?: Params): FormProblem {
	return { key, params };
}

// Control characters (other than tab and line breaks in long texts) and lone surrogates are
// refused: PostgreSQL cannot store U+0000 at all, and the rest only hides text from moderators.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const SINGLE_LINE = /^[^\u0000-\u001f\u007f]*$/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const MULTI_LINE = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/;

function text(max: number, multiLine: boolean) {
	return z
		.string()
		.max(max)
		.check(
			z.refine((value) => value.isWellFormed() && (multiLine ? MULTI_LINE : SINGLE_LINE).test(value), {
				params: problem('report.error.characters')
			})
		)
		.transform((value) => value.trim() || undefined);
}

/** Optional everywhere: absent, `null` and an empty string all mean "not given". */
function optional<T extends z.ZodType>(schema: T) {
	return schema
		.nullish()
		.transform((value): z.output<T> | undefined => (value === null ? undefined : (value as z.output<T>)));
}

function uniqueList<T extends z.ZodType>(item: T, max: number) {
	return z
		.array(item)
		.max(max)
		.check(
			z.refine((list) => new Set(list).size === list.length, {
				params: problem('report.error.duplicate')
			})
		);
}

const isoDate = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/)
	.check(
		z.refine(
			(value) => {
				const date = new Date(`${value}T00:00:00Z`);
				// Real calendar day, not in the future (one day of slack for time zones).
				return (
					!Number.isNaN(date.getTime()) &&
					date.toISOString().slice(0, 10) === value &&
					date.getTime() <= Date.now() + 86_400_000 &&
					date.getUTCFullYear() >= 1990
				);
			},
			{ params: problem('report.error.date') }
		)
	);

type ReportField = FieldsWith<{ report: true | string }>;
type ReportFieldName<F = ReportField> = F extends { report: infer Name extends string }
	? Name
	: F extends { name: infer Name }
		? Name
		: never;
/** A field's value as the schema returns it (a missing value is `undefined`, never `null`). */
type ValueOf<F> = FieldValue<Omit<F, 'nullable'>>;
type ReportShape = {
	[F in ReportField as ReportFieldName<F>]: z.ZodType<ValueOf<F> | undefined, ValueOf<F> | null | undefined>;
};

/** A camera field's schema in a report: its bounds and values from the registry. */
function reportSchema(field: CameraField): z.ZodType {
	switch (field.type) {
		case 'string':
			if (field.values) return z.enum(field.values as [string, ...string[]]);
			return text(field.maxLength ?? MAX_SHORT_TEXT, field.multiLine === true);
		case 'string list':
			return uniqueList(z.enum(field.values as [string, ...string[]]), field.values!.length);
		case 'integer list':
			return uniqueList(
				z
					.int()
					.min(field.min ?? 0)
					.max(field.max ?? 359),
				field.maxItems ?? 1
			);
		case 'integer':
		case 'number': {
			let number = field.type === 'integer' ? z.int() : z.number();
			if (field.min !== undefined) number = field.exclusiveMin ? number.gt(field.min) : number.min(field.min);
			if (field.max !== undefined) number = number.max(field.max);
			return number;
		}
		case 'date':
			return isoDate;
	}
}

const reportShape = Object.fromEntries(
	reportFields.map(({ field, payload }) => [payload, optional(reportSchema(field))])
) as unknown as ReportShape;

const baseSubmission = z.strictObject({
	kind: z.enum(submissionKinds),
	/** The camera a confirmation, edit or removal is about. */
	camera_id: optional(z.int().min(1)),
	/** The camera's place (WGS 84). A new camera without one takes the place from a photo's GPS tags. */
	lat: optional(z.number().min(-90).max(90)),
	lng: optional(z.number().min(-180).max(180)),
	/** What the reporter says about the camera (#lib/cameras/fields). */
	...reportShape,
	/** A word to the moderators. */
	note: optional(text(MAX_LONG_TEXT, true)),
	/** Removal reports: the day the camera was seen gone. */
	removed_on: optional(isoDate)
});

type BaseSubmission = z.output<typeof baseSubmission>;

/** Rules that depend on the kind of report. Runs even when other fields have problems. */
function kindRules(value: BaseSubmission, ctx: z.RefinementCtx) {
	const add = (path: string, key: MessageKey) =>
		ctx.addIssue({ code: 'custom', path: path ? [path] : [], message: key, params: problem(key) });
	const given = (field: keyof BaseSubmission) => value[field] !== undefined && value[field] !== null;

	if ((value.lat === undefined || value.lat === null) !== (value.lng === undefined || value.lng === null)) {
		add(given('lat') ? 'lng' : 'lat', 'report.error.bothCoordinates');
	}
	if (value.kind === 'new_camera') {
		if (given('camera_id')) add('camera_id', 'report.error.cameraNotAllowed');
	} else if (submissionKinds.includes(value.kind) && !given('camera_id')) {
		add('camera_id', 'report.error.cameraRequired');
	}
	if (given('removed_on') && value.kind !== 'removal') add('removed_on', 'report.error.removalOnly');
	if (value.kind === 'edit' && !given('lat') && !attributeFields.some((field) => given(field))) {
		add('', 'report.error.editEmpty');
	}
}

export const submissionPayload = baseSubmission.check(
	z.superRefine(kindRules, {
		// Also when other fields failed, so a person sees every problem at once; not when the
		// kind itself is missing or wrong (the rules would only add noise).
		when: (payload) =>
			typeof payload.value === 'object' &&
			payload.value !== null &&
			!payload.issues.some((issue) => issue.path?.[0] === 'kind')
	})
);

export type SubmissionPayload = z.output<typeof submissionPayload>;
/** What a client sends (before `null`/blank normalisation). */
export type SubmissionInput = z.input<typeof submissionPayload>;

/** Field → message; `_form` holds problems with the report as a whole. */
export type { FieldErrors };
export const FORM_FIELD = '_form';

/** The photo count rule, checked where the files are (the payload does not carry them). */
export function photoCountProblem(kind: SubmissionKind, count: number): { key: MessageKey; params?: Params } | null {
	if (count > MAX_PHOTOS) return problem('report.error.photosTooMany', { count: MAX_PHOTOS });
	if (kind === 'new_camera' && count < 1) return problem('report.error.photosRequired');
	return null;
}

/** The report's wording of each kind of problem (the schema's own checks name their message key). */
function describe(issue: z.core.$ZodIssue): FormProblem {
	const field = String(issue.path[0] ?? '');
	if (issue.code === 'unrecognized_keys') return problem('report.error.unknownField');
	if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && issue.input === undefined) {
		return problem('report.error.required');
	}
	switch (issue.code) {
		case 'custom': {
			const params = issue.params as Partial<FormProblem> | undefined;
			return params?.key ? problem(params.key, params.params) : problem('report.error.invalid');
		}
		case 'invalid_type':
			if (issue.expected === 'number' || issue.expected === 'int') {
				return problem(typeof issue.input === 'number' ? 'report.error.integer' : 'report.error.number');
			}
			if (issue.expected === 'string') return problem('report.error.text');
			if (issue.expected === 'array') return problem('report.error.list');
			if (issue.expected === 'object') return problem('report.error.object');
			return problem('report.error.invalid');
		case 'invalid_value':
			return problem('report.error.choice');
		case 'invalid_format':
			return problem(field === 'removed_on' ? 'report.error.date' : 'report.error.invalid');
		case 'too_big':
		case 'too_small': {
			const limit = Number(issue.code === 'too_big' ? issue.maximum : issue.minimum);
			if (issue.origin === 'string') return problem('report.error.tooLong', { count: limit });
			if (issue.origin === 'array') return problem('report.error.tooMany', { count: limit });
			if (field === 'lat') return problem('report.error.lat');
			if (field === 'lng') return problem('report.error.lng');
			const outOfRange = cameraField(field)?.outOfRange;
			if (outOfRange) return problem(outOfRange as MessageKey);
			if (field === 'camera_id') return problem('report.error.cameraId');
			return problem('report.error.invalid');
		}
		default:
			return problem('report.error.invalid');
	}
}

/** How a report's problems are put into words: each unknown field named, the report's translator. */
export const reportWording: Wording = {
	whole: FORM_FIELD,
	eachUnknownField: true,
	describe,
	translate: reportText
};

/** The longest answer a reporter can give to a moderator's question. */
export const MAX_ANSWER = 2000;

/** The reporter's answer on the status page. */
export const answerSchema = z.object({
	answer: z
		.string('report.status.answerRequired')
		.trim()
		.min(1, 'report.status.answerRequired')
		.max(MAX_ANSWER, 'report.status.answerTooLong')
});

/** The answer's problems, in the report's words. */
export const answerWording: Wording = {
	...keyedWording({ paramsOf: (key) => (key === 'report.status.answerTooLong' ? { count: MAX_ANSWER } : undefined) }),
	translate: reportText
};

export type ParsedSubmission = { success: true; data: SubmissionPayload } | { success: false; fields: FieldErrors };

export function parseSubmission(input: unknown, locale: Locale): ParsedSubmission {
	if (typeof input !== 'object' || input === null || Array.isArray(input)) {
		return { success: false, fields: { [FORM_FIELD]: reportText(locale, 'report.error.object') } };
	}
	// `reportInput` keeps each issue's input, which tells a missing field from a wrong one.
	const result = submissionPayload.safeParse(input, { reportInput: true });
	if (result.success) return { success: true, data: result.data };
	return { success: false, fields: fieldErrors(result.error.issues, locale, reportWording) };
}

// ---------------------------------------------------------------------------------------------
// The same fields as a plain HTML form: every value is a string, lists are repeated fields.

/** Form fields that are not part of the payload. */
export const FORM_ONLY_FIELDS = ['idempotency_key', 'photos', 'payload'] as const;
const numberFields = [
	'camera_id',
	'lat',
	'lng',
	...reportFields
		.filter(({ field }) => field.type === 'number' || field.type === 'integer' || field.type === 'integer list')
		.map(({ payload }) => payload)
];
const listFields = reportFields.filter(({ field }) => field.type.endsWith(' list')).map(({ payload }) => payload);

/**
 * "44.81762, 20.45731" or "geo:44.81762,20.45731" — what a phone's map app copies — typed or
 * pasted into the latitude field.
 */
export function parseCoordinatePair(raw: string): { lat: number; lng: number } | null {
	const match = raw
		.trim()
		.replace(/^geo:/i, '')
		.match(/^([+-]?\d{1,2}(?:\.\d+)?)\s*(?:[,;]\s*|\s+)([+-]?\d{1,3}(?:\.\d+)?)(?:[;?].*)?$/);
	if (!match) return null;
	return { lat: Number(match[1]), lng: Number(match[2]) };
}

/**
 * Form fields (all strings) → a payload object for `parseSubmission`. Blank fields are left
 * out; numbers are converted when they look like numbers; unknown fields are kept so the
 * strict schema can name them.
 */
export function payloadFromForm(form: FormEntries): Record<string, unknown> {
	const payload = formObject(form, {
		skip: FORM_ONLY_FIELDS,
		lists: listFields,
		numbers: numberFields,
		dropBlank: true
	});
	// The latitude field also takes a pasted "lat, lng" pair.
	if (typeof payload.lat === 'string' && payload.lng === undefined) {
		const pair = parseCoordinatePair(payload.lat);
		if (pair) Object.assign(payload, pair);
	}
	return payload;
}

/** The form's text as typed, to fill it in again after an error (files cannot be). */
export function formValuesOf(form: FormEntries | undefined): Record<string, string | string[]> {
	if (!form) return {};
	return formObject(form, { skip: FORM_ONLY_FIELDS, lists: listFields }) as Record<string, string | string[]>;
}

/** Stable JSON (sorted keys, no undefined) of a validated payload: the basis of the request hash. */
export function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>)
			.filter(([, item]) => item !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
	}
	return JSON.stringify(value);
}

/** Idempotency keys: 16–128 letters, digits, `-` or `_` (a UUID qualifies). */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{16,128}$/;

export function isIdempotencyKey(value: unknown): value is string {
	return typeof value === 'string' && IDEMPOTENCY_KEY.test(value);
}
