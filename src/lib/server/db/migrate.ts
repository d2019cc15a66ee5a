/**
 * Migrations are SQL files in `migrations/` named `NNNN_name.sql`, each with a
 * `-- migrate:up` and a `-- migrate:down` section, applied in order by Kysely's Migrator.
 * They run as plain SQL (simple query protocol), identical on both backends.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';

export const MIGRATIONS_DIR = path.resolve(process.env.MIGRATIONS_DIR ?? 'migrations');

function splitSections(file: string, text: string): { up: string; down: string } {
	const up = text.indexOf('-- migrate:up');
	const down = text.indexOf('-- migrate:down');
	if (up === -1 || down === -1 || down < up) {
		throw new Error(`${file}: needs a "-- migrate:up" section followed by a "-- migrate:down" section`);
	}
	return { up: text.slice(up, down), down: text.slice(down) };
}

class SqlFileProvider implements MigrationProvider {
	constructor(private readonly dir: string) {}

	async getMigrations(): Promise<Record<string, Migration>> {
		const files = (await fs.readdir(this.dir)).filter((name) => /^\d{4}_[\w-]+\.sql$/.test(name)).sort();
		const migrations: Record<string, Migration> = {};
		for (const file of files) {
			const { up, down } = splitSections(file, await fs.readFile(path.join(this.dir, file), 'utf8'));
			migrations[file.replace(/\.sql$/, '')] = {
				up: async (db: Kysely<unknown>) => void (await sql.raw(up).execute(db)),
				down: async (db: Kysely<unknown>) => void (await sql.raw(down).execute(db))
			};
		}
		return migrations;
	}
}

function migrator(db: Kysely<unknown>, dir = MIGRATIONS_DIR) {
	// Unordered: 0003 (tiles) was added after 0004 had been applied in existing databases; the
	// migrations touch separate objects, so applying a late lower number is safe.
	return new Migrator({ db, provider: new SqlFileProvider(dir), allowUnorderedMigrations: true });
}

function check(results: Awaited<ReturnType<Migrator['migrateToLatest']>>) {
	if (results.error) {
		const failed = results.results?.find((result) => result.status === 'Error');
		const cause = results.error instanceof Error ? results.error.message : String(results.error);
		throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${cause}`);
	}
	return (results.results ?? []).map((result) => result.migrationName);
}

/** Applies every pending migration; returns the names applied. */
export async function migrateToLatest(db: Kysely<any>, dir?: string): Promise<string[]> {
	return check(await migrator(db, dir).migrateToLatest());
}

/** Undoes the most recent migration; returns its name. */
export async function migrateDown(db: Kysely<any>, dir?: string): Promise<string[]> {
	return check(await migrator(db, dir).migrateDown());
}
