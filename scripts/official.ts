/**
 * Imports an official (or leaked) list of camera locations, GeoJSON points or CSV with
 * latitude/longitude columns (all rows or none; re-importing the same list adds nothing):
 *
 *   npm run official:import -- zagreb.geojson --name "Popis nadzornih kamera Grada Zagreba" \
 *     --source "Grad Zagreb, data.gov.hr" --date 2016-01-01 --ref-field row --location-field location \
 *     [--slug zagreb-2016] [--lat-field lat --lng-field lng] [--radius 30]
 *
 * Uses DATABASE_URL, or the embedded database under DATA_DIR (also while the app runs: through its socket).
 */
import './env.js';
import fs from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { config } from '../src/lib/server/config';
import { openDatabase } from '../src/lib/server/db';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { importList } from '../src/lib/server/official/lists';

const USAGE =
	'Usage: npm run official:import -- FILE --name NAME --source SOURCE [--date YYYY-MM-DD] [--slug SLUG] [--ref-field P] [--location-field P] [--lat-field C --lng-field C] [--radius METRES]';

async function main() {
	const { positionals, values } = parseArgs({
		allowPositionals: true,
		options: {
			name: { type: 'string' },
			source: { type: 'string' },
			date: { type: 'string' },
			slug: { type: 'string' },
			'ref-field': { type: 'string' },
			'location-field': { type: 'string' },
			'lat-field': { type: 'string' },
			'lng-field': { type: 'string' },
			radius: { type: 'string' }
		}
	});
	const [command, file] = positionals;
	if (command !== 'import' || !file || !values.name || !values.source) throw new Error(USAGE);
	if (values.date && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) throw new Error('--date must be YYYY-MM-DD');
	const radius = values.radius ? Number(values.radius) : undefined;
	if (radius !== undefined && !(radius > 0 && radius <= 500)) throw new Error('--radius must be 1 to 500 metres');
	const content = await fs.readFile(file, 'utf8');
	const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
	try {
		await migrateToLatest(database.db);
		const result = await importList(database.db, content, {
			name: values.name,
			source: values.source,
			publishedOn: values.date,
			slug: values.slug,
			refField: values['ref-field'],
			locationField: values['location-field'],
			latField: values['lat-field'],
			lngField: values['lng-field'],
			matchRadiusM: radius
		});
		if (result.errors.length > 0) {
			console.error(`Nothing imported; ${result.errors.length} row(s) must be fixed first:`);
			for (const error of result.errors) console.error(`  row ${error.row}: ${error.message}`);
			process.exitCode = 1;
		} else {
			console.log(`List "${result.slug}": ${result.points} points, ${result.inserted} new.`);
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
