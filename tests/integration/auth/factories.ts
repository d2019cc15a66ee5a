/** Test data for accounts: users with a known password. */
import type { Kysely } from 'kysely';
import type { DB, Role } from '../../../src/lib/server/db/schema';
import { hashPassword } from '../../../src/lib/server/auth/password';
import * as users from '../../../src/lib/server/auth/repository';

let counter = 0;

export const PASSWORD = 'correct horse battery staple';

export async function createUser(
	db: Kysely<DB>,
	options: { username?: string; role?: Role; password?: string } = {}
): Promise<{ id: number; username: string; password: string; role: Role }> {
	counter += 1;
	const username = options.username ?? `user${counter}_${Math.random().toString(36).slice(2, 8)}`;
	const password = options.password ?? PASSWORD;
	const role = options.role ?? 'contributor';
	const { id } = await users.create(db, { username, passwordHash: await hashPassword(password), role });
	return { id, username, password, role };
}
