/**
 * What a copy of the data can tell, and what a client can learn or do in bulk (regressions from an
 * adversarial probe): backups hold no day key and no short-lived counters and are readable by
 * their owner only; stored client keys are 20 bits; photo files are the app user's alone; sign-up
 * answers are throttled; reports are capped per client and day; CSV cells survive any split.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { csvCell } from '../../src/lib/csv';
import { signUp } from '../../src/lib/server/auth/accounts';
import { backup } from '../../src/lib/server/backup';
import { CLIENT_KEY_BITS, clientKeyOf } from '../../src/lib/server/rate-limit/client-key';
import { openDatabase, type Database } from '../../src/lib/server/db';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { consume } from '../../src/lib/server/rate-limit/limiter';
import { diskStorage } from '../../src/lib/server/storage';
import { createUser } from '../support/factories';
import { testBackend, testDatabase } from '../integration/harness';
import { databaseUrl } from '../integration/setup/urls';

const temporary = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));
const mode = (file: string) => fs.statSync(file).mode & 0o777;

/** Every file and directory under `dir` (itself included), with its permission bits. */
function modes(dir: string): { file: string; mode: number; directory: boolean }[] {
	const found = [{ file: dir, mode: mode(dir), directory: true }];
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const file = path.join(dir, entry.name);
		if (entry.isDirectory()) found.push(...modes(file));
		else found.push({ file, mode: mode(file), directory: false });
	}
	return found;
}

function expectPrivate(dir: string) {
	for (const entry of modes(dir)) {
		expect(entry.mode.toString(8), entry.file).toBe(entry.directory ? '700' : '600');
	}
}

/** Puts something in every short-lived table: a day key, a rate-limit counter, a sign-up throttle. */
async function useToday(database: Database) {
	await consume(database.db, { bucket: 'submissions', limit: 10, windowSeconds: 3600 }, '127.0.0.1');
	const taken = await createUser(database.db);
	await signUp(
		database.db,
		{ username: taken.username, password: 'a long and unusual passphrase' },
		await clientKeyOf(database.db, '127.0.0.1')
	);
	for (const table of ['client_keys', 'rate_limits', 'login_throttle'] as const) {
		const { n } = await database.db
			.selectFrom(table)
			.select((eb) => eb.fn.countAll<string>().as('n'))
			.executeTakeFirstOrThrow();
		expect(Number(n), table).toBeGreaterThan(0);
	}
}

describe(`data at rest (${testBackend()})`, () => {
	let database: Database;
	beforeAll(async () => (database = await testDatabase()));
	afterAll(() => database?.close());

	it('a stored client key is 20 bits: each value stands for thousands of IPv4 addresses', async () => {
		const key = await clientKeyOf(database.db, '203.0.113.9');
		expect(CLIENT_KEY_BITS).toBe(20);
		expect(key.byteLength).toBe(3);
		expect(key[2] & 0x0f).toBe(0);
		// Enough addresses that some must share a value with another (the pigeonhole is 2^20).
		const seen = new Set<string>();
		let shared = 0;
		for (let i = 0; i < 20_000; i++) {
			const value = Buffer.from(
				await clientKeyOf(database.db, `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`)
			).toString('hex');
			if (seen.has(value)) shared++;
			seen.add(value);
		}
		expect(shared).toBeGreaterThan(0);
	});

	it('sign-up answers, "taken" included, count against the client: no free enumeration', async () => {
		const taken = await createUser(database.db);
		const client = await clientKeyOf(database.db, '198.51.100.77');
		const statuses: number[] = [];
		for (let i = 0; i < 60; i++) {
			const outcome = await signUp(
				database.db,
				{ username: taken.username, password: 'a long and unusual passphrase' },
				client
			);
			statuses.push(outcome.ok ? 200 : outcome.status);
		}
		expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
		expect(statuses.filter((status) => status === 400).length).toBeLessThanOrEqual(30);
	});

	it('reports are capped per client and UTC day, not only per hour', async () => {
		const { config } = await import('../../src/lib/server/config');
		const { limitSubmissions } = await import('../../src/lib/server/submissions/http');
		expect(config.RATE_LIMIT_SUBMISSIONS_PER_DAY).toBeLessThan(24 * config.RATE_LIMIT_SUBMISSIONS_PER_HOUR);
		let allowed = 0;
		let refusal: string | undefined;
		for (let i = 0; i < 24 * config.RATE_LIMIT_SUBMISSIONS_PER_HOUR && !refusal; i++) {
			const { limited } = await limitSubmissions(database.db, '192.0.2.200', 'en');
			if (limited) refusal = limited.message;
			else allowed++;
		}
		// Within one hour the hourly limit comes first; the daily one must hold on its own too.
		expect(allowed).toBeLessThanOrEqual(config.RATE_LIMIT_SUBMISSIONS_PER_DAY);
		expect(refusal).toBeDefined();
		await database.db.deleteFrom('rate_limits').where('bucket', '=', 'submissions').execute();
		for (let i = allowed; i < config.RATE_LIMIT_SUBMISSIONS_PER_DAY + 1; i++) {
			await database.db.deleteFrom('rate_limits').where('bucket', '=', 'submissions').execute();
			const { limited } = await limitSubmissions(database.db, '192.0.2.200', 'sr-Latn');
			if (limited) {
				expect(limited.message).toMatch(/danas/);
				return;
			}
		}
		throw new Error('no daily cap');
	});

	it('CSV cells cannot start a formula after a split on ; , tab or |', () => {
		const hostile = ['X;=1+1;=HYPERLINK(A1);', 'a,+1', 'a\t@SUM(A1)', 'a|-2+3', 'a; =1', '=1'];
		for (const value of hostile) {
			const cell = csvCell(value);
			expect(cell.startsWith('"'), value).toBe(true);
			const inner = cell.slice(1, -1).replace(/""/g, '"');
			for (const piece of inner.split(/[;,\t|]/))
				expect(piece.trimStart(), `${value} → ${cell}`).not.toMatch(/^[=+\-@]/);
		}
		expect(csvCell('X;=1+1;=HYPERLINK(A1);')).toBe(`"X;'=1+1;'=HYPERLINK(A1);"`);
		expect(csvCell(-12.5)).toBe('-12.5');
	});

	it('photo files and their directories are readable by the app user only', async () => {
		const root = path.join(temporary('nadzor-perm-'), 'photos');
		const storage = diskStorage(root);
		const bytes = new Uint8Array([1, 2, 3]);
		await storage.put(`${'ab'.padEnd(64, '0')}.webp`, bytes, 'image/webp');
		expectPrivate(root);
		fs.rmSync(path.dirname(root), { recursive: true, force: true });
	});

	it('a backup holds no day key and no short-lived counters, and is readable by its owner only', async () => {
		const photos = temporary('nadzor-backup-photos-');
		const out = path.join(temporary('nadzor-backup-'), 'out');
		try {
			if (testBackend() === 'postgis') {
				await useToday(database);
				const context = inject('testDatabase') as { adminUrl: string };
				const name = (
					await database.db
						.selectNoFrom((eb) => eb.fn<string>('current_database', []).as('name'))
						.executeTakeFirstOrThrow()
				).name;
				await backup({ url: databaseUrl(context.adminUrl, name), storage: diskStorage(photos), out });
				const contents = execFileSync('pg_restore', ['--list', path.join(out, 'database.dump')], { encoding: 'utf8' });
				expect(contents).toMatch(/TABLE DATA public cameras/);
				for (const table of ['client_keys', 'rate_limits', 'login_throttle']) {
					expect(contents, table).not.toMatch(new RegExp(`TABLE DATA public ${table} `));
				}
			} else {
				const dataDir = temporary('nadzor-backup-data-');
				const source = await openDatabase({ dataDir });
				await migrateToLatest(source.db);
				await useToday(source);
				await source.close();
				await backup({ dataDir, storage: diskStorage(photos), out });
				const restored = await openDatabase({
					loadDataDir: new Blob([fs.readFileSync(path.join(out, 'database.tar.gz'))])
				});
				try {
					for (const table of ['client_keys', 'rate_limits', 'login_throttle'] as const) {
						const { n } = await restored.db
							.selectFrom(table)
							.select((eb) => eb.fn.countAll<string>().as('n'))
							.executeTakeFirstOrThrow();
						expect(Number(n), table).toBe(0);
					}
				} finally {
					await restored.close();
					fs.rmSync(dataDir, { recursive: true, force: true });
				}
			}
			expectPrivate(out);
		} finally {
			fs.rmSync(path.dirname(out), { recursive: true, force: true });
			fs.rmSync(photos, { recursive: true, force: true });
		}
	});
});
