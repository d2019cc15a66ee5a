import type { Kysely } from 'kysely';
import type { DB } from '$lib/server/db';
import type { Locale } from '$lib/i18n';

declare global {
	namespace App {
		interface Locals {
			db: Kysely<DB>;
			locale: Locale;
			requestId: string;
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
