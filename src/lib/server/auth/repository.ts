/**
 * Accounts. Usernames are unique regardless of case (`users_username_key` on lower(username));
 * a clash is reported as `UsernameTakenError`, not as a database error.
 */
import type { Kysely } from 'kysely';
import type { DB, Role } from '../db/schema';

export const roles = ['contributor', 'moderator', 'admin'] as const satisfies readonly Role[];
export type { Role };

export function isRole(value: unknown): value is Role {
	return typeof value === 'string' && (roles as readonly string[]).includes(value);
}

export class UsernameTakenError extends Error {
	constructor() {
		super('username taken');
	}
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
	const candidate = error as { code?: string; constraint?: string } | null;
	return candidate?.code === '23505' && candidate.constraint === constraint;
}

export interface NewUser {
	username: string;
	email?: string | null;
	passwordHash: string;
	role?: Role;
}

export async function create(db: Kysely<DB>, user: NewUser): Promise<{ id: number }> {
	try {
		return await db
			.insertInto('users')
			.values({
				username: user.username,
				email: user.email || null,
				password_hash: user.passwordHash,
				role: user.role ?? 'contributor'
			})
			.returning('id')
			.executeTakeFirstOrThrow();
	} catch (error) {
		if (isUniqueViolation(error, 'users_username_key')) throw new UsernameTakenError();
		throw error;
	}
}

/** Looks a user up by name, ignoring case. */
export function findByUsername(db: Kysely<DB>, username: string) {
	return db
		.selectFrom('users')
		.select(['id', 'username', 'role', 'password_hash'])
		.where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
		.executeTakeFirst();
}

export function read(db: Kysely<DB>, id: number) {
	return db
		.selectFrom('users')
		.select(['id', 'username', 'email', 'role', 'password_hash', 'created_at', 'password_changed_at'])
		.where('id', '=', id)
		.executeTakeFirst();
}

/** Every account, for administrators, oldest first. */
export function list(db: Kysely<DB>) {
	return db.selectFrom('users').select(['id', 'username', 'role', 'created_at']).orderBy('id').execute();
}

export async function setRole(db: Kysely<DB>, id: number, role: Role, now = new Date()): Promise<boolean> {
	const result = await db
		.updateTable('users')
		.set({ role, role_changed_at: now })
		.where('id', '=', id)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

export async function setPasswordHash(db: Kysely<DB>, id: number, passwordHash: string, now = new Date()) {
	await db
		.updateTable('users')
		.set({ password_hash: passwordHash, password_changed_at: now })
		.where('id', '=', id)
		.execute();
}

export async function countAdmins(db: Kysely<DB>): Promise<number> {
	const row = await db
		.selectFrom('users')
		.select((eb) => eb.fn.countAll<number>().as('count'))
		.where('role', '=', 'admin')
		.executeTakeFirstOrThrow();
	return Number(row.count);
}
