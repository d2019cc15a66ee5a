import { error } from '@sveltejs/kit';
import { translate } from '#lib/i18n/index.js';
import { compare } from '#lib/server/official/lists.js';
import type { RequestHandler } from './$types';

/** An official list against the citizens' map: totals, per area, and every point (see docs/api.md). */
export const GET: RequestHandler = async ({ params, locals }) => {
	const comparison = /^[a-z0-9-]{1,100}$/.test(params.slug) ? await compare(locals.db, params.slug) : undefined;
	if (!comparison) error(404, translate(locals.locale, 'error.notFound'));
	return Response.json(comparison, { headers: { 'cache-control': 'public, max-age=60' } });
};
