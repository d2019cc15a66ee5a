/**
 * The fast path: requests whose answer is already in memory (a cached tile, a basemap tile or
 * glyph range), answered on Node's own request and response objects before SvelteKit sees
 * them. Under load the framework's path spends most of its time building web-standard Request,
 * Response and Headers objects and running the hooks (bench/RESULTS.md, "Tiles: the fast
 * path"); a lookup in memory needs none of that.
 *
 * `scripts/server.js` (what `npm start` and the tests run) calls `answerFast(req, res)` for every
 * request; false hands it to adapter-node's handler unchanged. Sources register here
 * (`registerFastSource`, from the `init` hook); each owns a path prefix and answers from memory
 * or says it cannot (a miss, TileJSON, a bad address), and then the app answers.
 *
 * The answer is what the framework's path would give, byte for byte but the request id: the
 * source builds its headers with the same function as its route (`held.ts`), and the security
 * and CORS headers come from the same functions as the hooks (`securityHeaders`,
 * `corsHeaders`, `preflightAnswer`); tests/integration/tiles/fast-path.test.ts holds the two
 * paths to that. So a request goes to the app whenever a hook could change its answer:
 * - any method but GET and HEAD (and OPTIONS preflights, answered here as the `cors` hook would);
 * - a session cookie (the `auth` hook may renew or delete it) or `?lang=` (the `locale` hook
 *   remembers it in a cookie);
 * - an address SvelteKit would normalise (percent-escapes, `.` segments, `//`), or with a byte
 *   outside the few a tile address uses; and no Host header (adapter-node refuses those).
 *
 * Per request: no copy of the held bytes, no random id (the request id is a per-process prefix
 * and a counter), and one access-log line for every `LOG_EVERY` answers (with `sampled`).
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { corsHeaders, preflightAnswer } from './cors';
import { securityHeaders } from './security';
import { log } from '../log';
import type { Conditions, HeldAnswer } from './held';

/** A GET (or HEAD) as a source sees it. */
export interface FastRequest {
	/** The path after the source's prefix, decoded as the framework would (see `PLAIN_PATH`). */
	path: string;
	/** The query string as sent, without `?`. */
	rawQuery: string;
	query: URLSearchParams;
	conditions: Conditions;
}

export interface FastSource {
	/** Where its addresses start, with both slashes: `/tiles/`. */
	readonly prefix: string;
	/** The framework's route id for these addresses, for the access log. */
	readonly route: string;
	/**
	 * The answer from memory to GET `{prefix}{path}?{query}`, or undefined when the app should
	 * answer. It must not wait, and should not throw (a throw is logged and the app answers).
	 * The answer's headers object must be made for this request: the fast path adds to it.
	 */
	answer(request: FastRequest): HeldAnswer | undefined;
}

/** One access-log line per this many fast answers. */
export const LOG_EVERY = 100;

const sources: FastSource[] = [];

/** Adds a source (one per prefix: a second one for the same prefix replaces the first). */
export function registerFastSource(source: FastSource): void {
	const existing = sources.findIndex((candidate) => candidate.prefix === source.prefix);
	if (existing >= 0) sources[existing] = source;
	else sources.push(source);
}

/**
 * Letters, digits, `_-.~/,` and escaped spaces in the path (a glyph range's font names:
 * `/basemap/fonts/Noto%20Sans%20Regular/0-255.pbf`); `,=&+%` too in the query. Nothing else to
 * decode or normalise.
 */
const PLAIN_PATH = /^(?:[\w\-.~/,]|%20)*$/;
const ESCAPED_SPACE = /%20/g;
const PLAIN_QUERY = /^[\w\-.~,=&+%]*$/;
const SESSION_COOKIE = /session=/;

const idPrefix = randomBytes(6).toString('hex');
let answered = 0;

function sourceFor(pathname: string): FastSource | undefined {
	for (const source of sources) if (pathname.startsWith(source.prefix)) return source;
	return undefined;
}

/**
 * Answers `req` from memory if a registered source can; false (having written nothing) when the
 * app must answer it.
 */
export function answerFast(req: IncomingMessage, res: ServerResponse): boolean {
	const method = req.method;
	const preflight = method === 'OPTIONS' ? req.headers['access-control-request-method'] : undefined;
	if (method !== 'GET' && method !== 'HEAD' && preflight === undefined) return false;
	const url = req.url ?? '';
	const mark = url.indexOf('?');
	const pathname = mark < 0 ? url : url.slice(0, mark);
	const source = sourceFor(pathname);
	if (!source) return false;
	const rawQuery = mark < 0 ? '' : url.slice(mark + 1);
	if (!PLAIN_PATH.test(pathname) || pathname.includes('/.') || pathname.includes('//')) return false;
	if (!PLAIN_QUERY.test(rawQuery)) return false;
	const { headers } = req;
	if (headers.host === undefined || (headers.cookie !== undefined && SESSION_COOKIE.test(headers.cookie))) return false;
	const query = new URLSearchParams(rawQuery);
	if (query.has('lang')) return false;

	const sampled = answered % LOG_EVERY === LOG_EVERY - 1;
	const started = sampled ? performance.now() : 0;
	let status: number;
	let representation: Record<string, string>;
	let body: Buffer | null = null;
	if (preflight !== undefined) {
		({ status, headers: representation } = preflightAnswer(pathname, preflight));
	} else {
		let answer: HeldAnswer | undefined;
		try {
			answer = source.answer({
				path: pathname.slice(source.prefix.length).replace(ESCAPED_SPACE, ' '),
				rawQuery,
				query,
				conditions: { acceptEncoding: headers['accept-encoding'], ifNoneMatch: headers['if-none-match'] }
			});
		} catch (error) {
			log.error('fast path source failed', { route: source.route, error: (error as Error).message });
			return false;
		}
		if (!answer) return false;
		({ status, headers: representation, body } = answer);
		Object.assign(representation, corsHeaders(method!, pathname));
	}
	const requestId = `${idPrefix}-${(++answered).toString(16)}`;
	// The answer's headers are its own (made for this request): completed in place.
	Object.assign(representation, securityHeaders(pathname, null));
	representation['x-request-id'] = requestId;
	res.writeHead(status, representation);
	if (body && method === 'GET') res.end(body);
	else res.end();
	if (sampled) {
		log.info('request', {
			requestId,
			method,
			route: source.route,
			status,
			ms: Math.round(performance.now() - started),
			fast: true,
			sampled: LOG_EVERY
		});
	}
	return true;
}

/** Where `scripts/server.js`, outside the app's bundle, finds `answerFast`. */
export const FAST_PATH_KEY = Symbol.for('nadzor.fast-path');
(globalThis as Record<symbol, unknown>)[FAST_PATH_KEY] = answerFast;
