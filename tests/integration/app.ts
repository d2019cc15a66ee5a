/**
 * The real app, built by `vite build` and run as in production (`node scripts/server.js`: the
 * fast path in front of adapter-node's handler) on a free port, on the test file's database
 * backend: `startApp()` for tests that must go through everything a browser request goes through
 * (SvelteKit's own checks, the hooks, routing, loads, actions). A second port of the same process
 * takes everything through the framework alone (`fullPath: true`), to compare the two paths.
 *
 * (A child process, not an import: vitest's transform would compile the build's `*.svelte.js`
 * chunks a second time.) The build is remade when any source is newer than it (a lock keeps the two backends' test
 * runs from building at once). Requests are sent with node:http, so every header, Origin
 * included, is exactly what the test says. The client address comes from X-Forwarded-For
 * (ADDRESS_HEADER), so a test can play several clients.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from '../../src/lib/server/db/schema';
import { diskStorage, type PhotoStorage } from '../../src/lib/server/storage';
import { testBackend, testDatabase } from './harness';

const ROOT = path.resolve('.');
const BUILD_ENTRY = path.join(ROOT, 'build', 'index.js');
const SERVER_ENTRY = path.join(ROOT, 'scripts', 'server.js');
const LOCK = path.join(os.tmpdir(), `nadzor-build-${Buffer.from(ROOT).toString('hex').slice(-32)}.lock`);

function newest(target: string): number {
	if (!fs.existsSync(target)) return 0;
	const stat = fs.statSync(target);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let latest = 0;
	for (const entry of fs.readdirSync(target)) latest = Math.max(latest, newest(path.join(target, entry)));
	return latest;
}

function isStale(): boolean {
	const built = fs.existsSync(BUILD_ENTRY) ? fs.statSync(BUILD_ENTRY).mtimeMs : 0;
	const sources = ['src', 'static', 'seeds', 'package-lock.json', 'vite.config.ts'];
	return built < Math.max(...sources.map((source) => newest(path.join(ROOT, source))));
}

export async function ensureBuilt(): Promise<void> {
	for (;;) {
		if (!isStale()) return;
		try {
			fs.mkdirSync(LOCK);
		} catch {
			await new Promise((resolve) => setTimeout(resolve, 500));
			continue;
		}
		try {
			if (isStale()) {
				const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: ROOT, encoding: 'utf8' });
				if (result.status !== 0) throw new Error(`vite build failed:\n${result.stderr}${result.stdout}`);
			}
		} finally {
			fs.rmSync(LOCK, { recursive: true, force: true });
		}
	}
}

export interface Reply {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: string;
	/** The body as sent (binary responses such as vector tiles). */
	raw: Buffer;
	/** `name=value` of every Set-Cookie, by name. */
	cookies: Record<string, { value: string; attributes: string }>;
}

export interface RequestOptions {
	method?: string;
	headers?: Record<string, string>;
	body?: string | Buffer;
	/** The client's address (sent as X-Forwarded-For). */
	address?: string;
	/** Through the framework alone, past the fast path (the app's FULL_PATH_PORT). */
	fullPath?: boolean;
}

export interface TestApp {
	/** The origin the app is configured with (ORIGIN). */
	origin: string;
	/** The port the app listens on at 127.0.0.1 (for raw connections). */
	port: number;
	/** The same app's port without the fast path (everything through the framework). */
	fullPathPort: number;
	/** A separate connection to the app's database, for arranging data and counting rows. */
	db: Kysely<DB>;
	/** The app's photo storage (on disk in its data directory), for arranging photos. */
	storage: PhotoStorage;
	/** The app's DATA_DIR (releases, photos, the embedded database). */
	dataDir: string;
	/** The app's DATABASE_URL (empty on the embedded database). */
	databaseUrl: string;
	/** The app's process id. */
	pid: number;
	request(pathname: string, options?: RequestOptions): Promise<Reply>;
	/** Everything the server wrote to stdout and stderr (LOG_LEVEL from `env`, else TEST_APP_LOG_LEVEL or silent). */
	output(): string;
	close(): Promise<void>;
}

function parseCookies(header: string[] | undefined): Reply['cookies'] {
	const cookies: Reply['cookies'] = {};
	for (const line of header ?? []) {
		const [pair, ...attributes] = line.split(';');
		const index = pair.indexOf('=');
		cookies[pair.slice(0, index).trim()] = {
			value: decodeURIComponent(pair.slice(index + 1).trim()),
			attributes: attributes.map((part) => part.trim()).join('; ')
		};
	}
	return cookies;
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = http.createServer();
		probe.on('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as { port: number };
			probe.close(() => resolve(port));
		});
	});
}

async function waitUntilServing(port: number, child: ReturnType<typeof spawn>, output: () => string) {
	// The embedded database's first start (PostGIS, migrations) measured 57 s on 2 busy cores.
	const deadline = Date.now() + 110_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`the app exited:\n${output()}`);
		const up = await new Promise<boolean>((resolve) => {
			const probe = http.get(
				{ host: '127.0.0.1', port, path: '/healthz', headers: { 'x-forwarded-for': '192.0.2.1' } },
				(response) => {
					response.resume();
					resolve(response.statusCode === 200);
				}
			);
			probe.on('error', () => resolve(false));
		});
		if (up) return;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`the app did not start within 110 s:\n${output()}`);
}

/** Starts the built app, one per test file. */
export async function startApp(options: { origin?: string; env?: Record<string, string> } = {}): Promise<TestApp> {
	await ensureBuilt();
	const origin = options.origin ?? 'http://localhost:3106';
	let db: Kysely<DB>;
	let closeDatabase: () => Promise<void>;
	let disconnect = async () => {};
	const env: Record<string, string> = {
		ORIGIN: origin,
		SEED_DEMO: 'false',
		LOG_LEVEL: process.env.TEST_APP_LOG_LEVEL ?? 'silent',
		ADDRESS_HEADER: 'x-forwarded-for',
		XFF_DEPTH: '1'
	};
	// Photos (and the embedded database) live in a data directory of the test's own.
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nadzor-app-'));
	env.DATA_DIR = dataDir;
	if (testBackend() === 'postgis') {
		const database = await testDatabase();
		env.DATABASE_URL = (database.pool as unknown as { options: { connectionString: string } }).options.connectionString;
		db = database.db;
		closeDatabase = async () => {
			await database.close();
			fs.rmSync(dataDir, { recursive: true, force: true });
		};
	} else {
		env.DATABASE_URL = '';
		// The app's embedded database listens on a Unix socket in its data directory.
		const pool = new pg.Pool({
			host: path.join(dataDir, 'socket'),
			port: 5432,
			database: 'postgres',
			user: 'postgres',
			max: 1
		});
		pool.on('error', () => undefined);
		db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
		disconnect = () => db.destroy();
		closeDatabase = async () => fs.rmSync(dataDir, { recursive: true, force: true });
	}
	const port = await freePort();
	let fullPathPort = await freePort();
	while (fullPathPort === port) fullPathPort = await freePort();
	const child = spawn(process.execPath, [SERVER_ENTRY], {
		cwd: ROOT,
		env: {
			...process.env,
			...env,
			...options.env,
			PORT: String(port),
			FULL_PATH_PORT: String(fullPathPort),
			HOST: '127.0.0.1'
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
	// Never leave a server behind, even when the test process ends without `close()`.
	const killOnExit = () => child.kill('SIGKILL');
	process.once('exit', killOnExit);
	await waitUntilServing(port, child, () => output);

	function request(pathname: string, requestOptions: RequestOptions = {}): Promise<Reply> {
		const body = requestOptions.body;
		return new Promise((resolve, reject) => {
			const outgoing = http.request(
				{
					host: '127.0.0.1',
					port: requestOptions.fullPath ? fullPathPort : port,
					path: pathname,
					agent: false,
					method: requestOptions.method ?? 'GET',
					headers: {
						host: new URL(origin).host,
						// What a browser sends for a page or a form post without JavaScript.
						accept: 'text/html,application/xhtml+xml,*/*;q=0.8',
						'x-forwarded-for': requestOptions.address ?? '192.0.2.1',
						...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
						...requestOptions.headers
					}
				},
				(response) => {
					const chunks: Buffer[] = [];
					response.on('data', (chunk: Buffer) => chunks.push(chunk));
					response.on('end', () =>
						resolve({
							status: response.statusCode ?? 0,
							headers: response.headers,
							body: Buffer.concat(chunks).toString('utf8'),
							raw: Buffer.concat(chunks),
							cookies: parseCookies(response.headers['set-cookie'])
						})
					);
					response.on('error', reject);
				}
			);
			outgoing.on('error', reject);
			if (body !== undefined) outgoing.write(body);
			outgoing.end();
		});
	}

	return {
		origin,
		port,
		fullPathPort,
		db,
		storage: diskStorage(path.join(dataDir, 'photos')),
		dataDir,
		databaseUrl: env.DATABASE_URL,
		pid: child.pid!,
		request,
		output: () => output,
		async close() {
			process.off('exit', killOnExit);
			await disconnect();
			// The app keeps its database open after SIGTERM (nothing in it listens for shutdown
			// yet); give it a moment, then stop it for good.
			child.kill('SIGTERM');
			const stopped = await Promise.race([
				exited.then(() => true),
				new Promise((r) => setTimeout(() => r(false), 2000))
			]);
			if (!stopped) {
				child.kill('SIGKILL');
				await exited;
			}
			await closeDatabase();
		}
	};
}

/** A urlencoded form body. */
export function form(fields: Record<string, string>): { body: string; headers: Record<string, string> } {
	return {
		body: new URLSearchParams(fields).toString(),
		headers: { 'content-type': 'application/x-www-form-urlencoded' }
	};
}
