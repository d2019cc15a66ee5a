/**
 * Imports administrative boundaries (all features or none):
 *
 *   npm run areas:import -- municipalities.geojson --level municipality --name-field name \
 *     [--name-cyrl-field name_cyrl] [--name-en-field name_en] [--slug-field id] \
 *     [--population-field population --population-source "Census 2022"] [--source "..."]
 *
 * Invalid geometry is repaired (and said so) or the feature is reported and nothing is imported.
 * Uses DATABASE_URL, or the embedded database under DATA_DIR (stop the app first).
 */
import './env.js';
import fs from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { config } from '../src/lib/server/config';
import { openDatabase } from '../src/lib/server/db';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { areaLevels, importAreas, type AreaLevel } from '../src/lib/server/areas/import';

const USAGE =
	'Usage: npm run areas:import -- FILE.geojson --level ' +
	areaLevels.join('|') +
	' --name-field PROPERTY [--name-cyrl-field P] [--name-en-field P] [--slug-field P] [--population-field P] [--population-source TEXT] [--source TEXT]';

async function main() {
	const { positionals, values } = parseArgs({
		allowPositionals: true,
		options: {
			level: { type: 'string' },
			'name-field': { type: 'string' },
			'name-cyrl-field': { type: 'string' },
			'name-en-field': { type: 'string' },
			'slug-field': { type: 'string' },
			'population-field': { type: 'string' },
			'population-source': { type: 'string' },
			source: { type: 'string' }
		}
	});
	const [command, file] = positionals;
	const level = values.level as AreaLevel;
	if (command !== 'import' || !file || !values['name-field'] || !areaLevels.includes(level)) throw new Error(USAGE);
	const collection = JSON.parse(await fs.readFile(file, 'utf8'));
	const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
	try {
		await migrateToLatest(database.db);
		const result = await importAreas(database.db, collection, {
			level,
			nameField: values['name-field'],
			nameCyrlField: values['name-cyrl-field'],
			nameEnField: values['name-en-field'],
			slugField: values['slug-field'],
			populationField: values['population-field'],
			populationSource: values['population-source'],
			source: values.source
		});
		const line = (problem: { feature: number; name: string | null; message: string }) =>
			`  feature ${problem.feature}${problem.name ? ` (${problem.name})` : ''}: ${problem.message}`;
		for (const problem of result.repaired) console.log(line(problem));
		if (result.errors.length > 0) {
			console.error(`Nothing imported; ${result.errors.length} feature(s) must be fixed first:`);
			for (const problem of result.errors) console.error(line(problem));
			process.exitCode = 1;
		} else {
			console.log(`Imported ${result.imported} area(s), ${result.repaired.length} repaired.`);
		}
	} finally {
		await database.close();
	}
}

try {
	await main();
} catch (error) {
	console.error(error instanceof Error ? error.message : String(error));
	process.exitCode = 1;
}
