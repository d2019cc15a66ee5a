/**
 * GET /data/releases/{release}/{file} — a file of a dated release, as written by `npm run
 * release`. A release never changes, so it is cached for a year; the ETag is its SHA-256.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { error } from '@sveltejs/kit';
import { config } from '#lib/server/config.js';
import { licenceLinkHeader } from '#lib/exports/licence.js';
import { releaseFile, releasesDir } from '#lib/server/exports/releases.js';
import { ifNoneMatchHits } from '#lib/server/http/negotiation.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, locals, url, request }) => {
	const file = await releaseFile(locals.db, params.release, params.file);
	const location = file && path.join(releasesDir(config.DATA_DIR), params.release, file.name);
	if (!file || !location || !fs.existsSync(location)) error(404, 'not found');
	const etag = `"${file.sha256}"`;
	const headers: Record<string, string> = {
		'content-type': file.contentType,
		'cache-control': 'public, max-age=31536000, immutable',
		etag,
		link: licenceLinkHeader(url.origin),
		'x-content-type-options': 'nosniff'
	};
	if (ifNoneMatchHits(request.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers });
	headers['content-length'] = String(file.bytes);
	headers['content-disposition'] = `inline; filename="nadzor-${params.release}-${file.name}"`;
	const body = Readable.toWeb(fs.createReadStream(location)) as ReadableStream<Uint8Array>;
	return new Response(body, { headers });
};
