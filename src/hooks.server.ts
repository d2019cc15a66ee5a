import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { database, startDatabase } from '$lib/server/db/instance';
import { defaultLocale, isLocale, negotiateLocale, translate } from '$lib/i18n';
import { log } from '$lib/server/log';
import { auth } from '$lib/server/auth/handle';
import { csrf } from '$lib/server/auth/csrf';
import { cors } from '$lib/server/cors';
import { embedFraming } from '$lib/server/embed/framing';
import { security } from '$lib/server/http-security';
import { startRetention } from '$lib/server/retention';
import { photoStorage } from '$lib/server/submissions/photo-port';

export const init: ServerInit = async () => {
	const { db } = await startDatabase();
	startRetention(db, photoStorage());
};

const LOCALE_COOKIE = 'lang';

/** Request id, database handle and an access log line (path only: no IP, no query string). */
const context: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	event.locals.requestId = crypto.randomUUID();
	event.locals.db = database().db;
	const response = await resolve(event);
	response.headers.set('x-request-id', event.locals.requestId);
	log.info('request', {
		requestId: event.locals.requestId,
		method: event.request.method,
		route: event.route.id,
		status: response.status,
		ms: Math.round(performance.now() - started)
	});
	return response;
};

/** `?lang=` (remembered in a cookie) → cookie → Accept-Language → Serbian Latin. */
const locale: Handle = async ({ event, resolve }) => {
	const asked = event.url.searchParams.get('lang');
	const remembered = event.cookies.get(LOCALE_COOKIE);
	let chosen = defaultLocale;
	if (isLocale(asked)) {
		chosen = asked;
		event.cookies.set(LOCALE_COOKIE, asked, { path: '/', httpOnly: false, sameSite: 'lax', maxAge: 31_536_000 });
	} else if (isLocale(remembered)) {
		chosen = remembered;
	} else {
		chosen = negotiateLocale(event.request.headers.get('accept-language'));
	}
	event.locals.locale = chosen;
	return resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', chosen) });
};

// security (body limits, response headers) wraps everything but the access log (and the embeds'
// framing, which loosens frame-ancestors for /embed only); csrf before auth: a refused request
// touches nothing, not even a session's last-use date.
export const handle = sequence(embedFraming, context, security, locale, cors, csrf, auth);

export const handleError: HandleServerError = ({ error, event, status, message }) => {
	const requestId = event.locals.requestId ?? crypto.randomUUID();
	if (status >= 500) {
		log.error('unhandled error', {
			requestId,
			route: event.route.id,
			error: error instanceof Error ? (error.stack ?? error.message) : String(error)
		});
	}
	const locale = event.locals.locale ?? defaultLocale;
	return {
		message:
			status === 404
				? translate(locale, 'error.notFound')
				: status >= 500
					? translate(locale, 'error.generic')
					: message,
		requestId
	};
};
