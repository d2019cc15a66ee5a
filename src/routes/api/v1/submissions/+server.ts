/**
 * POST /api/v1/submissions — a report as multipart/form-data (see docs/api.md).
 * 201 with the receipt when stored, 200 with the same receipt for a repeated request,
 * 400/413/415/422/429 with `{ error, message, fields }` otherwise; 507 with Retry-After when photo
 * storage is full, and 503 with Retry-After while the database is unreachable (src/hooks.server.ts).
 */
import { reportText } from '#lib/report/text.js';
import { FORM_FIELD, isIdempotencyKey } from '#lib/schemas/submission.js';
import { receiveReport } from '#lib/server/submissions/http.js';
import type { RequestHandler } from './$types';

const noStore = { 'cache-control': 'no-store' };

export const POST: RequestHandler = async ({ request, locals, getClientAddress, url }) => {
	const { locale } = locals;
	const problem = (status: number, error: string, fields: Record<string, string>, headers: HeadersInit = {}) =>
		Response.json(
			{ error, message: fields[FORM_FIELD] ?? reportText(locale, 'report.errors.summary'), fields },
			{ status, headers: { ...noStore, ...headers } }
		);

	// The key first: a cross-site HTML form cannot set this header (and a cross-site script
	// would need a CORS preflight, which is never granted), so such requests stop here.
	const idempotencyKey = request.headers.get('idempotency-key');
	if (!isIdempotencyKey(idempotencyKey)) {
		return problem(400, 'idempotency_key', { [FORM_FIELD]: reportText(locale, 'report.error.idempotencyKey') });
	}

	const result = await receiveReport({ request, locals, getClientAddress }, () => idempotencyKey);
	if (!result.ok) {
		const retry: Record<string, string> = result.retryAfter ? { 'retry-after': String(result.retryAfter) } : {};
		return problem(result.status, result.code, result.fields, retry);
	}

	const { receipt } = result;
	const statusUrl = new URL(`/report/status/${receipt.statusToken}`, url).href;
	return Response.json(
		{ id: receipt.id, kind: receipt.kind, status: receipt.status, photos: receipt.photoCount, statusUrl },
		{ status: result.created ? 201 : 200, headers: { ...noStore, location: statusUrl } }
	);
};
