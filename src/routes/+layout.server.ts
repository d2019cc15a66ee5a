import { hasRole } from '#lib/server/auth/guard.js';
import * as moderation from '#lib/server/repositories/moderation.js';
import type { LayoutServerLoad } from './$types';

/** The language, whether someone is signed in, and for moderators the queue's count badge. */
export const load: LayoutServerLoad = async ({ locals }) => ({
	locale: locals.locale,
	signedIn: Boolean(locals.user),
	pendingCount: hasRole(locals.user, 'moderator') ? await moderation.pendingCount(locals.db) : null
});
