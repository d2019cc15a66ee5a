/**
 * Global setup of the `integration:embedded` project: migrate one in-memory embedded
 * database and dump it to a tarball; every test file starts its own copy from that dump.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../../src/lib/server/db';
import { migrateToLatest } from '../../../src/lib/server/db/migrate';

export default async function setup(project: TestProject) {
	const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'nadzor-template-'));
	const file = path.join(dir, 'template.tar.gz');
	const database = await openDatabase({});
	try {
		await migrateToLatest(database.db);
		const dump = await database.dump!();
		await fs.writeFile(file, Buffer.from(await dump.arrayBuffer()));
	} finally {
		await database.close();
	}
	project.provide('testDatabase', { backend: 'embedded', template: file });
	return async () => fs.rm(dir, { recursive: true, force: true });
}
