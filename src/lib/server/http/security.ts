/**
 * The `security` hook: request body limits and the response headers every route carries.
 *
 * Body limits. adapter-node's BODY_SIZE_LIMIT is one number for the whole app, and it has to
 * admit a report with five phone photos (`MAX_REQUEST_BYTES`, 64 MB with `npm start`). Everything
 * else (log-in, sign-up, moderation forms, the exposure route) is small, so a body larger than
 * `SMALL_BODY_BYTES` there is refused with 413 from its Content-Length, before a byte of it is
 * read. A body without a Content-Length (chunked) is refused with 411 on those routes: browsers
 * always send the length of a form, and a stream of unknown length is what a slow-body attack
 * looks like. The report routes keep the large limit and check it themselves
 * (`src/lib/server/submissions/http.ts`).
 *
 * A malformed multipart body makes `request.formData()` throw, which in a form action is a 500.
 * No browser sends one, so rather than guard every action, a multipart body to a route other
 * than the report uploads (which check it themselves) is parsed here first (it is at most
 * `SMALL_BODY_BYTES`) and refused with 400 if it does not parse.
 *
 * Headers (pages get their CSP from SvelteKit, configured in vite.config.ts; endpoints get
 * `default-src 'none'` here, since what they answer is data, never a document to run):
 * - `X-Content-Type-Options: nosniff` everywhere;
 * - `Referrer-Policy: strict-origin-when-cross-origin`, not `no-referrer`: under `no-referrer`
 *   browsers send `Origin: null` with a same-origin form post (Fetch standard, "append a request
 *   Origin header"), which the CSRF check (and SvelteKit's own) must refuse, so forms posted
 *   without JavaScript would stop working. Cross-origin, only the origin leaves the browser,
 *   never a path, so a report's secret status address cannot leak through a link;
 * - `frame-ancestors 'none'` (and `X-Frame-Options: DENY` for old browsers) on every path but
 *   `/embed` and `/embed/...`, which exist to be framed by other sites and decide that themselves;
 * - `Cache-Control: private, no-store` on every response that sets a cookie, whatever the route
 *   asked for: a shared cache must never hand one visitor's cookie to another. (Responses to
 *   signed-in requests are marked by the auth hook, `src/lib/server/auth/handle.ts`.)
 */
import type { Handle } from '@sveltejs/kit/hooks';
import { MAX_AREA_FILE_BYTES } from '#lib/schemas/area-import.js';
import { isEmbedPath } from '../embed/framing';
import { MAX_REQUEST_BYTES } from '../submissions/http';

/** Largest body taken by any route but those below. */
export const SMALL_BODY_BYTES = 1024 * 1024;

/**
 * Routes that take files, with the body each takes (by route id): reports with photos, and an
 * admin's area file (the file, the form's few fields and the multipart framing). They read and
 * check their bodies themselves; the area import only after it has checked the admin's session.
 */
const UPLOAD_ROUTES = new Map([
	['/api/v1/submissions', MAX_REQUEST_BYTES],
	['/(contribute)/report', MAX_REQUEST_BYTES],
	['/(admin)/admin/areas', MAX_AREA_FILE_BYTES + 64 * 1024]
]);

const BODYLESS_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const ENDPOINT_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

function tooLarge(status: 411 | 413, limit: number): Response {
	const message =
		status === 413 ? `Request body larger than ${limit} bytes.` : 'A request body needs a Content-Length.';
	// The body is not read; close the connection rather than drain what the client still sends.
	return new Response(message, {
		status,
		headers: { 'content-type': 'text/plain; charset=utf-8', connection: 'close', 'cache-control': 'no-store' }
	});
}

/** 411 / 413 for a body this route does not take; null when the request may go on. */
export function bodyProblem(request: Request, routeId: string | null): Response | null {
	if (BODYLESS_METHODS.has(request.method)) return null;
	const limit = (routeId && UPLOAD_ROUTES.get(routeId)) || SMALL_BODY_BYTES;
	const declared = request.headers.get('content-length');
	if (declared === null) {
		return request.headers.has('transfer-encoding') && limit === SMALL_BODY_BYTES ? tooLarge(411, limit) : null;
	}
	const length = Number(declared);
	return Number.isFinite(length) && length > limit ? tooLarge(413, limit) : null;
}

/** 400 for a multipart body that does not parse (see the module comment). */
async function malformedForm(request: Request, routeId: string | null): Promise<Response | null> {
	if (BODYLESS_METHODS.has(request.method) || (routeId && UPLOAD_ROUTES.has(routeId))) return null;
	// Other bodies a form action cannot read (text/plain, JSON, none) are refused by `formActions`.
	if (!/^multipart\/form-data\b/i.test(request.headers.get('content-type') ?? '')) return null;
	try {
		await request.clone().formData();
		return null;
	} catch {
		return new Response('Malformed form data.', {
			status: 400,
			headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }
		});
	}
}

/**
 * The security headers of an answer to `pathname`, given the CSP the answer set itself (null:
 * none). Shared by the hook below and the fast path (`http/fast-path.ts`).
 */
export function securityHeaders(pathname: string, csp: string | null): Record<string, string> {
	const headers: Record<string, string> = {
		'x-content-type-options': 'nosniff',
		'referrer-policy': 'strict-origin-when-cross-origin'
	};
	const embed = isEmbedPath(pathname);
	if (!csp) {
		headers['content-security-policy'] = embed ? "default-src 'none'" : ENDPOINT_CSP;
	} else if (!embed && !/(^|;)\s*frame-ancestors\s/i.test(csp)) {
		headers['content-security-policy'] = `${csp}; frame-ancestors 'none'`;
	}
	if (!embed) headers['x-frame-options'] = 'DENY';
	return headers;
}

function secureHeaders(response: Response, pathname: string): void {
	const headers = response.headers;
	for (const [name, value] of Object.entries(securityHeaders(pathname, headers.get('content-security-policy'))))
		headers.set(name, value);
	if (headers.has('set-cookie')) headers.set('cache-control', 'private, no-store');
}

export const security: Handle = async ({ event, resolve }) => {
	const refused = bodyProblem(event.request, event.route.id) ?? (await malformedForm(event.request, event.route.id));
	const response = refused ?? (await resolve(event));
	try {
		secureHeaders(response, event.url.pathname);
		return response;
	} catch {
		// Headers of a response made elsewhere (e.g. a fetch) are immutable: copy it.
		const copy = new Response(response.body, response);
		secureHeaders(copy, event.url.pathname);
		return copy;
	}
};
