/**
 * Dated releases: files with checksums, the change summary against the previous release, the
 * /data page listing them and the app serving their files; and `npm run release` itself.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRelease, type ReleaseSummary } from '../../../src/lib/server/exports/releases';
import { startApp, type TestApp } from '../app';
import { createCamera } from '../../support/factories';
import { testBackend, testDatabase } from '../harness';

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

describe(`data releases (${testBackend()})`, () => {
	let app: TestApp;
	const ids: Record<string, number> = {};
	let first: ReleaseSummary;
	let second: ReleaseSummary;

	beforeAll(async () => {
		app = await startApp();
		for (const [i, name] of ['a', 'b', 'c'].entries()) {
			const { id } = await createCamera(app.db, { lng: 20.4 + i / 100, lat: 44.8, source_ref: `release-${name}` });
			ids[name] = id;
		}
	}, 240_000);
	afterAll(async () => {
		await app?.close();
	});

	it('writes dated files with checksums and summarises the changes since the release before', async () => {
		first = await createRelease(app.db, { dataDir: app.dataDir, origin: app.origin, day: '2026-01-01' });
		expect(first).toMatchObject({ name: '2026-01-01', cameras: 3, previous: null });
		expect(first.added).toEqual([ids.a, ids.b, ids.c]);
		const sums = fs.readFileSync(path.join(first.dir, 'SHA256SUMS'), 'utf8');
		for (const name of ['cameras.geojson', 'cameras.csv', 'cameras.osm', 'changes.json', 'camera-hashes.tsv']) {
			expect(sums).toContain(`${sha256(fs.readFileSync(path.join(first.dir, name)))}  ${name}\n`);
		}
		expect(JSON.parse(fs.readFileSync(path.join(first.dir, 'cameras.geojson'), 'utf8')).features).toHaveLength(3);

		await app.db.updateTable('cameras').set({ operator: 'Grad' }).where('id', '=', ids.b).execute();
		await app.db
			.updateTable('cameras')
			.set({ status: 'removed', removed_on: '2026-01-01' })
			.where('id', '=', ids.c)
			.execute();
		const { id } = await createCamera(app.db, { lng: 20.5, lat: 44.8, source_ref: 'release-d' });
		ids.d = id;

		second = await createRelease(app.db, { dataDir: app.dataDir, origin: app.origin, day: '2026-01-01' });
		expect(second).toMatchObject({
			name: '2026-01-01-2',
			cameras: 3,
			previous: '2026-01-01',
			added: [ids.d],
			removed: [ids.c],
			changed: [ids.b]
		});
		const changes = JSON.parse(fs.readFileSync(path.join(second.dir, 'changes.json'), 'utf8'));
		expect(changes).toMatchObject({ release: '2026-01-01-2', added: [ids.d], removed: [ids.c], changed: [ids.b] });
		const rows = await app.db.selectFrom('data_releases').select(['name', 'added', 'removed', 'changed']).execute();
		expect(rows).toEqual([
			{ name: '2026-01-01', added: 3, removed: 0, changed: 0 },
			{ name: '2026-01-01-2', added: 1, removed: 1, changed: 1 }
		]);
	});

	it('lists the releases on /data and serves their files with their types, checksums and long caching', async () => {
		const page = await app.request('/data?lang=en');
		expect(page.status).toBe(200);
		for (const release of [first, second]) {
			expect(page.body).toContain(`>${release.name}</time>`);
			for (const file of release.files) {
				expect(page.body).toContain(`href="/data/releases/${release.name}/${file.name}"`);
				expect(page.body).toContain(file.sha256);
			}
		}
		expect(page.body).toContain(`href="/cameras/${ids.d}"`);
		expect(page.body).toContain('rel="license"');

		const types: Record<string, RegExp> = {
			'cameras.geojson': /^application\/geo\+json$/,
			'cameras.csv': /^text\/csv; charset=utf-8/,
			'cameras.osm': /^application\/vnd\.openstreetmap\.data\+xml$/,
			'changes.json': /^application\/json$/,
			SHA256SUMS: /^text\/plain; charset=utf-8$/
		};
		for (const [name, type] of Object.entries(types)) {
			const reply = await app.request(`/data/releases/${second.name}/${name}`, { headers: { accept: '*/*' } });
			expect(reply.status, name).toBe(200);
			expect(reply.headers['content-type']).toMatch(type);
			expect(reply.headers['cache-control']).toBe('public, max-age=31536000, immutable');
			expect(reply.headers['access-control-allow-origin']).toBe('*');
			expect(reply.headers.link).toContain('rel="license"');
			const recorded = second.files.find((file) => file.name === name)!;
			expect(sha256(reply.raw)).toBe(recorded.sha256);
			expect(reply.headers.etag).toBe(`"${recorded.sha256}"`);
			const again = await app.request(`/data/releases/${second.name}/${name}`, {
				headers: { 'if-none-match': `"${recorded.sha256}"` }
			});
			expect(again.status).toBe(304);
			// A browser that took it gzipped holds the weak ETag the compression gave it.
			const gzipped = await app.request(`/data/releases/${second.name}/${name}`, {
				headers: { 'accept-encoding': 'gzip', 'if-none-match': `"other", W/"${recorded.sha256}"` }
			});
			expect(gzipped.status, name).toBe(304);
		}
		for (const target of [
			`/data/releases/${second.name}/secret.txt`,
			`/data/releases/2030-01-01/SHA256SUMS`,
			`/data/releases/..%2F..%2Fetc/SHA256SUMS`,
			`/data/releases/${second.name}/..%2FSHA256SUMS`
		]) {
			expect((await app.request(target)).status, target).toBe(404);
		}
	});

	it('npm run release writes a release from the command line', async () => {
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nadzor-release-'));
		const env: Record<string, string> = { DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' };
		const database = testBackend() === 'postgis' ? await testDatabase() : undefined;
		try {
			if (database) {
				env.DATABASE_URL = (
					database.pool as unknown as { options: { connectionString: string } }
				).options.connectionString;
				await createCamera(database.db, { lng: 20.45, lat: 44.81, source_ref: 'cli-1' });
			}
			const result = spawnSync('npx', ['tsx', 'scripts/release.ts'], {
				env: { ...process.env, ...env },
				encoding: 'utf8',
				timeout: 120_000
			});
			expect(result.stderr.replace(/^npm warn.*\n/gm, '')).toBe('');
			expect(result.status).toBe(0);
			const expected = database ? 1 : 0;
			expect(result.stdout).toMatch(new RegExp(`^Release \\d{4}-\\d{2}-\\d{2}: ${expected} cameras`));
			const [name] = fs.readdirSync(path.join(dataDir, 'releases'));
			expect(name).toMatch(/^\d{4}-\d{2}-\d{2}$/);
			const geojson = JSON.parse(fs.readFileSync(path.join(dataDir, 'releases', name, 'cameras.geojson'), 'utf8'));
			expect(geojson.features).toHaveLength(expected);
			expect(result.stdout).toContain('The first release.');
		} finally {
			await database?.close();
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	}, 180_000);
});
