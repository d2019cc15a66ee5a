import type { Kysely } from 'kysely';
import type { DB } from '#lib/server/db/index.js';
import type { Locale } from '#lib/i18n/index.js';
import type { SessionValidationResult } from '#lib/server/auth/session.js';

declare global {
	namespace App {
		interface Locals {
			/** The primary: writes, and every read that must see them. */
			db: Kysely<DB>;
			/**
			 * For reads that tolerate a little lag (public data: exports, feeds, statistics, camera
			 * pages): a read replica when one is configured and the visitor is anonymous, else `db`.
			 */
			readDb: Kysely<DB>;
			locale: Locale;
			requestId: string;
			/** The signed-in user (role read from the database on this request), or null. */
			user: SessionValidationResult['user'];
			session: SessionValidationResult['session'];
			/** Set by handleError when the request failed because the database was unreachable. */
			databaseUnavailable?: boolean;
		}
		interface Error {
			message: string;
			requestId?: string;
			/** A machine-readable code, as in the API's errors: `unavailable` (try again after Retry-After). */
			error?: string;
		}
		// interface PageData {}
		// interface PageState {}
		// interface Platform {}
	}
	interface Window {
		/** Set by the e2e tests before the page loads: the map then exposes itself as `__nadzorMap`. */
		__nadzorTestHooks?: boolean;
		__nadzorMap?: import('maplibre-gl').Map;
	}
}

export {};
