import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { database, startDatabase, stopDatabase } from '$lib/server/db/instance';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from '$lib/server/db/errors';
import { FAULT_HEADER, faultsEnabled, requestedFault, withFault } from '$lib/server/faults';
import { config } from '$lib/server/config';
import { photoStorage } from '$lib/server/submissions/photo-port';
import { stopTileServer } from '$lib/server/tiles';
import { defaultLocale, isLocale, negotiateLocale, translate, type Locale } from '$lib/i18n';
import { log } from '$lib/server/log';
import { auth } from '$lib/server/auth/handle';
import { csrf } from '$lib/server/auth/csrf';
import { cors } from '$lib/server/cors';
import { embedFraming } from '$lib/server/embed/framing';
import { security } from '$lib/server/http-security';
import { startRetention } from '$lib/server/retention';
import { compressed } from '$lib/server/http/compress';
import { formActions } from '$lib/server/http/form-actions';

export const init: ServerInit = async () => {
	if (faultsEnabled()) {
		log.warn('FAULT INJECTION IS ON: never expose this server to the public', { points: config.NADZOR_FAULTS });
	}
	const { db } = await startDatabase();
	startRetention(db, photoStorage());
	// Half-written photo files of a process that was killed (a crash between write and rename).
	// In the background: walking a large photo directory must not delay serving.
	void photoStorage()
		.cleanTemporaryFiles?.({ startup: true })
		.then((removed) => {
			if (removed > 0) log.info('removed temporary photo files left by a stopped process', { removed });
		})
		.catch((error: Error) => log.warn('cleaning temporary photo files failed', { error: error.message }));
	// adapter-node emits this after SIGTERM/SIGINT once the last request has been answered:
	// close the pool (and the embedded database) so the process ends with exit code 0.
	process.once('sveltekit:shutdown' as never, () => {
		stopTileServer();
		stopDatabase()
			.then(() => log.info('database closed'))
			.catch((error: Error) => log.error('closing the database failed', { error: error.message }));
	});
};

const LOCALE_COOKIE = 'lang';

/** Request id, database handle and an access log line (path only: no IP, no query string). */
const context: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	event.locals.requestId = crypto.randomUUID();
	event.locals.db = database().db;
	let response: Response;
	try {
		const chosen = requestedFault(event.request.headers.get(FAULT_HEADER));
		response = await withFault(chosen, () => resolve(event));
	} catch (error) {
		// A hook (the session lookup, say) failed before any route could.
		if (!isDatabaseUnavailable(error)) throw error;
		log.warn('database unavailable', { requestId: event.locals.requestId, error: (error as Error).message });
		response = unavailable(event.locals.locale ?? defaultLocale, event.request.headers.get('accept'));
	}
	if (event.locals.databaseUnavailable && response.status >= 500) {
		// handleError already wrote the "try again shortly" message; say so in the status too.
		const headers = new Headers(response.headers);
		headers.set('retry-after', String(RETRY_AFTER_SECONDS));
		headers.set('cache-control', 'no-store');
		response = new Response(response.body, { status: 503, headers });
	}
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

/** 503 + Retry-After, in the client's language, as JSON or plain text. */
function unavailable(locale: Locale, accept: string | null): Response {
	const message = translate(locale, 'error.unavailable');
	const headers = { 'retry-after': String(RETRY_AFTER_SECONDS), 'cache-control': 'no-store' };
	if (accept?.includes('text/html') && !accept.includes('application/json')) {
		return new Response(message, { status: 503, headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' } });
	}
	return Response.json({ error: 'unavailable', message }, { status: 503, headers });
}

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

/** Outermost: compresses what every other handle produced. */
const compression: Handle = async ({ event, resolve }) => compressed(event.request, await resolve(event));

// security (body limits, response headers) wraps everything but the access log (and the embeds'
// framing, which loosens frame-ancestors for /embed only); csrf before auth: a refused request
// touches nothing, not even a session's last-use date. formActions after locale: its refusal is
// in the reader's language.
export const handle = sequence(compression, embedFraming, context, security, locale, formActions, cors, csrf, auth);

export const handleError: HandleServerError = ({ error, event, status, message }) => {
	const requestId = event.locals.requestId ?? crypto.randomUUID();
	const locale = event.locals.locale ?? defaultLocale;
	if (status >= 500 && isDatabaseUnavailable(error)) {
		// Expected during a database restart or failover: no stack trace, a 503 (see `context`).
		event.locals.databaseUnavailable = true;
		log.warn('database unavailable', {
			requestId,
			route: event.route.id,
			error: error instanceof Error ? error.message : String(error)
		});
		return { message: translate(locale, 'error.unavailable'), requestId, error: 'unavailable' };
	}
	if (status >= 500) {
		log.error('unhandled error', {
			requestId,
			route: event.route.id,
			error: error instanceof Error ? (error.stack ?? error.message) : String(error)
		});
	}
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
