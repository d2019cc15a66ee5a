import { hasRole } from '#lib/server/auth/guard.js';
import { basemapForMaps } from '#lib/server/basemap/index.js';
import { config } from '#lib/server/config.js';
import * as moderation from '#lib/server/moderation/repository.js';
import type { LayoutServerLoad } from './$types';

/**
 * The language, whether someone is signed in, the source code's address, for moderators the
 * queue's count badge, and the street basemap every map draws (null: land only).
 */
export const load: LayoutServerLoad = async ({ locals }) => ({
	locale: locals.locale,
	sourceUrl: config.SOURCE_URL ?? null,
	signedIn: Boolean(locals.user),
	pendingCount: hasRole(locals.user, 'moderator') ? await moderation.pendingCount(locals.db) : null,
	basemap: await basemapForMaps()
});
