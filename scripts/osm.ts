/**
 * Imports the surveillance cameras of an OpenStreetMap file as leads for moderators to confirm
 * (never as verified cameras):
 *
 *   npm run osm:import -- city.osm.pbf|city.osm|export.geojson [--bbox minLon,minLat,maxLon,maxLat]
 *
 * Reads `man_made=surveillance` nodes, and ways as their centroid, with their tags
 * (src/lib/server/osm/read.ts); importing again updates leads by OSM type and id and adds no
 * duplicate. Uses DATABASE_URL, or the embedded database under DATA_DIR (also while the app runs:
 * through its socket).
 */
import './env.js';
import { parseArgs } from 'node:util';
import { config } from '../src/lib/server/config';
import { openDatabase } from '../src/lib/server/db';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { readSurveillance, type Bbox } from '../src/lib/server/osm/read';
import { importLeads } from '../src/lib/server/osm/leads';

const USAGE = 'Usage: npm run osm:import -- FILE.osm.pbf|FILE.osm|FILE.geojson [--bbox minLon,minLat,maxLon,maxLat]';

function parseBbox(value: string | undefined): Bbox | undefined {
	if (value === undefined) return undefined;
	const numbers = value.split(',').map(Number);
	const [w, s, e, n] = numbers;
	if (numbers.length !== 4 || numbers.some((x) => !Number.isFinite(x)) || w >= e || s >= n || s < -90 || n > 90)
		throw new Error(`--bbox must be minLon,minLat,maxLon,maxLat (west < east, south < north).\n${USAGE}`);
	return [w, s, e, n];
}

async function main() {
	const { positionals, values } = parseArgs({
		allowPositionals: true,
		options: { bbox: { type: 'string' } }
	});
	const [command, file] = positionals;
	if (command !== 'import' || !file) throw new Error(USAGE);
	const started = performance.now();
	const objects = readSurveillance(file, parseBbox(values.bbox));
	const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
	try {
		await migrateToLatest(database.db);
		const result = await importLeads(database.db, objects);
		const ways = objects.filter((object) => object.type === 'way').length;
		console.log(
			`Read ${result.read} surveillance objects (${result.read - ways} nodes, ${ways} ways): ` +
				`${result.added} new leads, ${result.updated} updated, ${result.unchanged} unchanged ` +
				`(${Math.round(performance.now() - started)} ms). © OpenStreetMap contributors, ODbL 1.0.`
		);
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
