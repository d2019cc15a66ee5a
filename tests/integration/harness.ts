/**
 * `testDatabase()`: a fresh, migrated database for one test file, on the backend of the
 * running vitest project (embedded PGlite, or real PostGIS when TEST_DATABASE_URL is set).
 *
 *   let database: Database;
 *   beforeAll(async () => (database = await testDatabase()));
 *   afterAll(() => database.close());
 */
import fs from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/lib/server/db';
import { databaseUrl } from './setup/urls';

export type TestDatabaseContext =
	{ backend: 'embedded'; template: string } | { backend: 'postgis'; template: string; adminUrl: string };

declare module 'vitest' {
	export interface ProvidedContext {
		testDatabase: TestDatabaseContext;
	}
}

export async function testDatabase(): Promise<Database> {
	const context = inject('testDatabase');
	if (context.backend === 'embedded') {
		const dump = new Blob([await fs.readFile(context.template)]);
		return openDatabase({ loadDataDir: dump });
	}
	const name = `nadzor_test_${context.template.split('_').pop()}_${randomBytes(6).toString('hex')}`;
	const admin = new pg.Client({ connectionString: context.adminUrl });
	await admin.connect();
	try {
		await admin.query(`CREATE DATABASE ${name} TEMPLATE ${context.template}`);
	} finally {
		await admin.end();
	}
	const database = await openDatabase({ url: databaseUrl(context.adminUrl, name), max: 4 });
	return {
		...database,
		async close() {
			await database.close();
			const cleanup = new pg.Client({ connectionString: context.adminUrl });
			await cleanup.connect();
			await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
			await cleanup.end();
		}
	};
}

/** The backend this test file runs on, for names in test titles. */
export function testBackend(): 'embedded' | 'postgis' {
	return inject('testDatabase').backend;
}
