/**
 * A camera model in the catalogue (/models): the one schema for the moderators' form and the
 * repository. Evidence is a list of links (a data sheet, a tender, an article) with a title each;
 * a capability is only as good as the evidence for it, so a model with capabilities needs at
 * least one link.
 */
import { z } from 'zod';
import { capabilities } from '#lib/camera-tags.js';
import type { Locale, MessageKey } from '#lib/i18n/index.js';
import { fieldErrors, formObject, keyedWording, type FieldErrors, type FormEntries } from './form';

export const MAX_EVIDENCE = 10;
export const MAX_NAME = 200;
export const MAX_NOTES = 2000;

/** Blank rows in the form's evidence list are ignored. */
export const EVIDENCE_ROWS = 5;

// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const SINGLE_LINE = /^[^\u0000-\u001f\u007f]*$/;
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const MULTI_LINE = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/;

/** Each check's message is a message key, translated by `fieldErrors` (`./form`) (the schema has no locale). */
const problem = (key: MessageKey) => key;

const name = z
	.string(problem('models.error.required'))
	.trim()
	.min(1, problem('models.error.required'))
	.max(MAX_NAME, problem('models.error.tooLong'))
	.regex(SINGLE_LINE, problem('models.error.invalid'));

export const evidenceLink = z.strictObject({
	url: z
		.string(problem('models.error.url'))
		.trim()
		.max(2000, problem('models.error.tooLong'))
		.refine((value) => {
			try {
				const url = new URL(value);
				return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
			} catch {
				return false;
			}
		}, problem('models.error.url')),
	title: name
});

export const cameraModelInput = z
	.strictObject({
		manufacturer: name,
		model: name,
		capabilities: z
			.array(z.enum(capabilities, problem('models.error.capability')))
			.max(10)
			.default([])
			.transform((list) => [...new Set(list)].sort()),
		evidence: z.array(evidenceLink).max(MAX_EVIDENCE, problem('models.error.tooMany')),
		notes: z
			.string()
			.trim()
			.max(MAX_NOTES, problem('models.error.tooLong'))
			.regex(MULTI_LINE, problem('models.error.invalid'))
			.transform((value) => value || null)
			.nullable()
			.default(null)
	})
	.check((ctx) => {
		if (ctx.value.capabilities.length > 0 && ctx.value.evidence.length === 0) {
			ctx.issues.push({
				code: 'custom',
				input: ctx.value.evidence,
				path: ['evidence'],
				message: problem('models.error.evidenceNeeded')
			});
		}
	});

export type CameraModelInput = z.output<typeof cameraModelInput>;

const messageKeys = [
	'models.error.required',
	'models.error.tooLong',
	'models.error.tooMany',
	'models.error.invalid',
	'models.error.url',
	'models.error.capability',
	'models.error.evidenceNeeded'
] as const satisfies readonly MessageKey[];

export type ModelFieldErrors = FieldErrors;

/** A check's message is its key; zod's own checks say "not valid"; "too long" and "too many" name the limit. */
const modelWording = keyedWording({
	keys: messageKeys,
	fallback: 'models.error.invalid',
	paramsOf: (_key, issue) => ({ count: issue?.code === 'too_big' ? Number(issue.maximum) : 0 })
});

export type ParsedModel = { success: true; data: CameraModelInput } | { success: false; fields: ModelFieldErrors };

export function parseCameraModel(input: unknown, locale: Locale): ParsedModel {
	const result = cameraModelInput.safeParse(input);
	if (result.success) return { success: true, data: result.data };
	return { success: false, fields: fieldErrors(result.error.issues, locale, modelWording) };
}

/**
 * The form (all strings) → input for the schema. Evidence rows come as `evidence.<n>.url` and
 * `evidence.<n>.title`; a row with both blank is left out, so its numbering is kept for messages.
 */
export function cameraModelFromForm(form: FormEntries): Record<string, unknown> {
	const values = formObject(form, { lists: ['capabilities'] });
	const rows = new Map<number, { url?: string; title?: string }>();
	for (const [field, value] of Object.entries(values)) {
		const match = /^evidence\.(\d{1,2})\.(url|title)$/.exec(field);
		if (!match || typeof value !== 'string') continue;
		const row = rows.get(Number(match[1])) ?? {};
		row[match[2] as 'url' | 'title'] = value;
		rows.set(Number(match[1]), row);
	}
	const evidence = [...rows.entries()]
		.sort(([a], [b]) => a - b)
		.map(([, row]) => row)
		.filter((row) => (row.url ?? '').trim() !== '' || (row.title ?? '').trim() !== '')
		.map((row) => ({ url: row.url ?? '', title: row.title ?? '' }));
	return {
		manufacturer: values.manufacturer,
		model: values.model,
		capabilities: values.capabilities ?? [],
		evidence,
		notes: values.notes ?? null
	};
}
