/**
 * Receiving a report, the same for the JSON endpoint and the form action (`receiveReport`): the
 * rate limit, reading it from a multipart request (form fields or a `payload` JSON field, plus
 * `photos` files), its idempotency key, then `submit`.
 */
import type { Kysely } from 'kysely';
import type { Locale } from '#lib/i18n/index.js';
import { reportText } from '#lib/report/text.js';
import {
	FORM_FIELD,
	FORM_ONLY_FIELDS,
	isIdempotencyKey,
	parseSubmission,
	payloadFromForm,
	photoCountProblem,
	submissionKinds,
	type FieldErrors,
	type SubmissionKind,
	type SubmissionPayload
} from '#lib/schemas/submission.js';
import { config } from '../config';
import type { DB } from '../db/schema';
import { log } from '../log';
import { clientKeyOf } from '../rate-limit/client-key';
import { consume } from '../rate-limit/limiter';
import { photoStorage } from './photo-port';
import type { SubmissionReceipt } from './repository';
import { submit } from './submit';

/**
 * Largest report taken: five phone photos as they come off the camera (the report page
 * shrinks them first; a form posted without JavaScript sends originals). The server's
 * BODY_SIZE_LIMIT (scripts/start.js) must be at least this.
 */
export const MAX_REQUEST_BYTES = 64 * 1024 * 1024;

export type ReadResult =
	| { ok: true; payload: SubmissionPayload; photos: Uint8Array[]; form: FormData }
	| { ok: false; status: number; code: string; fields: FieldErrors; form?: FormData };

function failure(status: number, code: string, fields: FieldErrors, form?: FormData): ReadResult {
	return { ok: false, status, code, fields, form };
}

/** Parses and validates a report; never throws for bad input. */
export async function readReport(request: Request, locale: Locale): Promise<ReadResult> {
	const t = (key: Parameters<typeof reportText>[1], params?: Parameters<typeof reportText>[2]) =>
		reportText(locale, key, params);
	const type = request.headers.get('content-type') ?? '';
	if (!/^multipart\/form-data\s*;/i.test(type) && !/^application\/x-www-form-urlencoded\b/i.test(type)) {
		return failure(415, 'unsupported_media_type', { [FORM_FIELD]: t('report.error.notMultipart') });
	}
	const length = Number(request.headers.get('content-length') ?? 0);
	if (length > MAX_REQUEST_BYTES)
		return failure(413, 'payload_too_large', { [FORM_FIELD]: t('report.error.tooLarge') });

	let form: FormData;
	try {
		form = await request.formData();
	} catch (error) {
		// The server's BODY_SIZE_LIMIT ends a longer body (a chunked one, or a server started
		// with a lower limit than MAX_REQUEST_BYTES) with a 413 error while it is read.
		if ((error as { status?: number } | null)?.status === 413) {
			return failure(413, 'payload_too_large', { [FORM_FIELD]: t('report.error.tooLarge') });
		}
		return failure(400, 'bad_request', { [FORM_FIELD]: t('report.error.notMultipart') });
	}

	const files: File[] = [];
	let photoFieldProblem = false;
	for (const entry of form.getAll('photos')) {
		if (typeof entry === 'string') {
			photoFieldProblem ||= entry !== '';
			continue;
		}
		// A file input left empty still sends a nameless, empty part.
		if (entry.size === 0 && entry.name === '') continue;
		files.push(entry);
	}

	let input: unknown;
	const json = form.get('payload');
	if (json !== null) {
		const others = [...form.keys()].filter((name) => !(FORM_ONLY_FIELDS as readonly string[]).includes(name));
		if (others.length > 0) return failure(400, 'bad_request', { payload: t('report.error.payloadMixed') }, form);
		if (typeof json !== 'string') return failure(400, 'bad_request', { payload: t('report.error.payloadJson') }, form);
		try {
			input = JSON.parse(json);
		} catch {
			return failure(400, 'bad_request', { payload: t('report.error.payloadJson') }, form);
		}
	} else {
		input = payloadFromForm(form);
	}

	const parsed = parseSubmission(input, locale);
	const fields: FieldErrors = parsed.success ? {} : { ...parsed.fields };
	if (photoFieldProblem) fields.photos ??= t('report.error.photoRead');
	const kind = parsed.success ? parsed.data.kind : (input as { kind?: unknown } | null)?.kind;
	if (typeof kind === 'string' && (submissionKinds as readonly string[]).includes(kind)) {
		const problem = photoCountProblem(kind as SubmissionKind, files.length);
		if (problem) fields.photos ??= t(problem.key, problem.params);
	}
	if (!parsed.success || Object.keys(fields).length > 0) return failure(422, 'validation', fields, form);

	const photos = await Promise.all(files.map(async (file) => new Uint8Array(await file.arrayBuffer())));
	return { ok: true, payload: parsed.data, photos, form };
}

export interface RateLimited {
	retryAfter: number;
	message: string;
}

/**
 * Counts one report against the client's limits (per clock hour and per UTC day); `limited` says
 * what to answer when over one. `clientKey` is the sender's client key of the day (kept with the
 * report: see `client-key.ts`).
 */
export async function limitSubmissions(
	db: Kysely<DB>,
	clientAddress: string,
	locale: Locale
): Promise<{ clientKey: Uint8Array; limited: RateLimited | null }> {
	const clientKey = await clientKeyOf(db, clientAddress);
	for (const rule of [
		{ bucket: 'submissions', limit: config.RATE_LIMIT_SUBMISSIONS_PER_HOUR, windowSeconds: 3600 },
		{ bucket: 'submissions_day', limit: config.RATE_LIMIT_SUBMISSIONS_PER_DAY, windowSeconds: 86_400 }
	]) {
		const result = await consume(db, rule, clientAddress);
		if (result.allowed) continue;
		log.info('rate limited', { bucket: rule.bucket, retryAfter: result.retryAfter });
		const minutes = Math.ceil(result.retryAfter / 60);
		const message =
			rule.windowSeconds > 3600
				? reportText(locale, 'report.error.dailyLimit', { hours: Math.ceil(minutes / 60) })
				: reportText(locale, 'report.error.rateLimited', { count: minutes });
		return { clientKey, limited: { retryAfter: result.retryAfter, message } };
	}
	return { clientKey, limited: null };
}

/** What receiving a report ended in: stored (or the receipt of a repeat), or the problem to answer. */
export type Received =
	| { ok: true; created: boolean; receipt: SubmissionReceipt }
	| { ok: false; status: number; code: string; fields: FieldErrors; retryAfter?: number; form?: FormData };

/**
 * One report received: counted against the client's limits, read and validated, its idempotency
 * key taken (`keyOf`: the form action's hidden field, the endpoint's header), then submitted.
 */
export async function receiveReport(
	event: { request: Request; locals: App.Locals; getClientAddress: () => string },
	keyOf: (form: FormData) => unknown
): Promise<Received> {
	const { db, locale, user } = event.locals;
	const { clientKey, limited } = await limitSubmissions(db, event.getClientAddress(), locale);
	if (limited) {
		const fields = { [FORM_FIELD]: limited.message };
		return { ok: false, status: 429, code: 'rate_limited', fields, retryAfter: limited.retryAfter };
	}
	const report = await readReport(event.request, locale);
	if (!report.ok) return report;
	const idempotencyKey = keyOf(report.form);
	if (!isIdempotencyKey(idempotencyKey)) {
		const fields = { [FORM_FIELD]: reportText(locale, 'report.error.idempotencyKey') };
		return { ok: false, status: 400, code: 'idempotency_key', fields, form: report.form };
	}
	const result = await submit(db, photoStorage(), {
		idempotencyKey,
		payload: report.payload,
		photos: report.photos,
		locale,
		userId: user?.id ?? null,
		clientKey
	});
	return result.ok ? result : { ...result, form: report.form };
}
