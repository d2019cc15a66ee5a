/**
 * Restore drill: back up a database with reports, decisions, an official list and photos while
 * reports keep arriving, restore it into an empty database and empty photo storage, and check
 * that row counts equal the backup's, that every referenced photo exists with its SHA-256, and
 * that no file is left over on either side. PostgreSQL + PostGIS with photos on disk and on an
 * S3-compatible server; the embedded database with photos on disk, backed up while the app runs
 * (the app takes the dump, asked through its socket) and while it is stopped.
 */
import { createHash, randomBytes } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { backup, restore, SKIPPED_DATA, type Manifest } from '../../../src/lib/server/backup';
import { openDatabase, type Database, type DB } from '../../../src/lib/server/db';
import { migrateToLatest } from '../../../src/lib/server/db/migrate';
import { diskStorage, s3Storage, type PhotoStorage } from '../../../src/lib/server/storage';
import { startApp } from '../app';
import { createUser, plainPhoto, report } from '../../support/factories';
import { testBackend, testDatabase } from '../harness';
import { arrangeReports } from '../moderation/factories';
import { databaseUrl } from '../setup/urls';

const temporary = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

interface Store {
	storage: PhotoStorage;
	/** Every file key the store holds. */
	list(): Promise<string[]>;
	stop(): Promise<void>;
}

function diskStore(): Store {
	const root = temporary('nadzor-drill-photos-');
	return {
		storage: diskStorage(root),
		async list() {
			return fs
				.readdirSync(root, { recursive: true, withFileTypes: true })
				.filter((entry) => entry.isFile())
				.map((entry) => entry.name);
		},
		async stop() {
			fs.rmSync(root, { recursive: true, force: true });
		}
	};
}

async function s3Store(server: { port: number }, bucket: string): Promise<Store> {
	const options = {
		endpoint: `http://127.0.0.1:${server.port}`,
		region: 'us-east-1',
		accessKeyId: 'S3RVER',
		secretAccessKey: 'S3RVER',
		forcePathStyle: true
	};
	const client = new S3Client({
		endpoint: options.endpoint,
		region: options.region,
		forcePathStyle: true,
		credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey }
	});
	return {
		storage: s3Storage({ ...options, bucket }),
		async list() {
			const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket }));
			return (listed.Contents ?? []).map((object) => object.Key!);
		},
		async stop() {
			client.destroy();
		}
	};
}

/** Rows per table, as the drill compares them. */
async function counts(db: Kysely<DB>): Promise<Record<string, number>> {
	const { rows } = await sql<{ table_name: string }>`
		SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'
		AND table_type = 'BASE TABLE' AND table_name <> 'spatial_ref_sys'`.execute(db);
	const result: Record<string, number> = {};
	// A backup leaves these tables' rows out on purpose (SKIPPED_DATA): not compared.
	for (const { table_name } of rows.filter(({ table_name }) => !SKIPPED_DATA.includes(table_name))) {
		const { rows: counted } = await sql<{
			count: number;
		}>`SELECT count(*)::int AS count FROM ${sql.table(table_name)}`.execute(db);
		result[table_name] = counted[0].count;
	}
	return result;
}

async function referencedKeys(db: Kysely<DB>): Promise<string[]> {
	const rows = await db.selectFrom('photos').select(['display_key', 'thumb_key']).execute();
	return [...new Set(rows.flatMap((row) => [row.display_key, row.thumb_key]))].sort();
}

/** Arranges data worth restoring: reports with photos, decisions, users, an official list. */
async function arrange(db: Kysely<DB>, storage: PhotoStorage) {
	const contributor = await createUser(db);
	const moderator = await createUser(db, { role: 'moderator' });
	await arrangeReports({ db, storage }, contributor, moderator);
	await report(db, storage, { photos: [await plainPhoto(30), await plainPhoto(60)] });
}

/** Checks a restored system against the manifest: counts, files, hashes, no orphans. */
async function expectRestored(manifest: Manifest, backupDir: string, db: Kysely<DB>, store: Store) {
	expect(await counts(db)).toEqual(manifest.counts);
	expect(manifest.counts.submissions).toBeGreaterThanOrEqual(4);
	expect(manifest.counts.photos).toBeGreaterThanOrEqual(5);
	const referenced = await referencedKeys(db);
	expect(manifest.photos.map((photo) => photo.key).sort()).toEqual(referenced);
	// Exactly the referenced files on both sides: nothing missing, nothing extra.
	expect((await store.list()).sort()).toEqual(referenced);
	const inBackup = fs
		.readdirSync(path.join(backupDir, 'photos'), { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => entry.name)
		.sort();
	expect(inBackup).toEqual(referenced);
	for (const key of referenced) {
		const stored = await store.storage.get(key);
		expect(stored, key).not.toBeNull();
		expect(`${createHash('sha256').update(stored!.bytes).digest('hex')}.webp`).toBe(key);
	}
}

describe(`backup and restore drill (${testBackend()})`, () => {
	if (testBackend() === 'postgis') {
		let source: Database;
		let sourceUrl: string;
		let s3: S3rver;
		let s3Port: number;
		let s3Dir: string;
		const cleanups: (() => Promise<void>)[] = [];

		beforeAll(async () => {
			source = await testDatabase();
			sourceUrl = (source.pool as unknown as { options: { connectionString: string } }).options.connectionString;
			s3Dir = temporary('nadzor-drill-s3-');
			s3 = new S3rver({
				port: 0,
				address: '127.0.0.1',
				directory: s3Dir,
				silent: true,
				configureBuckets: ['source', 'restored-1', 'restored-2'].map((name) => ({ name, configs: [] }))
			});
			({ port: s3Port } = await s3.run());
		});
		afterAll(async () => {
			for (const cleanup of cleanups.reverse()) await cleanup();
			await source?.close();
			await s3?.close();
			fs.rmSync(s3Dir, { recursive: true, force: true });
		});

		/** An empty database on the test server, dropped after the file. */
		async function emptyDatabase(): Promise<{ url: string; database: Database }> {
			const context = inject('testDatabase') as { adminUrl: string };
			const name = `nadzor_drill_${randomBytes(6).toString('hex')}`;
			const admin = new pg.Client({ connectionString: context.adminUrl });
			await admin.connect();
			await admin.query(`CREATE DATABASE ${name}`);
			await admin.end();
			const url = databaseUrl(context.adminUrl, name);
			const database = await openDatabase({ url, max: 2 });
			cleanups.push(async () => {
				await database.close();
				const drop = new pg.Client({ connectionString: context.adminUrl });
				await drop.connect();
				await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
				await drop.end();
			});
			return { url, database };
		}

		const drivers: [string, () => Promise<{ from: Store; to: Store }>][] = [
			['disk', async () => ({ from: diskStore(), to: diskStore() })],
			[
				'S3-compatible storage',
				async () => ({
					from: await s3Store({ port: s3Port }, 'source'),
					to: await s3Store({ port: s3Port }, 'restored-1')
				})
			]
		];

		for (const [driver, stores] of drivers) {
			it(`PostGIS, photos on ${driver}: a backup taken while reports arrive restores exactly`, async () => {
				const { from, to } = await stores();
				cleanups.push(from.stop, to.stop);
				// Each driver gets its own source database: arrange into a fresh clone.
				const own = await testDatabase();
				cleanups.push(() => own.close());
				const url = (own.pool as unknown as { options: { connectionString: string } }).options.connectionString;
				await arrange(own.db, from.storage);

				// Reports keep arriving while the backup runs.
				let writing = true;
				let written = 0;
				const writer = (async () => {
					while (writing) {
						await report(own.db, from.storage, { photos: [await plainPhoto(written % 250)] });
						written++;
					}
				})();
				const backupDir = temporary('nadzor-drill-backup-');
				cleanups.push(async () => fs.rmSync(backupDir, { recursive: true, force: true }));
				const started = performance.now();
				const manifest = await backup({ url, storage: from.storage, out: backupDir });
				const backupMs = performance.now() - started;
				writing = false;
				await writer;
				expect(written).toBeGreaterThan(0);
				expect(manifest.backend).toBe('postgis');

				const target = await emptyDatabase();
				const restoreStarted = performance.now();
				await restore({ from: backupDir, url: target.url, storage: to.storage });
				console.log(
					`drill (PostGIS, ${driver}): backup ${backupMs.toFixed(0)} ms, restore ${(performance.now() - restoreStarted).toFixed(0)} ms, ` +
						`${manifest.photos.length} files, ${written} reports written during the backup`
				);
				await expectRestored(manifest, backupDir, target.database.db, to);
				// The restored database is a working one: the migrator finds nothing to do.
				expect(await migrateToLatest(target.database.db)).toEqual([]);
				// And a second restore into it is refused rather than mixed in.
				await expect(restore({ from: backupDir, url: target.url, storage: to.storage })).rejects.toThrow(/not empty/);
			});
		}

		it('a damaged photo in a backup is refused before anything is restored', async () => {
			const from = diskStore();
			cleanups.push(from.stop);
			await arrange(source.db, from.storage);
			const backupDir = temporary('nadzor-drill-backup-');
			cleanups.push(async () => fs.rmSync(backupDir, { recursive: true, force: true }));
			const manifest = await backup({ url: sourceUrl, storage: from.storage, out: backupDir });
			const victim = manifest.photos[0].key;
			fs.writeFileSync(path.join(backupDir, 'photos', victim.slice(0, 2), victim), 'not the photo');
			const target = await emptyDatabase();
			const to = await s3Store({ port: s3Port }, 'restored-2');
			await expect(restore({ from: backupDir, url: target.url, storage: to.storage })).rejects.toThrow(/damaged/);
			expect(await counts(target.database.db)).toEqual({});
			expect(await to.list()).toEqual([]);
		});

		it('npm run backup and npm run restore work from the command line', async () => {
			const own = await testDatabase();
			cleanups.push(() => own.close());
			const url = (own.pool as unknown as { options: { connectionString: string } }).options.connectionString;
			const dataDir = temporary('nadzor-drill-data-');
			const restoredDataDir = temporary('nadzor-drill-data-restored-');
			const backupDir = path.join(temporary('nadzor-drill-cli-'), 'backup');
			cleanups.push(async () => {
				for (const dir of [dataDir, restoredDataDir, path.dirname(backupDir)]) {
					fs.rmSync(dir, { recursive: true, force: true });
				}
			});
			await arrange(own.db, diskStorage(path.join(dataDir, 'photos')));
			const cli = (script: string, args: string[], env: Record<string, string>) =>
				spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
					env: { ...process.env, PHOTO_STORAGE: 'disk', ...env },
					encoding: 'utf8'
				});
			const made = cli('scripts/backup.ts', ['--out', backupDir], { DATABASE_URL: url, DATA_DIR: dataDir });
			expect(made.stderr).toBe('');
			expect(made.status).toBe(0);
			expect(made.stdout).toMatch(/^Backed up \d+ rows in \d+ tables and \d+ photo files/);
			const target = await emptyDatabase();
			const restored = cli('scripts/restore.ts', ['--from', backupDir], {
				DATABASE_URL: target.url,
				DATA_DIR: restoredDataDir
			});
			expect(restored.stderr).toBe('');
			expect(restored.status).toBe(0);
			expect(await counts(target.database.db)).toEqual(await counts(own.db));
			expect(await referencedKeys(target.database.db)).toEqual(await referencedKeys(own.db));
			// A second run into the same, now full, database is refused with a message and exit code 1.
			const again = cli('scripts/restore.ts', ['--from', backupDir], {
				DATABASE_URL: target.url,
				DATA_DIR: restoredDataDir
			});
			expect(again.status).toBe(1);
			expect(again.stderr).toMatch(/Restore failed: the target database is not empty/);
			const usage = cli('scripts/restore.ts', [], {});
			expect(usage.status).toBe(2);
			expect(usage.stderr).toMatch(/Usage: npm run restore -- --from/);
		});
	} else {
		let dataDir: string;
		let restoredDir: string;
		beforeAll(() => {
			dataDir = temporary('nadzor-drill-embedded-');
			restoredDir = temporary('nadzor-drill-embedded-restored-');
		});
		afterAll(() => {
			fs.rmSync(dataDir, { recursive: true, force: true });
			fs.rmSync(restoredDir, { recursive: true, force: true });
		});

		/** Restores `backupDir` into `restoredDir` and checks it against the manifest. */
		async function expectRestoresExactly(manifest: Manifest, backupDir: string) {
			const root = path.join(restoredDir, 'photos');
			const to: Store = {
				storage: diskStorage(root),
				async list() {
					return fs
						.readdirSync(root, { recursive: true, withFileTypes: true })
						.filter((entry) => entry.isFile())
						.map((entry) => entry.name);
				},
				async stop() {}
			};
			await restore({ from: backupDir, dataDir: restoredDir, storage: to.storage });
			const restored = await openDatabase({ dataDir: restoredDir });
			try {
				await expectRestored(manifest, backupDir, restored.db, to);
				// The rows a backup leaves out are not in the restored database either.
				for (const table of SKIPPED_DATA) {
					const { rows } = await sql<{ count: number }>`SELECT count(*)::int AS count FROM ${sql.table(table)}`.execute(
						restored.db
					);
					expect(rows[0].count, table).toBe(0);
				}
				expect(await migrateToLatest(restored.db)).toEqual([]);
			} finally {
				await restored.close();
			}
		}

		it('embedded, photos on disk: a backup taken while the app runs and reports arrive restores exactly', async () => {
			// The app owns the database; the backup runs as `npm run backup` does, in a process of its
			// own, and asks the app for the dump through its socket.
			const app = await startApp();
			const backupDir = temporary('nadzor-drill-running-');
			try {
				await arrange(app.db, app.storage);
				let writing = true;
				let written = 0;
				const health: number[] = [];
				const writer = (async () => {
					while (writing) {
						await report(app.db, app.storage, { photos: [await plainPhoto(written % 250)] });
						health.push((await app.request('/healthz')).status);
						written++;
					}
				})();
				const made = await new Promise<{ code: number | null; output: string }>((resolve) => {
					const child = spawn(
						process.execPath,
						['--import', 'tsx', 'scripts/backup.ts', '--out', path.join(backupDir, 'backup')],
						{
							env: { ...process.env, DATABASE_URL: '', DATA_DIR: app.dataDir, PHOTO_STORAGE: 'disk' },
							stdio: ['ignore', 'pipe', 'pipe']
						}
					);
					let output = '';
					child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
					child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
					child.on('close', (code) => resolve({ code, output }));
				});
				writing = false;
				await writer;
				expect(made.output).toMatch(/^Backed up \d+ rows/);
				expect(made.code).toBe(0);
				expect(written).toBeGreaterThan(0);
				expect(health.filter((status) => status !== 200)).toEqual([]);
				// The app still owns its database and serves.
				expect(Number(fs.readFileSync(path.join(app.dataDir, 'pglite.pid'), 'utf8').trim())).toBe(app.pid);
				expect((await app.request('/healthz')).status).toBe(200);

				const manifest = JSON.parse(
					fs.readFileSync(path.join(backupDir, 'backup', 'manifest.json'), 'utf8')
				) as Manifest;
				expect(manifest.backend).toBe('embedded');
				await expectRestoresExactly(manifest, path.join(backupDir, 'backup'));
			} finally {
				await app.close();
				fs.rmSync(backupDir, { recursive: true, force: true });
				fs.rmSync(restoredDir, { recursive: true, force: true });
				fs.mkdirSync(restoredDir);
			}
		}, 300_000);

		it('embedded, photos on disk: a backup taken while the app is stopped restores exactly', async () => {
			const from = diskStorage(path.join(dataDir, 'photos'));
			const source = await openDatabase({ dataDir });
			await migrateToLatest(source.db);
			await arrange(source.db, from);
			const before = await counts(source.db);
			await source.close();
			const backupDir = path.join(dataDir, '..', `${path.basename(dataDir)}-backup`);
			const manifest = await backup({ dataDir, storage: from, out: backupDir });
			try {
				expect(manifest.backend).toBe('embedded');
				expect(manifest.counts).toEqual(before);
				await expectRestoresExactly(manifest, backupDir);
			} finally {
				fs.rmSync(backupDir, { recursive: true, force: true });
			}
		}, 300_000);
	}
});
