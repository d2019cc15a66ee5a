/**
 * Authorization checks, called by every protected load, action and endpoint itself (a layout
 * load is not a boundary: `__data.json` runs a page's load without its layout's).
 *
 * Roles are ordered: an admin may do what a moderator may, a moderator what a contributor may.
 * The role comes from the database on every request (see session.ts), never from the cookie.
 */
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { translate } from '#lib/i18n/index.js';
import type { Role } from '../db/schema';
import type { SessionUser } from './session';

const RANK: Record<Role, number> = { contributor: 1, moderator: 2, admin: 3 };

export function hasRole(user: Pick<SessionUser, 'role'> | null | undefined, role: Role): boolean {
	return !!user && RANK[user.role] >= RANK[role];
}

type GuardEvent = Pick<RequestEvent, 'locals' | 'url'>;

/**
 * For endpoints (`+server.ts`) and API actions: 401 without a session, 403 without the role.
 * Returns the user, typed as present.
 */
export function requireRole(locals: App.Locals, role: Role): SessionUser {
	if (!locals.user) error(401, translate(locals.locale, 'auth.unauthorized'));
	if (!hasRole(locals.user, role)) error(403, translate(locals.locale, 'auth.forbidden'));
	return locals.user;
}

/**
 * For pages (loads and form actions): without a session, a redirect to the log-in page that
 * comes back here afterwards; without the role, 403. (Responses to signed-in requests are
 * marked `no-store` by the auth hook, once for the load and the action of one request.)
 */
export function requirePageRole(event: GuardEvent, role: Role): SessionUser {
	if (!event.locals.user) {
		const back = event.url.pathname + event.url.search;
		redirect(303, `/login?redirectTo=${encodeURIComponent(back)}`);
	}
	return requireRole(event.locals, role);
}
