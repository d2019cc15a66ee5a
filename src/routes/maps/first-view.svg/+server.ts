/**
 * A map's first view as an SVG image (src/lib/server/basemap/first-view.ts), for the map page
 * and the report picker (FirstView.svelte): `?lat&lng&z&size=map|phone|picker&lang&theme`, and
 * `cameras=1` to draw the cameras in view (their public, rounded places). Only the views the pages
 * open at are drawn (opening.ts); any other is not found.
 */
import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { locales } from '#lib/i18n/index.js';
import { basemapServer } from '#lib/server/basemap/index.js';
import { boxOf, FIRST_VIEW_SIZES, firstView, firstViewSvg } from '#lib/server/basemap/first-view.js';
import { isOpening } from '#lib/server/basemap/opening.js';
import * as cameras from '#lib/server/cameras/repository.js';
import type { RequestHandler } from './$types';

const query = z.object({
	lat: z.coerce.number().min(-85).max(85),
	lng: z.coerce.number().min(-180).max(180),
	z: z.coerce.number().min(0).max(22),
	size: z.enum(['map', 'phone', 'picker']),
	lang: z.enum(locales),
	theme: z.enum(['light', 'dark']),
	cameras: z.enum(['0', '1']).default('0')
});

export const GET: RequestHandler = async ({ url, locals }) => {
	const parsed = query.safeParse(Object.fromEntries(url.searchParams));
	if (!parsed.success) error(400, 'lat, lng, z, size (map, phone or picker), lang and theme (light or dark)');
	const { lat, lng, z: zoom, size, lang, theme } = parsed.data;
	const view = { lat, lng, zoom };
	// The picker's view is read as the report page reads it (the primary), the map page's from the replica.
	const opening = size === 'picker' ? isOpening(locals.db, view, 'picker') : isOpening(locals.readDb, view, 'map');
	if (!(await opening)) error(404, 'Only the views the map page and the report page open at are drawn.');
	const box = FIRST_VIEW_SIZES[size];
	const inView = parsed.data.cameras === '1' ? (await cameras.list(locals.readDb, boxOf(view, box))).cameras : [];
	const drawing = await firstView(await basemapServer(), view, lang, inView, box);
	return new Response(firstViewSvg(drawing, theme), {
		headers: {
			'content-type': 'image/svg+xml',
			// The streets change with the archive, the cameras within a minute of an approval.
			'cache-control': 'public, max-age=60'
		}
	});
};
