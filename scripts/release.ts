/**
 * Writes a dated release of the open data into DATA_DIR/releases/YYYY-MM-DD[-n]/ and records it
 * (the /data page lists it):
 *
 *   npm run release
 *
 * Uses DATABASE_URL, or the embedded database under DATA_DIR (also while the app runs: through its socket).
 */
import './env.js';
import { config } from '../src/lib/server/config';
import { openDatabase } from '../src/lib/server/db';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { createRelease } from '../src/lib/server/exports/releases';

async function main() {
	const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
	try {
		await migrateToLatest(database.db);
		const origin = config.ORIGIN ?? `http://localhost:${config.PORT}`;
		const release = await createRelease(database.db, { dataDir: config.DATA_DIR, origin });
		console.log(`Release ${release.name}: ${release.cameras} cameras in ${release.dir}`);
		if (release.previous) {
			console.log(
				`Since ${release.previous}: ${release.added.length} added, ${release.removed.length} removed, ${release.changed.length} changed`
			);
		} else {
			console.log('The first release.');
		}
		for (const file of release.files) console.log(`  ${file.sha256}  ${file.name} (${file.bytes} bytes)`);
	} finally {
		await database.close();
	}
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exitCode = 1;
});
