import { appOrigin } from '#lib/server/auth/request.js';
import { oembed } from '#lib/server/embed/oembed.js';
import { translate } from '#lib/i18n/index.js';
import type { RequestHandler } from './$types';

/** GET /api/oembed?url=…&format=json[&maxwidth=&maxheight=]: see src/lib/server/embed/oembed.ts. */
export const GET: RequestHandler = async ({ url, locals }) => {
	const result = await oembed(locals.db, appOrigin({ url }), url.searchParams, locals.locale);
	const headers = { 'cache-control': 'public, max-age=300' };
	if (!result.ok)
		return Response.json(
			{ error: { message: translate(locals.locale, result.key, result.params) } },
			{ status: result.status, headers }
		);
	return Response.json(result.body, { headers });
};
