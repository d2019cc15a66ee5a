/**
 * Accounts as seen from a request: the app's origin, the cookie, starting and ending a session,
 * and an account action's refusal as a form failure.
 */
import { fail, type RequestEvent } from '@sveltejs/kit';
import { translate } from '#lib/i18n/index.js';
import { accountWording } from '#lib/schemas/account.js';
import { fieldMessages, type FieldErrors } from '#lib/schemas/form.js';
import { config } from '../config';
import type { Outcome } from './accounts';
import { createSession, deleteSessionCookie, invalidateSession, setSessionCookie } from './session';

/**
 * The origin the app is served from: ORIGIN when configured (production behind a proxy),
 * otherwise the request's own URL (development, tests).
 */
export function appOrigin(event: Pick<RequestEvent, 'url'>): string {
	return config.ORIGIN ? new URL(config.ORIGIN).origin : event.url.origin;
}

/** Over HTTPS cookies are Secure and carry the `__Host-` prefix. */
export function isSecure(event: Pick<RequestEvent, 'url'>): boolean {
	return appOrigin(event).startsWith('https:');
}

/**
 * Starts a session for `userId` on this device. A session the request already carried (of
 * whoever) is ended first: a log-in always gets a new token, never upgrades an old one.
 */
export async function startSession(event: RequestEvent, userId: number, now = new Date()): Promise<void> {
	if (event.locals.session) await invalidateSession(event.locals.db, event.locals.session.id);
	const { token, session } = await createSession(event.locals.db, userId, now);
	setSessionCookie(event.cookies, token, session, isSecure(event), now);
	event.locals.session = session;
}

export async function endSession(event: RequestEvent): Promise<void> {
	if (event.locals.session) await invalidateSession(event.locals.db, event.locals.session.id);
	deleteSessionCookie(event.cookies, isSecure(event));
	event.locals.session = null;
	event.locals.user = null;
}

const SAME_SITE = 'http://same-site.invalid';

/**
 * Where to go after logging in: a path on this site only. The value is resolved the way a browser
 * resolves a Location header (tabs and newlines dropped, backslashes as slashes, dot segments
 * removed) and kept only when it stays on the same origin and cannot be read as `//elsewhere`;
 * what is returned is the resolved, percent-encoded path, so no control character reaches the
 * header. Anything else goes to `fallback`.
 */
export function safeRedirectTarget(value: string | null | undefined, fallback = '/account'): string {
	if (!value || !value.startsWith('/')) return fallback;
	let target: URL;
	try {
		target = new URL(value, SAME_SITE);
	} catch {
		return fallback;
	}
	if (target.origin !== SAME_SITE) return fallback;
	const path = `${target.pathname}${target.search}${target.hash}`;
	if (!path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return fallback;
	return path;
}

/**
 * A refused sign-up, log-in or password change as the form's failure, worded in the reader's
 * language: a throttled attempt says when to try again (and sends Retry-After), any other refusal
 * names its fields. `extra` goes back beside the messages (the values typed, the action's name).
 */
export function refusal<Extra extends object>(
	event: RequestEvent,
	outcome: Extract<Outcome<object>, { ok: false }>,
	extra: Extra
) {
	const { locale } = event.locals;
	let fields: FieldErrors;
	if (outcome.status === 429) {
		event.setHeaders({ 'retry-after': String(outcome.retryAfter) });
		fields = { form: translate(locale, 'account.error.throttled', { count: outcome.retryAfter }) };
	} else {
		fields = fieldMessages(locale, outcome.fields, accountWording);
	}
	return fail(outcome.status, { ...extra, fields });
}
