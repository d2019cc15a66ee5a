/**
 * The command-line tools while the app runs: on PostGIS they are one more client; on the embedded
 * database they go through the running app's socket (src/lib/server/db/owner.ts) and never open
 * the database files a second time.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { form, startApp, type TestApp } from '../app';
import { testBackend } from '../harness';

const PASSWORD = 'correct horse battery staple';

/** Runs `tsx scripts/<script>` the way `npm run` does, with the app's configuration. */
function cli(app: TestApp, args: string[], input: string): Promise<{ code: number | null; output: string }> {
	return new Promise((resolve) => {
		const child = spawn(path.resolve('node_modules/.bin/tsx'), args, {
			env: { ...process.env, DATA_DIR: app.dataDir, DATABASE_URL: app.databaseUrl, LOG_LEVEL: 'warn' },
			stdio: ['pipe', 'pipe', 'pipe']
		});
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.on('close', (code) => resolve({ code, output }));
		child.stdin.end(input);
	});
}

describe(`command-line tools while the app runs (${testBackend()})`, () => {
	let app: TestApp;
	beforeAll(async () => {
		app = await startApp();
	});
	afterAll(() => app?.close());

	const login = (username: string) => {
		const { body, headers } = form({ username, password: PASSWORD });
		return app.request('/login', { method: 'POST', body, headers: { ...headers, origin: app.origin } });
	};

	it('user:create makes a user who can log in at once, and the app serves throughout', async () => {
		expect((await login('vesna')).status).toBe(400);
		const health: number[] = [];
		let running = true;
		const probing = (async () => {
			while (running) {
				health.push((await app.request('/healthz')).status);
				await new Promise((resolve) => setTimeout(resolve, 100));
			}
		})();
		const created = await cli(
			app,
			['scripts/user.ts', 'create', '--username', 'vesna', '--role', 'moderator', '--password-stdin'],
			PASSWORD
		);
		running = false;
		await probing;
		expect(created.output).toContain('Created moderator "vesna"');
		expect(created.code).toBe(0);
		expect(health.length).toBeGreaterThan(0);
		expect(health.every((status) => status === 200)).toBe(true);

		const reply = await login('vesna');
		expect(reply.status).toBe(303);
		expect(reply.cookies.session?.value).toBeTruthy();
		const account = await app.request('/account', { headers: { cookie: `session=${reply.cookies.session.value}` } });
		expect(account.status).toBe(200);
		expect(account.body).toContain('vesna');

		// user:role goes the same way; the role is read on the next request.
		const promoted = await cli(app, ['scripts/user.ts', 'role', '--username', 'vesna', '--role', 'admin'], '');
		expect(promoted.code).toBe(0);
		const admin = await app.request('/admin/users', { headers: { cookie: `session=${reply.cookies.session.value}` } });
		expect(admin.status).toBe(200);
	}, 180_000);

	it('opens the database nowhere but in the app', async () => {
		if (testBackend() === 'embedded') {
			// The app still owns the files and its socket is still there.
			expect(Number(fs.readFileSync(path.join(app.dataDir, 'pglite.pid'), 'utf8').trim())).toBe(app.pid);
			expect(fs.existsSync(path.join(app.dataDir, 'socket', '.s.PGSQL.5432'))).toBe(true);
		} else {
			// DATABASE_URL set: no embedded database was made in DATA_DIR.
			expect(fs.existsSync(path.join(app.dataDir, 'pglite'))).toBe(false);
		}
		expect((await app.request('/healthz')).status).toBe(200);
	});
});
