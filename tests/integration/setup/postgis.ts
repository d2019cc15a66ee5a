/**
 * Global setup of the `integration:postgis` project: migrate a template database on the
 * real PostgreSQL + PostGIS server at TEST_DATABASE_URL; every test file clones it
 * (CREATE DATABASE ... TEMPLATE), which takes milliseconds.
 */
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../../src/lib/server/db';
import { migrateToLatest } from '../../../src/lib/server/db/migrate';
import { databaseUrl } from './urls';

export default async function setup(project: TestProject) {
	const adminUrl = process.env.TEST_DATABASE_URL;
	if (!adminUrl) throw new Error('TEST_DATABASE_URL is required for the integration:postgis project');
	const template = `nadzor_template_${process.pid}`;
	const admin = new pg.Client({ connectionString: adminUrl });
	await admin.connect();
	await admin.query(`DROP DATABASE IF EXISTS ${template}`);
	await admin.query(`CREATE DATABASE ${template}`);
	const database = await openDatabase({ url: databaseUrl(adminUrl, template), max: 1 });
	try {
		await migrateToLatest(database.db);
	} finally {
		await database.close();
	}
	project.provide('testDatabase', { backend: 'postgis', template, adminUrl });

	return async () => {
		// Clones left behind by a crashed test file, then the template itself.
		const { rows } = await admin.query<{ datname: string }>(
			`SELECT datname FROM pg_database WHERE datname LIKE 'nadzor_test_${process.pid}_%'`
		);
		for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
		await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
		await admin.end();
	};
}
