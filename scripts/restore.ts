/**
 * `npm run restore -- --from dir`: a backup made by `npm run backup` into an empty database
 * (DATABASE_URL, or an empty DATA_DIR for the embedded database) and the configured photo
 * storage (PHOTO_STORAGE, S3_*). Checks every photo's SHA-256 and the restored row counts.
 * Start the app afterwards: it applies any migrations newer than the backup.
 */
import './env.js';
import { parseArgs } from 'node:util';
import { config } from '../src/lib/server/config';
import { restore } from '../src/lib/server/backup';
import { createStorage } from '../src/lib/server/storage';

const { values } = parseArgs({ options: { from: { type: 'string' } } });
if (!values.from) {
	console.error('Usage: npm run restore -- --from <backup directory>');
	process.exit(2);
}
try {
	const manifest = await restore({
		from: values.from,
		url: config.DATABASE_URL,
		dataDir: config.DATA_DIR,
		storage: createStorage(config)
	});
	console.log(
		`Restored the backup of ${manifest.createdAt}: ${Object.keys(manifest.counts).length} tables, ` +
			`${manifest.photos.length} photo files, row counts checked.`
	);
} catch (error) {
	console.error(`Restore failed: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
}
