/**
 * Database CLI: `npm run db:migrate`, `npm run db:rollback`,
 * `npm run db:seed [-- --dataset demo|osm-us-west]`, `npm run stats:coverage` (computes the coverage
 * cells still to do now, e.g. after a bulk import, instead of leaving them to the app's job).
 * Uses DATABASE_URL, or the embedded database under DATA_DIR (also while the app runs: through its
 * socket, src/lib/server/db/owner.ts).
 */
import './env.js';
import { parseArgs } from 'node:util';
import { config } from '../src/lib/server/config';
import { openDatabase } from '../src/lib/server/db';
import { migrateDown, migrateToLatest } from '../src/lib/server/db/migrate';
import { seedBelgradeArea, seedBelgradeMunicipalities, seedDemoCameras } from '../seeds/demo';
import { seedOsmUsWest } from '../seeds/osm-us-west';
import { refreshCoverage } from '../src/lib/server/stats/coverage';

const { positionals, values } = parseArgs({
	allowPositionals: true,
	options: { dataset: { type: 'string', default: 'demo' } }
});
const command = positionals[0];

const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
try {
	if (command === 'migrate') {
		const applied = await migrateToLatest(database.db);
		console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Already up to date.');
	} else if (command === 'rollback') {
		console.log(`Rolled back: ${(await migrateDown(database.db)).join(', ') || 'nothing'}`);
	} else if (command === 'seed') {
		await migrateToLatest(database.db);
		if (values.dataset === 'demo') {
			await seedBelgradeArea(database.db);
			await seedBelgradeMunicipalities(database.db);
			const cameras = await seedDemoCameras(database.db);
			console.log(`Seeded the Belgrade outline, its 17 municipalities and ${cameras} demo cameras.`);
		} else if (values.dataset === 'osm-us-west') {
			console.log(`Seeded ${await seedOsmUsWest(database.db)} OpenStreetMap cameras (© OpenStreetMap contributors).`);
		} else {
			throw new Error(`Unknown dataset "${values.dataset}": use demo or osm-us-west.`);
		}
	} else if (command === 'coverage') {
		const started = performance.now();
		const squares = await refreshCoverage(database.db);
		console.log(
			`Coverage: ${squares} grid squares recomputed in ${((performance.now() - started) / 1000).toFixed(1)} s.`
		);
	} else {
		throw new Error('Usage: tsx scripts/db.ts migrate | rollback | seed [--dataset demo|osm-us-west] | coverage');
	}
} catch (error) {
	console.error(error instanceof Error ? error.message : error);
	process.exitCode = 1;
} finally {
	await database.close();
}
