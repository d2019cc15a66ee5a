/**
 * The append-only audit log of moderation and admin actions. Always written with the
 * transaction of the action itself, so an action and its record commit or fail together;
 * the database refuses to change or delete a row (migrations/0005_moderation.sql).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';

export interface AuditEntry {
	actorId: number | null;
	/** `<area>.<verb>`, e.g. `submission.approve`, `user.set_role`. */
	action: string;
	target: { type: 'submission' | 'camera' | 'user' | 'camera_model' | 'area' | 'lead'; id: string | number };
	details?: Record<string, unknown>;
}

export async function record(trx: Kysely<DB>, entry: AuditEntry): Promise<void> {
	await trx
		.insertInto('audit_log')
		.values({
			actor_id: entry.actorId,
			action: entry.action,
			target_type: entry.target.type,
			target_id: String(entry.target.id),
			details: JSON.stringify(entry.details ?? {})
		})
		.execute();
}

/** The newest entries first, with the actor's name (moderators and admins only). */
export function list(db: Kysely<DB>, limit = 200) {
	return db
		.selectFrom('audit_log')
		.leftJoin('users', 'users.id', 'audit_log.actor_id')
		.select(['audit_log.id', 'audit_log.at', 'audit_log.action', 'audit_log.target_type', 'audit_log.target_id'])
		.select(['audit_log.details', 'users.username as actor'])
		.orderBy('audit_log.id', 'desc')
		.limit(limit)
		.execute();
}
