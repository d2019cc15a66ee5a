import { error } from '@sveltejs/kit';
import { embedAsset } from '#lib/server/embed/assets.js';
import { translate } from '#lib/i18n/index.js';
import type { RequestHandler } from './$types';

/** The embed's scripts, styles and land: see src/lib/server/embed/assets.ts. */
export const GET: RequestHandler = ({ params, url, request, locals }) => {
	const asset = embedAsset(params.file);
	if (!asset) error(404, translate(locals.locale, 'error.notFound'));
	const gzip = /\bgzip\b/.test(request.headers.get('accept-encoding') ?? '');
	const headers: Record<string, string> = {
		'content-type': asset.type,
		'cross-origin-resource-policy': 'cross-origin',
		'cache-control':
			url.searchParams.get('v') === asset.hash ? 'public, max-age=31536000, immutable' : 'public, max-age=3600',
		vary: 'accept-encoding',
		etag: `"${asset.hash}${gzip ? '-gz' : ''}"`
	};
	if (gzip) headers['content-encoding'] = 'gzip';
	if (asset.csp) headers['content-security-policy'] = asset.csp;
	return new Response(new Uint8Array(gzip ? asset.gz : asset.body), { headers });
};
