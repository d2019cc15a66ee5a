/**
 * Answers held in memory: bytes kept gzip-compressed (and uncompressed once someone asks for
 * them so), with a validator, answered with ETag/304, gzip or identity, `Vary: Accept-Encoding`
 * and an exact Content-Length. The one implementation of these headers: the tile route builds
 * its Response from `heldAnswer`, and the fast path (`fast-path.ts`) writes the very same answer
 * straight to the socket, so the two cannot drift (tests/integration/tiles/fast-path.test.ts
 * compares them byte for byte).
 *
 * Nothing here copies the held bytes: the answer's body is the held Buffer itself.
 */
import { gunzipSync } from 'node:zlib';
import { acceptsGzip, ifNoneMatchHits } from './negotiation';

export interface Held {
	/** The bytes gzip-compressed. */
	gz: Buffer;
	/** Uncompressed size in bytes (0: an empty body). */
	size: number;
	/** A strong validator of the uncompressed bytes, without quotes. */
	etag: string;
	/** The uncompressed bytes, once asked for (see `identityOf`). */
	identity?: Buffer;
}

/** Status, headers and body of an answer; the body (null: none) is a held Buffer, never a copy. */
export interface HeldAnswer {
	status: 200 | 304;
	headers: Record<string, string>;
	body: Buffer | null;
}

/** What of the request decides the answer. */
export interface Conditions {
	acceptEncoding: string | null | undefined;
	ifNoneMatch: string | null | undefined;
}

/** Memory an entry takes: what a cache bounded by bytes charges for it. */
export function heldBytes(held: Held): number {
	return held.gz.length + (held.identity?.length ?? 0);
}

/**
 * The answer to a GET (or HEAD: the same headers, the caller sends no body) of a held entity.
 * The gzip and identity representations have different ETags (`-gz`), as they are different
 * bytes; a 304 carries the headers the 200 would, without Content-Encoding and Content-Length.
 * The uncompressed bytes are inflated on the first request that wants them and kept on the
 * entry; `inflated` is then called, so that a cache can charge for them.
 */
export function heldAnswer(
	held: Held,
	contentType: string,
	cacheControl: string,
	request: Conditions,
	inflated?: (held: Held) => void
): HeldAnswer {
	const gzip = acceptsGzip(request.acceptEncoding ?? null);
	const etag = gzip ? `"${held.etag}-gz"` : `"${held.etag}"`;
	const headers: Record<string, string> = {
		'content-type': contentType,
		'cache-control': cacheControl,
		etag,
		vary: 'accept-encoding'
	};
	if (ifNoneMatchHits(request.ifNoneMatch ?? null, etag)) return { status: 304, headers, body: null };
	if (gzip) {
		headers['content-encoding'] = 'gzip';
		headers['content-length'] = String(held.gz.length);
		return { status: 200, headers, body: held.gz };
	}
	headers['content-length'] = String(held.size);
	if (held.size === 0) return { status: 200, headers, body: null };
	if (!held.identity) {
		held.identity = gunzipSync(held.gz);
		inflated?.(held);
	}
	return { status: 200, headers, body: held.identity };
}

/**
 * The answer as a web Response (the framework's path). The body goes in as a stream of the held
 * Buffer: a Buffer passed as the body itself would be copied (the Fetch standard copies a
 * BufferSource), and adapter-node writes stream chunks to the socket as they are.
 */
export function heldResponse(answer: HeldAnswer): Response {
	const bytes = answer.body;
	const body = bytes?.length
		? new ReadableStream<Uint8Array>({
				start(controller) {
					controller.enqueue(bytes);
					controller.close();
				}
			})
		: null;
	return new Response(body, { status: answer.status, headers: answer.headers });
}
