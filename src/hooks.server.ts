import { sequence, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit/hooks';
import { database, readDatabase, startDatabase, stopDatabase } from '#lib/server/db/instance.js';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from '#lib/server/db/errors.js';
import { FAULT_HEADER, faultsEnabled, requestedFault, withFault } from '#lib/server/faults/inject.js';
import { config } from '#lib/server/config.js';
import { photoStorage } from '#lib/server/submissions/photo-port.js';
import { tileFastSource } from '#lib/server/tiles/index.js';
import { registerFastSource } from '#lib/server/http/fast-path.js';
import { basemapFastSource } from '#lib/server/basemap/index.js';
import { defaultLocale, isLocale, negotiateLocale, translate, type Locale } from '#lib/i18n/index.js';
import { log } from '#lib/server/log.js';
import { auth } from '#lib/server/auth/handle.js';
import { csrf } from '#lib/server/auth/csrf.js';
import { cors } from '#lib/server/http/cors.js';
import { embedFraming } from '#lib/server/embed/framing.js';
import { security } from '#lib/server/http/security.js';
import { startJobs, stopJobs } from '#lib/server/jobs.js';
import { seedDemoIfEmpty } from '../seeds/demo.js';
import { compressed } from '#lib/server/http/compress.js';
import { formActions } from '#lib/server/http/form-actions.js';

export const init: ServerInit = async () => {
	if (!config.SOURCE_URL) {
		log.warn(
			'SOURCE_URL is not set: the AGPL asks a network service to offer its source code; set it to your repository'
		);
	}
	if (faultsEnabled()) {
		log.warn('FAULT INJECTION IS ON: never expose this server to the public', { points: config.NADZOR_FAULTS });
	}
	const { db } = await startDatabase();
	if (config.SEED_DEMO && (await seedDemoIfEmpty(db))) log.info('demo data seeded');
	// Every background job, in the background: none delays serving.
	startJobs(db, photoStorage());
	// Answers from memory before the framework, when started by scripts/server.js.
	registerFastSource(tileFastSource);
	registerFastSource(basemapFastSource);
	// The server (scripts/server.js, or adapter-node's own) emits this after SIGTERM/SIGINT once
	// the last request has been answered: stop the jobs, then close the pool (and the embedded
	// database) so the process ends with exit code 0.
	process.once('sveltekit:shutdown' as never, () => {
		stopJobs()
			.then(stopDatabase)
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
	event.locals.readDb = event.locals.db;
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

/**
 * Public reads of an anonymous visitor may come from a read replica (src/lib/server/db/replicas.ts).
 * A signed-in person — a moderator after a decision, a contributor after an edit — reads from the
 * primary, so what they just wrote is always there; an anonymous reporter follows a report on its
 * status page, which reads `db` as every page but the public ones does.
 */
const reads: Handle = async ({ event, resolve }) => {
	if (!event.locals.user) event.locals.readDb = readDatabase();
	return resolve(event);
};

/** Outermost: compresses what every other handle produced. */
const compression: Handle = async ({ event, resolve }) => compressed(event.request, await resolve(event));

// security (body limits, response headers) wraps everything but the access log (and the embeds'
// framing, which loosens frame-ancestors for /embed only); csrf before auth: a refused request
// touches nothing, not even a session's last-use date; reads after auth, which tells who is signed in.
// formActions after csrf (a foreign request is refused as such first) and locale (its refusal is
// in the reader's language).
export const handle = sequence(
	compression,
	embedFraming,
	context,
	security,
	locale,
	cors,
	csrf,
	formActions,
	auth,
	reads
);

/**
 * Every error of a request comes here: `error(…)` thrown by the app (`app`), SvelteKit's own such
 * as a 404 (`framework`), and anything unexpected (`unknown`). Only the unexpected are logged
 * (with a stack); expected errors keep their status and message and stay out of the log.
 */
export const handleError: HandleServerError = ({ kind, error, event }) => {
	const requestId = event.locals.requestId ?? crypto.randomUUID();
	const locale = event.locals.locale ?? defaultLocale;
	if (kind === 'framework') {
		return { message: error.status === 404 ? translate(locale, 'error.notFound') : error.message, requestId };
	}
	if (kind !== 'unknown') return;
	if (isDatabaseUnavailable(error)) {
		// Expected during a database restart or failover: no stack trace, a 503 (see `context`).
		event.locals.databaseUnavailable = true;
		log.warn('database unavailable', {
			requestId,
			route: event.route.id,
			error: error instanceof Error ? error.message : String(error)
		});
		return { message: translate(locale, 'error.unavailable'), requestId, error: 'unavailable' };
	}
	log.error('unhandled error', {
		requestId,
		route: event.route.id,
		error: error instanceof Error ? (error.stack ?? error.message) : String(error)
	});
	return { message: translate(locale, 'error.generic'), requestId };
};
