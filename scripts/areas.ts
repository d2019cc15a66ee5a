/**
 * Imports administrative boundaries (all features or none):
 *
 *   npm run areas:import -- municipalities.geojson --level municipality --name-field name \
 *     [--name-cyrl-field name_cyrl] [--name-en-field name_en] [--slug-field id] \
 *     [--population-field population --population-source "Census 2022"] [--source "..."]
 *
 * Invalid geometry is repaired (and said so) or the feature is reported and nothing is imported.
 *
 * The number of cameras an authority says it operates in an area (audit-logged, as by the admin page):
 *
 *   npm run areas:claim -- --area novi-beograd --cameras 120 --source "MUP, odgovor na zahtev" \
 *     --date 2021-02-15 [--url https://…]
 *   npm run areas:claim -- --area novi-beograd --remove
 * Uses DATABASE_URL, or the embedded database under DATA_DIR (also while the app runs: through its socket).
 */
import './env.js';
import fs from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { config } from '../src/lib/server/config';
import { openDatabase } from '../src/lib/server/db';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { areaLevels, importAreas, type AreaLevel } from '../src/lib/server/areas/import';
import * as claims from '../src/lib/server/areas/claims';
import { parseAreaClaim } from '../src/lib/schemas/area-claim';

const USAGE =
	'Usage: npm run areas:import -- FILE.geojson --level ' +
	areaLevels.join('|') +
	' --name-field PROPERTY [--name-cyrl-field P] [--name-en-field P] [--slug-field P] [--population-field P] [--population-source TEXT] [--source TEXT]';

const CLAIM_USAGE =
	'Usage: npm run areas:claim -- --area SLUG --cameras N --source TEXT --date YYYY-MM-DD [--url URL] | --area SLUG --remove';

async function claim(args: string[]) {
	const { values } = parseArgs({
		args,
		options: {
			area: { type: 'string' },
			cameras: { type: 'string' },
			source: { type: 'string' },
			date: { type: 'string' },
			url: { type: 'string' },
			remove: { type: 'boolean' }
		}
	});
	if (!values.area) throw new Error(CLAIM_USAGE);
	const parsed = values.remove
		? null
		: parseAreaClaim(
				{ cameras: values.cameras, source: values.source, statedOn: values.date, url: values.url ?? '' },
				'en'
			);
	if (parsed && !parsed.success) {
		const flag: Record<string, string> = { statedOn: 'date' };
		for (const [field, message] of Object.entries(parsed.fields))
			console.error(`  --${flag[field] ?? field}: ${message}`);
		throw new Error(`Nothing saved.\n${CLAIM_USAGE}`);
	}
	const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
	try {
		await migrateToLatest(database.db);
		if (parsed) {
			await claims.set(database.db, values.area, parsed.data, null);
			console.log(`Saved: ${values.area}, officially admitted ${parsed.data.cameras} (${parsed.data.source}).`);
		} else {
			const removed = await claims.remove(database.db, values.area, null);
			console.log(removed ? `Removed the claim for ${values.area}.` : `${values.area} had no claim.`);
		}
	} finally {
		await database.close();
	}
}

async function main() {
	if (process.argv[2] === 'claim') return claim(process.argv.slice(3));
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
