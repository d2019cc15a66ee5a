/**
 * An official claim about an area: the number of cameras an authority says it operates there,
 * who said so, when, and a link to where. The one schema for the admin's form, the command line
 * and the repository; the form sends strings, the command line too.
 */
import { z } from 'zod';
import type { Locale, MessageKey } from '#lib/i18n/index.js';
import { fieldErrors, formObject, keyedWording, type FormEntries } from './form';

export const MAX_CLAIM_SOURCE = 300;

/** Each check's message is a message key, translated by `fieldErrors` (`./form`). */
const problem = (key: MessageKey) => key;

// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const SINGLE_LINE = /^[^\u0000-\u001f\u007f]*$/;

export const areaClaimInput = z.strictObject({
	cameras: z
		.string(problem('claim.error.number'))
		.trim()
		.min(1, problem('claim.error.number'))
		.refine((value) => !/^-\d+$/.test(value), problem('claim.error.negative'))
		.refine((value) => /^\d{1,7}$/.test(value), problem('claim.error.number'))
		.transform(Number),
	source: z
		.string(problem('claim.error.source'))
		.trim()
		.min(1, problem('claim.error.source'))
		.max(MAX_CLAIM_SOURCE, problem('claim.error.tooLong'))
		.regex(SINGLE_LINE, problem('claim.error.source')),
	statedOn: z
		.string(problem('claim.error.date'))
		.trim()
		.refine((value) => {
			if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
			const date = new Date(`${value}T00:00:00Z`);
			return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) && value >= '1990-01-01';
		}, problem('claim.error.date'))
		.refine((value) => value <= new Date().toISOString().slice(0, 10), problem('claim.error.future')),
	url: z
		.string()
		.trim()
		.max(2000, problem('claim.error.url'))
		.refine((value) => {
			if (value === '') return true;
			try {
				const url = new URL(value);
				return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
			} catch {
				return false;
			}
		}, problem('claim.error.url'))
		.transform((value) => value || null)
		.optional()
		.transform((value) => value ?? null)
});

export type AreaClaimInput = z.output<typeof areaClaimInput>;
export const areaClaimFields = ['cameras', 'source', 'statedOn', 'url'] as const;

const messageKeys = [
	'claim.error.number',
	'claim.error.negative',
	'claim.error.source',
	'claim.error.tooLong',
	'claim.error.date',
	'claim.error.future',
	'claim.error.url'
] as const satisfies readonly MessageKey[];

export type ParsedAreaClaim =
	{ success: true; data: AreaClaimInput } | { success: false; fields: Record<string, string> };

/** A check's message is its key; any other problem says "not valid". */
const claimWording = keyedWording({
	keys: messageKeys,
	fallback: 'claim.error.invalid',
	paramsOf: () => ({ count: MAX_CLAIM_SOURCE, scheme: 'https://' })
});

/** Input → the claim, or one message per field in the reader's language. */
export function parseAreaClaim(input: unknown, locale: Locale): ParsedAreaClaim {
	const result = areaClaimInput.safeParse(input);
	if (result.success) return { success: true, data: result.data };
	return { success: false, fields: fieldErrors(result.error.issues, locale, claimWording) };
}

/** The form's strings (absent fields stay absent, so the schema names them). */
export function areaClaimFromForm(form: FormEntries): Record<string, unknown> {
	return formObject(form, { only: areaClaimFields });
}
