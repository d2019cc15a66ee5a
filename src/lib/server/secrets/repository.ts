/**
 * Server-side secrets generated on first use and kept in the database (`app_secrets`), so
 * every app server derives the same values. Cached per database handle.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';

const cache = new WeakMap<Kysely<DB>, Map<string, Promise<Buffer>>>();

async function load(db: Kysely<DB>, name: string): Promise<Buffer> {
	await db
		.insertInto('app_secrets')
		.values({ name, value: randomBytes(32) })
		.onConflict((oc) => oc.column('name').doNothing())
		.execute();
	const row = await db.selectFrom('app_secrets').select('value').where('name', '=', name).executeTakeFirstOrThrow();
	return Buffer.from(row.value);
}

/** The secret called `name` (32 random bytes, created by whichever server asks first). */
export function appSecret(db: Kysely<DB>, name: string): Promise<Buffer> {
	let secrets = cache.get(db);
	if (!secrets) cache.set(db, (secrets = new Map()));
	let secret = secrets.get(name);
	if (!secret) {
		secret = load(db, name);
		// A failed attempt (database down) is retried next time instead of being cached.
		secret.catch(() => secrets.delete(name));
		secrets.set(name, secret);
	}
	return secret;
}
