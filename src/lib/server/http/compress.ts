/**
 * gzip for the app's own text answers (pages, JSON, CSV, SVG) when the client takes it. Built
 * assets are precompressed at build time (adapter-node `precompress`) and tiles compress
 * themselves; without this, every page reached a phone uncompressed unless an operator put a
 * compressing proxy in front. Compression changes the bytes, so a strong ETag becomes weak
 * (as a compressing proxy does), and a client that holds the gzipped answer asks with the weak
 * one: the 304 is answered here, as the route's own exact comparison would miss it (a release
 * file). Pages carry a fresh CSP nonce each time, so their ETags never repeat anyway.
 */
import { acceptsGzip, ifNoneMatchHits } from './negotiation';

const COMPRESSIBLE = /^(text\/|application\/(json|geo\+json|xml|javascript|manifest\+json)|image\/svg\+xml)/;
/** Below this the gzip header and the CPU are not worth it. */
const MIN_BYTES = 1024;

export function compressed(request: Request, response: Response): Response {
	if (!response.body || request.method === 'HEAD' || response.status !== 200) return response;
	if (response.headers.has('content-encoding') || !acceptsGzip(request.headers.get('accept-encoding'))) return response;
	if (!COMPRESSIBLE.test(response.headers.get('content-type') ?? '')) return response;
	const length = response.headers.get('content-length');
	if (length !== null && Number(length) < MIN_BYTES) return response;
	const headers = new Headers(response.headers);
	headers.set('content-encoding', 'gzip');
	headers.delete('content-length');
	headers.append('vary', 'accept-encoding');
	const etag = headers.get('etag');
	if (etag && !etag.startsWith('W/')) headers.set('etag', `W/${etag}`);
	if (etag && ifNoneMatchHits(request.headers.get('if-none-match'), etag)) {
		void response.body.cancel();
		headers.delete('content-encoding');
		return new Response(null, { status: 304, headers });
	}
	return new Response(response.body.pipeThrough(new CompressionStream('gzip')), {
		status: response.status,
		statusText: response.statusText,
		headers
	});
}
