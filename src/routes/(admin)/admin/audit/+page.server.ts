import * as audit from '#lib/server/audit/repository.js';
import { requirePageRole } from '#lib/server/auth/guard.js';
import type { PageServerLoad } from './$types';

/** The newest audit entries, for administrators. */
export const load: PageServerLoad = async (event) => {
	requirePageRole(event, 'admin');
	const entries = await audit.list(event.locals.db);
	return {
		entries: entries.map((entry) => ({
			id: entry.id,
			at: new Date(entry.at).toISOString().replace('T', ' ').slice(0, 19),
			actor: entry.actor,
			action: entry.action,
			target: `${entry.target_type} ${entry.target_id}`,
			details: JSON.stringify(entry.details),
			sameClient: (entry.details as Record<string, unknown>)?.same_client === true
		}))
	};
};
