/**
 * A camera model in the catalogue (/models): the one schema for the moderators' form and the
 * repository. Evidence is a list of links (a data sheet, a tender, an article) with a title each;
 * a capability is only as good as the evidence for it, so a model with capabilities needs at
 * least one link.
 */
import { z } from 'zod';
import { capabilities } from '#lib/camera-tags.js';
import { translate, type Locale, type MessageKey } from '#lib/i18n/index.js';

export const MAX_EVIDENCE = 10;
export const MAX_NAME = 200;
export const MAX_NOTES = 2000;

/** Blank rows in the form's evidence list are ignored. */
export const EVIDENCE_ROWS = 5;

// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const SINGLE_LINE = /^[^\u0000-\u001f\u007f]*$/;
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const MULTI_LINE = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/;

/** Each check's message is a message key, translated in `modelFieldErrors` (the schema has no locale). */
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

export type ModelFieldErrors = Record<string, string>;

/** Zod issues → one message per field (`manufacturer`, `evidence.0.url`, ...), in the reader's language. */
export function modelFieldErrors(issues: readonly z.core.$ZodIssue[], locale: Locale): ModelFieldErrors {
	const fields: ModelFieldErrors = {};
	for (const issue of issues) {
		const path = issue.path.map(String).join('.') || 'form';
		if (path in fields) continue;
		const key = (messageKeys as readonly string[]).includes(issue.message)
			? (issue.message as (typeof messageKeys)[number])
			: 'models.error.invalid';
		const count = issue.code === 'too_big' ? Number(issue.maximum) : 0;
		fields[path] = translate(locale, key, { count });
	}
	return fields;
}

export type ParsedModel = { success: true; data: CameraModelInput } | { success: false; fields: ModelFieldErrors };

export function parseCameraModel(input: unknown, locale: Locale): ParsedModel {
	const result = cameraModelInput.safeParse(input);
	if (result.success) return { success: true, data: result.data };
	return { success: false, fields: modelFieldErrors(result.error.issues, locale) };
}

/**
 * The form (all strings) → input for the schema. Evidence rows come as `evidence.<n>.url` and
 * `evidence.<n>.title`; a row with both blank is left out, so its numbering is kept for messages.
 */
export function cameraModelFromForm(form: FormData): Record<string, unknown> {
	const text = (field: string) => (form.has(field) ? String(form.get(field)) : undefined);
	const rows = new Map<number, { url?: string; title?: string }>();
	for (const [field, value] of form) {
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
		manufacturer: text('manufacturer'),
		model: text('model'),
		capabilities: form.getAll('capabilities').map(String),
		evidence,
		notes: text('notes') ?? null
	};
}
