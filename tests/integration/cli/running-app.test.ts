/**
 * The command-line tools while the app runs: on PostGIS they are one more client; on the embedded
 * database they go through the running app's socket (src/lib/server/db/owner.ts) and never open
 * the database files a second time; a backup's dump is taken by the app, asked on that socket
 * (src/lib/server/db/embedded.ts). The app answers throughout.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { form, startApp, type TestApp } from '../app';
import { testBackend } from '../harness';

const PASSWORD = 'correct horse battery staple';

/** Runs `tsx scripts/<script>` the way `npm run` does, with the app's configuration. */
function cli(app: TestApp, args: string[], input = ''): Promise<{ code: number | null; output: string }> {
	return new Promise((resolve) => {
		const child = spawn(path.resolve('node_modules/.bin/tsx'), args, {
			env: {
				...process.env,
				DATA_DIR: app.dataDir,
				DATABASE_URL: app.databaseUrl,
				PHOTO_STORAGE: 'disk',
				LOG_LEVEL: 'warn'
			},
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

	/** Runs `during` while /healthz is asked every 100 ms; every answer must be 200. */
	async function serving<T>(during: () => Promise<T>): Promise<T> {
		const health: number[] = [];
		let running = true;
		const probing = (async () => {
			while (running) {
				health.push((await app.request('/healthz')).status);
				await new Promise((resolve) => setTimeout(resolve, 100));
			}
		})();
		try {
			return await during();
		} finally {
			running = false;
			await probing;
			expect(health.length).toBeGreaterThan(0);
			expect(health.filter((status) => status !== 200)).toEqual([]);
		}
	}

	const login = (username: string) => {
		const { body, headers } = form({ username, password: PASSWORD });
		return app.request('/login', { method: 'POST', body, headers: { ...headers, origin: app.origin } });
	};

	it('user:create makes a user who can log in at once, and the app serves throughout', async () => {
		expect((await login('vesna')).status).toBe(400);
		const created = await serving(() =>
			cli(
				app,
				['scripts/user.ts', 'create', '--username', 'vesna', '--role', 'moderator', '--password-stdin'],
				PASSWORD
			)
		);
		expect(created.output).toContain('Created moderator "vesna"');
		expect(created.code).toBe(0);

		const reply = await login('vesna');
		expect(reply.status).toBe(303);
		expect(reply.cookies.session?.value).toBeTruthy();
		const account = await app.request('/account', { headers: { cookie: `session=${reply.cookies.session.value}` } });
		expect(account.status).toBe(200);
		expect(account.body).toContain('vesna');

		// user:role goes the same way; the role is read on the next request.
		const promoted = await cli(app, ['scripts/user.ts', 'role', '--username', 'vesna', '--role', 'admin']);
		expect(promoted.code).toBe(0);
		const admin = await app.request('/admin/users', { headers: { cookie: `session=${reply.cookies.session.value}` } });
		expect(admin.status).toBe(200);
	}, 180_000);

	it('the data tools work through the running app: seed, areas, claims, official lists, OpenStreetMap, release, coverage', async () => {
		const work = fs.mkdtempSync(path.join(os.tmpdir(), 'nadzor-cli-files-'));
		try {
			const area = path.join(work, 'area.geojson');
			const ring = [
				[20.4, 44.8],
				[20.5, 44.8],
				[20.5, 44.9],
				[20.4, 44.9],
				[20.4, 44.8]
			];
			fs.writeFileSync(
				area,
				JSON.stringify({
					type: 'FeatureCollection',
					features: [
						{
							type: 'Feature',
							properties: { name: 'Probno polje', slug: 'probno-polje' },
							geometry: { type: 'Polygon', coordinates: [ring] }
						}
					]
				})
			);
			const list = path.join(work, 'list.csv');
			fs.writeFileSync(list, 'row,location,lat,lng\n1,Trg,44.81,20.46\n2,Most,44.82,20.45\n');

			const steps: [string[], RegExp][] = [
				[['scripts/db.ts', 'seed'], /Seeded the Belgrade outline, its 17 municipalities and \d+ demo cameras/],
				[
					['scripts/areas.ts', 'import', area, '--level', 'custom', '--name-field', 'name', '--slug-field', 'slug'],
					/Imported 1 area\(s\)/
				],
				[
					[
						'scripts/areas.ts',
						'claim',
						'--area',
						'probno-polje',
						'--cameras',
						'12',
						'--source',
						'Odgovor na zahtev',
						'--date',
						'2024-02-01'
					],
					/Saved: probno-polje, officially admitted 12/
				],
				[
					[
						'scripts/official.ts',
						'import',
						list,
						'--name',
						'Probni spisak',
						'--source',
						'Grad',
						'--slug',
						'probni-spisak',
						'--ref-field',
						'row',
						'--location-field',
						'location',
						'--lat-field',
						'lat',
						'--lng-field',
						'lng'
					],
					/List "probni-spisak": 2 points, 2 new/
				],
				[['scripts/osm.ts', 'import', 'tests/fixtures/osm/surveillance.osm'], /new leads/],
				[['scripts/release.ts'], /^Release \d{4}-\d{2}-\d{2}(-\d+)?: \d+ cameras/m],
				[['scripts/db.ts', 'coverage'], /^Coverage: \d+ grid squares recomputed/]
			];
			await serving(async () => {
				for (const [args, expected] of steps) {
					const result = await cli(app, args);
					expect(result.output, args.join(' ')).toMatch(expected);
					expect(result.code, result.output).toBe(0);
				}
			});
			// The app serves what the tools wrote, with no restart.
			expect((await app.request('/areas/probno-polje')).status).toBe(200);
			expect((await app.request('/areas/novi-beograd')).status).toBe(200);
			expect((await app.request('/official/probni-spisak')).status).toBe(200);
			const data = await app.request('/data');
			expect(data.status).toBe(200);
			expect(data.body).toMatch(/\d{4}-\d{2}-\d{2}/);
			expect(fs.readdirSync(path.join(app.dataDir, 'releases')).length).toBeGreaterThan(0);
		} finally {
			fs.rmSync(work, { recursive: true, force: true });
		}
	}, 600_000);

	it('backup works while the app runs, and the app keeps serving', async () => {
		const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nadzor-cli-backup-')), 'backup');
		try {
			const made = await serving(() => cli(app, ['scripts/backup.ts', '--out', out]));
			expect(made.output).toMatch(/^Backed up \d+ rows in \d+ tables and \d+ photo files/);
			expect(made.code).toBe(0);
			const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
			expect(manifest.backend).toBe(testBackend());
			expect(manifest.counts.users).toBeGreaterThanOrEqual(1);
			// The dump the app took for it is not left behind in its data directory.
			expect(fs.readdirSync(app.dataDir).filter((name) => name.startsWith('dump-'))).toEqual([]);
		} finally {
			fs.rmSync(path.dirname(out), { recursive: true, force: true });
		}
	}, 300_000);

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
