/**
 * `.env` in the working directory configures `npm start` and the command-line tools (scripts/env.js),
 * and a bad value in it still stops the app with a message naming the variable. Runs in a checkout
 * of its own: a directory linking to this one's sources and build, with its own `.env`.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db';
import { ensureBuilt, form } from '../app';
import { testBackend, testDatabase } from '../harness';

const ROOT = path.resolve('.');
const LINKED = [
	'build',
	'migrations',
	'node_modules',
	'package.json',
	'package-lock.json',
	'scripts',
	'seeds',
	'src',
	'static',
	'vite.config.ts'
];
const PASSWORD = 'correct horse battery staple';

function checkout(env: string): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nadzor-env-'));
	for (const name of LINKED) fs.symlinkSync(path.join(ROOT, name), path.join(dir, name));
	fs.writeFileSync(path.join(dir, '.env'), env);
	return dir;
}

/** The environment of a shell with none of the app's variables set: only `.env` configures it. */
function bareEnvironment(): NodeJS.ProcessEnv {
	const env = { ...process.env };
	for (const name of ['PORT', 'HOST', 'DATA_DIR', 'DATABASE_URL', 'ORIGIN', 'SEED_DEMO', 'LOG_LEVEL']) delete env[name];
	return env;
}

function run(dir: string, command: string, args: string[], input = '') {
	const child = spawn(command, args, { cwd: dir, env: bareEnvironment(), stdio: ['pipe', 'pipe', 'pipe'] });
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stdin.end(input);
	const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
	return { child, exited, output: () => output };
}

function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const probe = http.createServer().listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as { port: number };
			probe.close(() => resolve(port));
		});
	});
}

function post(port: number, pathname: string, fields: Record<string, string>, origin: string): Promise<number> {
	const { body, headers } = form(fields);
	return new Promise((resolve, reject) => {
		const request = http.request(
			{
				host: '127.0.0.1',
				port,
				path: pathname,
				method: 'POST',
				headers: { ...headers, accept: 'text/html', origin }
			},
			(response) => {
				response.resume();
				resolve(response.statusCode ?? 0);
			}
		);
		request.on('error', reject);
		request.end(body);
	});
}

async function healthy(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		http
			.get({ host: '127.0.0.1', port, path: '/healthz' }, (response) => {
				response.resume();
				resolve(response.statusCode === 200);
			})
			.on('error', () => resolve(false));
	});
}

describe(`.env (${testBackend()})`, () => {
	let database: Database | undefined;
	let url = '';
	const dirs: string[] = [];
	beforeAll(async () => {
		await ensureBuilt();
		if (testBackend() === 'postgis') {
			database = await testDatabase();
			url = (database.pool as unknown as { options: { connectionString: string } }).options.connectionString;
		}
	});
	afterAll(async () => {
		await database?.close();
		for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
	});

	it('configures npm start and the command-line tools', async () => {
		const port = await freePort();
		const dir = checkout(
			[`PORT=${port}`, 'HOST=127.0.0.1', 'DATA_DIR=./from-dotenv', `DATABASE_URL=${url}`, 'SEED_DEMO=false', ''].join(
				'\n'
			)
		);
		dirs.push(dir);
		const app = run(dir, process.execPath, ['scripts/start.js']);
		try {
			const deadline = Date.now() + 110_000;
			while (!(await healthy(port))) {
				if (app.child.exitCode !== null || Date.now() > deadline)
					throw new Error(`not serving on ${port}:\n${app.output()}`);
				await new Promise((resolve) => setTimeout(resolve, 250));
			}
			// PORT came from .env (it answers there); so did DATA_DIR: the embedded database is there,
			// and nothing was made under the default ./data.
			if (testBackend() === 'embedded') expect(fs.existsSync(path.join(dir, 'from-dotenv', 'pglite'))).toBe(true);
			expect(fs.existsSync(path.join(dir, 'data'))).toBe(false);

			// The tool reads the same .env, so it reaches the same database the app serves.
			const tool = run(
				dir,
				path.join(ROOT, 'node_modules/.bin/tsx'),
				['scripts/user.ts', 'create', '--username', 'dotenv', '--password-stdin'],
				PASSWORD
			);
			expect(await tool.exited, tool.output()).toBe(0);
			expect(await post(port, '/login', { username: 'dotenv', password: PASSWORD }, `http://localhost:${port}`)).toBe(
				303
			);
			// ORIGIN is left at its default (http://localhost:PORT): a browser opened at
			// http://127.0.0.1:PORT is the same server, and its form posts go through.
			expect(await post(port, '/login', { username: 'dotenv', password: PASSWORD }, `http://127.0.0.1:${port}`)).toBe(
				303
			);
			expect(await post(port, '/login', { username: 'dotenv', password: PASSWORD }, 'http://evil.example')).toBe(403);
		} finally {
			app.child.kill('SIGTERM');
			await app.exited;
		}
	}, 240_000);

	it('stops the app at a bad value, naming the variable', async () => {
		const dir = checkout(
			['HOST=127.0.0.1', `PORT=${await freePort()}`, 'DATA_DIR=./bad', 'LOG_LEVEL=chatty', ''].join('\n')
		);
		dirs.push(dir);
		const app = run(dir, process.execPath, ['scripts/start.js']);
		const code = await app.exited;
		expect(code).not.toBe(0);
		expect(app.output()).toMatch(/LOG_LEVEL/);
	}, 120_000);
});
