/**
 * Cross-site request forgery: every state-changing request (any method but GET, HEAD, OPTIONS),
 * whatever its content type (form, multipart, JSON, text, none), must come from this site:
 * `Origin` equal to the app's origin or, where a browser sends no Origin, `Sec-Fetch-Site:
 * same-origin`. Anything else gets 403 before any route code runs.
 *
 * SvelteKit's own check stays on, but it only looks at form content types; a JSON or text body
 * sent cross-site with `mode: 'no-cors'` would pass it. Requests without either header (curl,
 * scripts) are refused too: the API for programs is read-only.
 */
import type { Handle } from '@sveltejs/kit/hooks';
import { translate } from '#lib/i18n/index.js';
import { appOrigin } from './request';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Routes allowed to take state-changing requests from elsewhere, by route id. None today; the
 * offline queue's service worker sends same-origin fetches, which carry Origin.
 */
export const CSRF_EXEMPT_ROUTES: readonly string[] = [];

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The same server under another loopback name: with the default ORIGIN (`http://localhost:PORT`)
 * a browser opened at `http://127.0.0.1:PORT` sends that as its Origin. Only loopback names on
 * the same scheme and port count, so a page of another site (even one whose name resolves to
 * this machine) is still refused.
 */
function sameLoopbackServer(sent: string, origin: string): boolean {
	try {
		const [a, b] = [new URL(sent), new URL(origin)];
		return a.protocol === b.protocol && a.port === b.port && LOOPBACK.has(a.hostname) && LOOPBACK.has(b.hostname);
	} catch {
		return false;
	}
}

export function isSameOriginRequest(headers: Headers, method: string, origin: string): boolean {
	if (SAFE_METHODS.has(method.toUpperCase())) return true;
	const sent = headers.get('origin');
	if (sent !== null) return sent === origin || sameLoopbackServer(sent, origin);
	return headers.get('sec-fetch-site') === 'same-origin';
}

export const csrf: Handle = async ({ event, resolve }) => {
	const { request } = event;
	if (
		!isSameOriginRequest(request.headers, request.method, appOrigin(event)) &&
		!(event.route.id && CSRF_EXEMPT_ROUTES.includes(event.route.id))
	) {
		const message = translate(event.locals.locale, 'csrf.forbidden');
		return (request.headers.get('accept') ?? '').includes('application/json')
			? Response.json({ message }, { status: 403 })
			: new Response(message, { status: 403 });
	}
	return resolve(event);
};
