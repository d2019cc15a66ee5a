/**
 * The `auth` hook: reads the session cookie, validates it, and puts the user and session on
 * `event.locals` (both null when anonymous). A session whose inactivity deadline moved gets its
 * cookie sent again; a cookie that names no live session is deleted.
 */
import type { Handle } from '@sveltejs/kit/hooks';
import { isSecure } from './request';
import { deleteSessionCookie, sessionCookieName, setSessionCookie, validateSessionToken } from './session';

export const auth: Handle = async ({ event, resolve }) => {
	const secure = isSecure(event);
	const token = event.cookies.get(sessionCookieName(secure));
	event.locals.user = null;
	event.locals.session = null;
	if (token) {
		const now = new Date();
		const result = await validateSessionToken(event.locals.db, token, now);
		if (result.session) {
			event.locals.user = result.user;
			event.locals.session = result.session;
			if (result.refreshed) setSessionCookie(event.cookies, token, result.session, secure, now);
		} else {
			deleteSessionCookie(event.cookies, secure);
		}
	}
	const response = await resolve(event);
	// Pages made for a signed-in person (or that just signed someone in or out) must not be
	// stored by a browser or a shared cache; responses that chose their own policy keep it.
	if ((token || event.locals.session) && !response.headers.has('cache-control')) {
		response.headers.set('cache-control', 'private, no-store');
	}
	return response;
};
