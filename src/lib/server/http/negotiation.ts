/**
 * What a request's headers ask of the answer, read the same way by the pages (compress.ts) and
 * the tile server.
 */

/** Whether Accept-Encoding takes gzip (named or `*`, without q=0). */
export function acceptsGzip(header: string | null): boolean {
	if (!header) return false;
	return header.split(',').some((part) => {
		const [coding, ...options] = part.trim().toLowerCase().split(';');
		if (coding.trim() !== 'gzip' && coding.trim() !== '*') return false;
		const q = options.map((option) => option.trim()).find((option) => option.startsWith('q='));
		return q === undefined || Number(q.slice(2)) > 0;
	});
}

/** Whether If-None-Match names `etag`, compared weakly as RFC 9110 asks (W/"x" matches "x"). */
export function ifNoneMatchHits(ifNoneMatch: string | null, etag: string): boolean {
	if (!ifNoneMatch) return false;
	if (ifNoneMatch.trim() === '*') return true;
	const bare = etag.replace(/^W\//, '');
	return ifNoneMatch.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === bare);
}
