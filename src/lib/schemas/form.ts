/**
 * Forms, one way in. `formObject` turns a form's fields into the object a zod schema reads;
 * `fieldErrors` turns the schema's issues into one message per field in the reader's language.
 * Every form action uses both, the report's JSON endpoint and the moderation service use the
 * second, and the report page runs the same code in the browser before sending (which is why
 * this lives beside the schemas and not under `$lib/server`).
 */
import { z } from 'zod';
import { translate, type Locale, type MessageKey, type Params } from '#lib/i18n/index.js';

export type FormEntries = Iterable<[string, FormDataEntryValue]>;

/** What a file sent where text belongs reads as: a value no schema takes for a choice or number. */
export const FILE_IN_TEXT_FIELD = '[file]';

export interface FormReading {
	/** Read only these fields (absent ones stay absent). Default: every field sent, so a strict schema can name unknown ones. */
	only?: readonly string[];
	/** Fields that are not data (a file input, an idempotency key, ...). */
	skip?: readonly string[];
	/** Repeated fields read as a list (always present when sent, blank items left out). */
	lists?: readonly string[];
	/** Fields (or list items) read as numbers when they look like one: `44.8176`, `44,8176`, spaces around. */
	numbers?: readonly string[];
	/** Leave blank fields out ("not given"). Default: the text as typed, blanks included. */
	dropBlank?: boolean;
	/** File inputs: the first file (or text) sent, as is, for the schema to check. */
	files?: readonly string[];
}

/**
 * A number as people type it: `44.8176`, `44,8176` (decimal comma), with spaces around.
 * Anything else is returned unchanged so the schema reports it as "enter a number".
 */
export function parseNumber(raw: string): number | string {
	const trimmed = raw.trim();
	if (/^[+-]?\d+([.,]\d+)?$/.test(trimmed)) return Number(trimmed.replace(',', '.'));
	return raw;
}

/**
 * A form's fields → a plain object. Text, except in `files`: a file sent for a text field reads as
 * `FILE_IN_TEXT_FIELD`, so the schema refuses it instead of taking the field as not given. A
 * repeated field that is not a list keeps its first value (as `FormData.get` does). Field names
 * come from the sender: `__proto__` is never read (it would replace the object's prototype).
 */
export function formObject(form: FormEntries, reading: FormReading = {}): Record<string, unknown> {
	const { only, skip = [], lists = [], numbers = [], dropBlank = false, files = [] } = reading;
	const values: Record<string, unknown> = {};
	for (const [name, entry] of form) {
		if (name === '__proto__' || skip.includes(name) || (only && !only.includes(name))) continue;
		if (files.includes(name)) {
			if (!Object.hasOwn(values, name)) values[name] = entry;
			continue;
		}
		const text = typeof entry === 'string' ? entry : FILE_IN_TEXT_FIELD;
		const value = numbers.includes(name) ? parseNumber(text) : text;
		if (lists.includes(name)) {
			const list = Object.hasOwn(values, name) ? (values[name] as unknown[]) : [];
			if (text.trim() !== '') list.push(value);
			values[name] = list;
			continue;
		}
		if (Object.hasOwn(values, name) || (dropBlank && text.trim() === '')) continue;
		values[name] = value;
	}
	return values;
}

/** A message key and its parameters: what a schema says is wrong, before it is put into words. */
export interface Problem {
	key: MessageKey;
	params?: Params;
}

/** Field (`name`, `evidence.0.url`) → message in the reader's language. */
export type FieldErrors = Record<string, string>;

/** How one form's problems are put into words. */
export interface Wording {
	/** The field that holds problems with the form as a whole. */
	whole: string;
	/** The message of one issue. */
	describe(issue: z.core.$ZodIssue): Problem;
	/** Each unknown field of a strict schema gets its own message (`describe` sees the issue); default: under `whole`. */
	eachUnknownField?: boolean;
	/** The parameters of a message named by its key alone (a service's answer, a schema's check). */
	paramsOf?(key: MessageKey): Params | undefined;
	/** Default `translate`; the report's adds the technical terms kept in Latin script. */
	translate?(locale: Locale, key: MessageKey, params?: Params): string;
}

/**
 * The wording of schemas whose checks carry a message key as their message (`.min(1, 'x.error.y')`):
 * an issue without one (a type zod checks itself, an unknown field) says `fallback`, or the
 * field's own first key when the schema gave none.
 */
export function keyedWording(options: {
	whole?: string;
	/** The keys the schema's checks use; any other message says `fallback`. Default: any message is a key. */
	keys?: readonly MessageKey[];
	fallback?: MessageKey;
	paramsOf?(key: MessageKey, issue?: z.core.$ZodIssue): Params | undefined;
}): Wording {
	const { whole = 'form', keys, fallback, paramsOf } = options;
	return {
		whole,
		describe(issue) {
			const known = keys ? (keys as readonly string[]).includes(issue.message) : true;
			const key = (known ? issue.message : (fallback ?? issue.message)) as MessageKey;
			return { key, params: paramsOf?.(key, issue) };
		},
		paramsOf: paramsOf && ((key) => paramsOf(key))
	};
}

/** The first problem of each field. */
export function fieldProblems(issues: readonly z.core.$ZodIssue[], wording: Wording): Record<string, Problem> {
	const found: Record<string, Problem> = {};
	const put = (field: string, problem: Problem) => {
		if (!Object.hasOwn(found, field)) found[field] = problem;
	};
	for (const issue of issues) {
		if (issue.code === 'unrecognized_keys' && wording.eachUnknownField) {
			for (const key of issue.keys) put(key, wording.describe(issue));
			continue;
		}
		put(issue.path.length ? issue.path.map(String).join('.') : wording.whole, wording.describe(issue));
	}
	return found;
}

/** Problems (or bare message keys, as a service answers) → messages in the reader's language. */
export function fieldMessages(
	locale: Locale,
	found: Record<string, Problem | MessageKey>,
	wording?: Pick<Wording, 'paramsOf' | 'translate'>
): FieldErrors {
	const say = wording?.translate ?? translate;
	return Object.fromEntries(
		Object.entries(found).map(([field, problem]) => {
			const { key, params } = typeof problem === 'string' ? { key: problem, params: undefined } : problem;
			return [field, say(locale, key, params ?? wording?.paramsOf?.(key))];
		})
	);
}

/** Zod issues → one message per field (the first problem of each), in the reader's language. */
export function fieldErrors(issues: readonly z.core.$ZodIssue[], locale: Locale, wording: Wording): FieldErrors {
	return fieldMessages(locale, fieldProblems(issues, wording), wording);
}

/** A record's number as a form sends it (read with `numbers`): a positive whole number, else `message`. */
export function recordId(message: MessageKey) {
	return z.number(message).int(message).positive(message).max(Number.MAX_SAFE_INTEGER, message);
}

export type ParsedForm<T> = { success: true; data: T } | { success: false; fields: FieldErrors };

/** A form read for a schema (`formObject` with `reading`): its data, or one message per field in the reader's language. */
export function parseForm<S extends z.ZodType>(
	form: FormEntries,
	schema: S,
	reading: FormReading,
	locale: Locale,
	wording: Wording
): ParsedForm<z.output<S>> {
	const result = schema.safeParse(formObject(form, reading));
	if (result.success) return { success: true, data: result.data };
	return { success: false, fields: fieldErrors(result.error.issues, locale, wording) };
}
