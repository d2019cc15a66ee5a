import { json } from '@sveltejs/kit';
import { appOrigin } from '$lib/server/auth/request';
import { oembed } from '$lib/server/embed/oembed';
import { translate } from '$lib/i18n';
import type { RequestHandler } from './$types';

/** GET /api/oembed?url=…&format=json[&maxwidth=&maxheight=]: see src/lib/server/embed/oembed.ts. */
export const GET: RequestHandler = async ({ url, locals }) => {
	const result = await oembed(locals.db, appOrigin({ url }), url.searchParams, locals.locale);
	const headers = { 'cache-control': 'public, max-age=300' };
	if (!result.ok)
		return json(
			{ error: { message: translate(locals.locale, result.key, result.params) } },
			{ status: result.status, headers }
		);
	return json(result.body, { headers });
};
