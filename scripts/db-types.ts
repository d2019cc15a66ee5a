/**
 * `npm run db:types`: migrates a scratch database (the embedded one, in memory) and writes the
 * Kysely table types it has to src/lib/server/db/schema.generated.ts. With `--check` it writes
 * nothing and fails when the committed file differs (tests/integration/db/types.test.ts checks the
 * same on both backends).
 */
import fs from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/lib/server/db';
import { generateTypes, GENERATED_TYPES_FILE } from '../src/lib/server/db/codegen';
import { migrateToLatest } from '../src/lib/server/db/migrate';

const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });

const database = await openDatabase({});
try {
	await migrateToLatest(database.db);
	const generated = await generateTypes(database.db);
	const committed = await fs.readFile(GENERATED_TYPES_FILE, 'utf8').catch(() => '');
	if (generated === committed) {
		console.log(`${GENERATED_TYPES_FILE} matches the migrations.`);
	} else if (values.check) {
		console.error(`${GENERATED_TYPES_FILE} differs from the migrations: run \`npm run db:types\` and commit it.`);
		process.exitCode = 1;
	} else {
		await fs.writeFile(GENERATED_TYPES_FILE, generated);
		console.log(`Wrote ${GENERATED_TYPES_FILE}.`);
	}
} catch (error) {
	console.error(error instanceof Error ? error.message : error);
	process.exitCode = 1;
} finally {
	await database.close();
}
