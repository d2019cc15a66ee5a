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
}

export {};
