/**
 * Backup and restore: the database and exactly the photo files it references, consistent with
 * each other. `npm run backup -- --out dir` / `npm run restore -- --from dir` (scripts/).
 *
 * PostgreSQL + PostGIS, while the app runs: a REPEATABLE READ transaction exports its snapshot;
 * `pg_dump --snapshot` dumps exactly that state, and the same transaction lists the photo keys
 * and counts the rows. Photo files are content-addressed and never modified, so copying the
 * listed keys afterwards gives the files of that state. A file can still be deleted in between
 * (a moderator blurred a photo, which replaces its files); then the whole backup is taken again
 * from a new snapshot (at most three times).
 *
 * Embedded database: PGlite's own data-directory dump, taken by the process that owns the
 * database: the running app, asked through its socket, or the backup itself while the app is
 * stopped. The dump is of one moment (no statement runs while it is taken); the manifest is read
 * from that same dump, opened in memory.
 *
 * Layout of a backup directory: `manifest.json` (backend, row counts per table, each photo's
 * key, size and SHA-256), `database.dump` (pg_dump custom format) or `database.tar.gz` (PGlite),
 * and `photos/<first two hex digits>/<key>`, the disk driver's layout. Upload records of requests
 * still in flight (`photo_uploads`) are left out (dropped on restore from an embedded dump):
 * their files are not part of the state.
 *
 * Restore goes into an empty database (PostGIS: no tables; embedded: no database under
 * DATA_DIR) and any photo storage, checks every file's SHA-256 against its key, and compares
 * the restored row counts with the manifest.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../db';
import { contentTypes, PHOTO_KEY, type PhotoStorage } from '../storage';
import * as repository from './repository';

export interface Manifest {
	format: 1;
	createdAt: string;
	backend: 'postgis' | 'embedded';
	database: string;
	counts: Record<string, number>;
	photos: { key: string; bytes: number; sha256: string }[];
}

export interface BackupOptions {
	/** PostgreSQL URL; without it the embedded database under `dataDir`. */
	url?: string;
	dataDir?: string;
	storage: PhotoStorage;
	out: string;
}

/**
 * Tables whose rows are not part of a backup: in-flight upload records, and everything that
 * lives for a day at most and could help link a row to an address: the day's client key, the
 * rate-limit counters and the log-in throttles made with it. Without the day's key, the client
 * keys kept with reports cannot be recomputed for any address (and they are 20 bits anyway,
 * `client-key.ts`).
 */
export const SKIPPED_DATA = ['photo_uploads', 'client_keys', 'rate_limits', 'login_throttle'];
/** Left out of the embedded database's dump by deleting them from a copy of it. */
const SHORT_LIVED = ['client_keys', 'rate_limits', 'login_throttle'];

/** A backup holds password hashes and unpublished photos: readable by its owner only. */
const PRIVATE_FILE = 0o600;
const PRIVATE_DIR = 0o700;

const countRows = (query: repository.Query) => repository.countRows(query, SKIPPED_DATA);

/**
 * The connection for pg_dump / pg_restore: the password goes in PGPASSWORD, not on the
 * command line, where any local user could read it in the process list.
 */
function connection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
	const parsed = new URL(url);
	const password = decodeURIComponent(parsed.password);
	parsed.password = '';
	return { dbname: parsed.toString(), env: password ? { ...process.env, PGPASSWORD: password } : process.env };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], env });
		let errors = '';
		child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
		child.on('error', (error) => reject(new Error(`${command} could not be started: ${error.message}`)));
		child.on('close', (code) =>
			code === 0 ? resolve() : reject(new Error(`${command} failed (${code}): ${errors.trim()}`))
		);
	});
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const photoPath = (dir: string, key: string) => path.join(dir, 'photos', key.slice(0, 2), key);

class MissingPhotoError extends Error {
	constructor(key: string) {
		super(`photo file ${key} is missing from the photo storage`);
	}
}

/** Copies the photo files into the backup; every one must be there and match its key. */
async function copyPhotos(storage: PhotoStorage, keys: string[], out: string): Promise<Manifest['photos']> {
	const photos: Manifest['photos'] = [];
	for (const key of keys) {
		if (!PHOTO_KEY.test(key)) throw new Error(`unexpected photo key in the database: ${key}`);
		const stored = await storage.get(key);
		if (!stored) throw new MissingPhotoError(key);
		const digest = sha256(stored.bytes);
		if (!key.startsWith(digest)) throw new Error(`photo ${key} does not match its SHA-256 (${digest})`);
		await fs.mkdir(path.dirname(photoPath(out, key)), { recursive: true, mode: PRIVATE_DIR });
		await fs.writeFile(photoPath(out, key), stored.bytes, { mode: PRIVATE_FILE });
		photos.push({ key, bytes: stored.bytes.byteLength, sha256: digest });
	}
	return photos;
}

async function backupPostgis(url: string, storage: PhotoStorage, out: string): Promise<Manifest> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	let keys: string[];
	let counts: Record<string, number>;
	try {
		const query: repository.Query = async (text) => (await client.query(text)).rows;
		const snapshot = await repository.beginSnapshot(query);
		// The dump runs while this transaction holds the snapshot open.
		const { dbname, env } = connection(url);
		const dumped = run(
			'pg_dump',
			[
				`--snapshot=${snapshot}`,
				'--format=custom',
				'--no-owner',
				'--no-privileges',
				...SKIPPED_DATA.map((table) => `--exclude-table-data=${table}`),
				`--file=${path.join(out, 'database.dump')}`,
				`--dbname=${dbname}`
			],
			env
		);
		keys = await repository.photoKeys(query);
		counts = await countRows(query);
		await dumped;
		await fs.chmod(path.join(out, 'database.dump'), PRIVATE_FILE);
		await repository.endSnapshot(query);
	} finally {
		await client.end();
	}
	const photos = await copyPhotos(storage, keys, out);
	return {
		format: 1,
		createdAt: new Date().toISOString(),
		backend: 'postgis',
		database: 'database.dump',
		counts,
		photos
	};
}

async function backupEmbedded(dataDir: string, storage: PhotoStorage, out: string): Promise<Manifest> {
	try {
		await fs.access(path.join(dataDir, 'pglite'));
	} catch {
		throw new Error(`no embedded database in ${dataDir}`);
	}
	// The process that owns the database takes the dump: this one when the app is stopped, else
	// the running app, asked through its socket (src/lib/server/db/embedded.ts).
	const database = await openDatabase({ dataDir });
	let whole: Blob;
	try {
		whole = await database.dump!();
	} finally {
		await database.close();
	}
	// The counts, the photo keys and the file all come from that one dump, opened in memory here;
	// the short-lived rows are dropped from the copy, never from the database in use.
	const copy = await openDatabase({ loadDataDir: whole });
	let keys: string[];
	let counts: Record<string, number>;
	try {
		const query: repository.Query = async (text) => (await copy.pool.query(text)).rows;
		keys = await repository.photoKeys(query);
		counts = await countRows(query);
		await repository.emptyTables(query, SHORT_LIVED);
		const dump = await copy.dump!();
		await fs.writeFile(path.join(out, 'database.tar.gz'), Buffer.from(await dump.arrayBuffer()), {
			mode: PRIVATE_FILE
		});
	} finally {
		await copy.close();
	}
	const photos = await copyPhotos(storage, keys, out);
	return {
		format: 1,
		createdAt: new Date().toISOString(),
		backend: 'embedded',
		database: 'database.tar.gz',
		counts,
		photos
	};
}

/** Writes a backup into `out` (created; must be empty). */
export async function backup(options: BackupOptions): Promise<Manifest> {
	await fs.mkdir(options.out, { recursive: true, mode: PRIVATE_DIR });
	if ((await fs.readdir(options.out)).length > 0) throw new Error(`${options.out} is not empty`);
	await fs.chmod(options.out, PRIVATE_DIR);
	for (let attempt = 1; ; attempt++) {
		try {
			const manifest = options.url
				? await backupPostgis(options.url, options.storage, options.out)
				: await backupEmbedded(options.dataDir ?? './data', options.storage, options.out);
			await fs.writeFile(path.join(options.out, 'manifest.json'), JSON.stringify(manifest, null, '\t') + '\n', {
				mode: PRIVATE_FILE
			});
			return manifest;
		} catch (error) {
			// A photo deleted after the snapshot: take the backup again from a new snapshot.
			if (!(error instanceof MissingPhotoError) || attempt >= 3) throw error;
			for (const entry of await fs.readdir(options.out)) {
				await fs.rm(path.join(options.out, entry), { recursive: true, force: true });
			}
		}
	}
}

export interface RestoreOptions {
	from: string;
	url?: string;
	dataDir?: string;
	storage: PhotoStorage;
}

async function readManifest(from: string): Promise<Manifest> {
	const manifest = JSON.parse(await fs.readFile(path.join(from, 'manifest.json'), 'utf8')) as Manifest;
	if (manifest.format !== 1) throw new Error(`unknown backup format ${String(manifest.format)}`);
	return manifest;
}

/** Restores a backup into an empty database and the given photo storage. */
export async function restore(options: RestoreOptions): Promise<Manifest> {
	const manifest = await readManifest(options.from);
	// Every file first: a damaged backup is refused before anything is written.
	for (const photo of manifest.photos) {
		const bytes = await fs.readFile(photoPath(options.from, photo.key));
		if (!PHOTO_KEY.test(photo.key) || sha256(bytes) !== photo.sha256 || !photo.key.startsWith(photo.sha256)) {
			throw new Error(`photo ${photo.key} in the backup is damaged`);
		}
	}
	if (manifest.backend === 'postgis') {
		if (!options.url) throw new Error('this backup is of PostgreSQL: set DATABASE_URL to an empty database');
		const client = new pg.Client({ connectionString: options.url });
		await client.connect();
		try {
			const query: repository.Query = async (text) => (await client.query(text)).rows;
			if ((await repository.tables(query)).length > 0)
				throw new Error('the target database is not empty: restore into a new database');
			const { dbname, env } = connection(options.url);
			await run(
				'pg_restore',
				[
					'--no-owner',
					'--no-privileges',
					'--exit-on-error',
					'--single-transaction',
					`--dbname=${dbname}`,
					path.join(options.from, manifest.database)
				],
				env
			);
			await verifyCounts(manifest, await countRows(query));
		} finally {
			await client.end();
		}
	} else {
		if (options.url) throw new Error('this backup is of the embedded database: unset DATABASE_URL');
		const dataDir = options.dataDir ?? './data';
		const exists = await fs
			.access(path.join(dataDir, 'pglite'))
			.then(() => true)
			.catch(() => false);
		if (exists) throw new Error(`${dataDir} already holds a database: restore into an empty DATA_DIR`);
		const dump = new Blob([await fs.readFile(path.join(options.from, manifest.database))]);
		const database = await openDatabase({ dataDir, loadDataDir: dump });
		try {
			// The dump holds the whole data directory: drop the records left out of a backup.
			const query: repository.Query = async (text) => (await database.pool.query(text)).rows;
			await repository.emptyTables(query, SKIPPED_DATA);
			await verifyCounts(manifest, await countRows(query));
		} finally {
			await database.close();
		}
	}
	for (const photo of manifest.photos) {
		const bytes = await fs.readFile(photoPath(options.from, photo.key));
		await options.storage.put(photo.key, new Uint8Array(bytes), contentTypes[photo.key.split('.').pop()!]);
	}
	return manifest;
}

async function verifyCounts(manifest: Manifest, counts: Record<string, number>) {
	const differences = Object.keys({ ...manifest.counts, ...counts }).filter(
		(table) => manifest.counts[table] !== counts[table]
	);
	if (differences.length > 0) {
		throw new Error(
			`restored row counts differ from the backup: ${differences
				.map((table) => `${table} ${counts[table]} (backup ${manifest.counts[table]})`)
				.join(', ')}`
		);
	}
}
