/**
 * Cross-origin reads, decided in one place. The public data — the read API (`/api/v1/…`), vector
 * tiles and the basemap, the exports and their dated releases, the feeds, the OpenAPI document, oEmbed and the
 * embeds' own script files (a sandboxed embed has an opaque origin, so its module scripts are
 * cross-origin requests) — may be read by any site (`Access-Control-Allow-Origin: *`, never with credentials: nothing public depends
 * on who asks). Everything else — pages, form posts, the report and exposure endpoints — carries
 * no CORS header at all, and no preflight is granted for it, so a browser never lets another
 * site send or read those requests with the visitor's cookies.
 */
import type { Handle } from '@sveltejs/kit/hooks';
const READ_METHODS = ['GET', 'HEAD'] as const;

/** Paths whose GET/HEAD answers are public data. */
const PUBLIC_READ = [
	/^\/api\/v1\//,
	/^\/tiles\//,
	/^\/basemap\//,
	/^\/feeds\//,
	/^\/data\/releases\//,
	/^\/api\/openapi\.json$/,
	/^\/api\/oembed$/,
	/^\/embed\/assets\//
];

export type CorsVerdict = 'public' | 'none';

/** Whether a request (or the request a preflight announces) may be read cross-origin. */
export function corsVerdict(method: string, pathname: string): CorsVerdict {
	if (!(READ_METHODS as readonly string[]).includes(method.toUpperCase())) return 'none';
	return PUBLIC_READ.some((pattern) => pattern.test(pathname)) ? 'public' : 'none';
}

/** Headers on a public read's answer: the licence and the validators are readable too. */
export const publicReadHeaders: Record<string, string> = {
	'access-control-allow-origin': '*',
	'access-control-expose-headers': 'Link, ETag, Content-Disposition'
};

/** The CORS headers of a (non-preflight) answer: the public read headers, or none. */
export function corsHeaders(method: string, pathname: string): Record<string, string> {
	return corsVerdict(method, pathname) === 'public' ? publicReadHeaders : {};
}

/** Status and headers of the answer to a preflight (OPTIONS with Access-Control-Request-Method). */
export function preflightAnswer(
	pathname: string,
	requestedMethod: string
): { status: 204 | 403; headers: Record<string, string> } {
	if (corsVerdict(requestedMethod, pathname) === 'public') {
		return {
			status: 204,
			headers: {
				...publicReadHeaders,
				'access-control-allow-methods': READ_METHODS.join(', '),
				'access-control-max-age': '86400'
			}
		};
	}
	// Not granted: no CORS header, so the browser stops the request it asked about.
	return { status: 403, headers: {} };
}

/** The answer to a preflight, as a Response. */
export function preflight(pathname: string, requestedMethod: string): Response {
	const { status, headers } = preflightAnswer(pathname, requestedMethod);
	return new Response(null, { status, headers });
}

export const cors: Handle = async ({ event, resolve }) => {
	const { method } = event.request;
	const requested = event.request.headers.get('access-control-request-method');
	if (method === 'OPTIONS' && requested !== null) return preflight(event.url.pathname, requested);
	const response = await resolve(event);
	const add = corsHeaders(method, event.url.pathname);
	try {
		for (const name of [...response.headers.keys()]) {
			if (name.startsWith('access-control-')) response.headers.delete(name);
		}
		for (const [name, value] of Object.entries(add)) response.headers.set(name, value);
	} catch {
		// Immutable headers (a fetched Response passed through): copy it.
		const copy = new Response(response.body, response);
		for (const [name, value] of Object.entries(add)) copy.headers.set(name, value);
		return copy;
	}
	return response;
};
