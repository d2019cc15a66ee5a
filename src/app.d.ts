import type { Kysely } from 'kysely';
import type { DB } from '$lib/server/db';
import type { Locale } from '$lib/i18n';
import type { SessionValidationResult } from '$lib/server/auth/session';

declare global {
	namespace App {
		interface Locals {
			db: Kysely<DB>;
			locale: Locale;
			requestId: string;
			/** The signed-in user (role read from the database on this request), or null. */
			user: SessionValidationResult['user'];
			session: SessionValidationResult['session'];
		}
		interface Error {
			message: string;
			requestId?: string;
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
