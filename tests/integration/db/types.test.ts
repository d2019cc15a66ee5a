import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db';
import { generateTypes, GENERATED_TYPES_FILE } from '../../../src/lib/server/db/codegen';
import { testBackend, testDatabase } from '../harness';

describe(`generated database types (${testBackend()})`, () => {
	let database: Database;
	beforeAll(async () => {
		database = await testDatabase();
	});
	afterAll(() => database?.close());

	it('are what the migrations produce (after changing a migration: npm run db:types)', async () => {
		const committed = await fs.readFile(GENERATED_TYPES_FILE, 'utf8');
		expect(await generateTypes(database.db)).toBe(committed);
	});
});
