/**
 * `npm run backup -- --out dir`: the database and the photo files it references, consistent
 * with each other (see src/lib/server/backup/index.ts). Uses the app's configuration (DATABASE_URL or
 * the embedded database under DATA_DIR; PHOTO_STORAGE, S3_*). It runs while the app serves: on
 * PostgreSQL with pg_dump (which must be on the PATH), on the embedded database with a dump the
 * running app takes when asked through its socket.
 */
import './env.js';
import { parseArgs } from 'node:util';
import { backup } from '../src/lib/server/backup';
import { config } from '../src/lib/server/config';
import { createStorage } from '../src/lib/server/storage';

const { values } = parseArgs({ options: { out: { type: 'string' } } });
if (!values.out) {
	console.error('Usage: npm run backup -- --out <new or empty directory>');
	process.exit(2);
}
try {
	const started = Date.now();
	const manifest = await backup({
		url: config.DATABASE_URL,
		dataDir: config.DATA_DIR,
		storage: createStorage(config),
		out: values.out
	});
	const rows = Object.values(manifest.counts).reduce((sum, count) => sum + count, 0);
	console.log(
		`Backed up ${rows} rows in ${Object.keys(manifest.counts).length} tables and ${manifest.photos.length} photo files ` +
			`to ${values.out} in ${((Date.now() - started) / 1000).toFixed(1)} s.`
	);
} catch (error) {
	console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
}
