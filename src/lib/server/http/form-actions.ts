/**
 * Form actions take form data only. A POST to a page with another Content-Type (`text/plain`,
 * JSON, none at all) would make the action's `request.formData()` throw, which SvelteKit turns
 * into a 500 with a stack trace in the log. No browser sends such a form, so it is refused here
 * with 415 and a message in the reader's language, before any action runs. (A malformed
 * multipart body is refused by the `security` hook.)
 *
 * The pages with actions are found from the route files themselves, so a new page is covered
 * without a list to keep.
 */
import { error } from '@sveltejs/kit';
import type { Handle } from '@sveltejs/kit/hooks';
import { translate } from '#lib/i18n/index.js';

const PAGE_SERVER_FILES = Object.keys(import.meta.glob('/src/routes/**/+page.server.ts'));

/** Route ids of the pages with a server file (`/src/routes/(account)/login/+page.server.ts` → `/(account)/login`). */
export const pageRoutes = new Set(
	PAGE_SERVER_FILES.map((file) => file.slice('/src/routes'.length, -'/+page.server.ts'.length) || '/')
);

const FORM_TYPE = /^(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i;

export const formActions: Handle = async ({ event, resolve }) => {
	const { request, route } = event;
	if (request.method === 'POST' && route.id !== null && pageRoutes.has(route.id)) {
		if (!FORM_TYPE.test(request.headers.get('content-type') ?? '')) {
			error(415, translate(event.locals.locale, 'error.formType'));
		}
	}
	return resolve(event);
};
