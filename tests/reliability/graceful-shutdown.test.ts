/**
 * SIGTERM under load: the server stops taking new connections, finishes every request in
 * flight, closes its database pool and exits with code 0.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase } from './cluster';
import { appPort, startApp, type RunningApp } from './app';
import { phonePhoto, sendReport, sleep } from './client';
import { record } from './results';
import { photoDir, Store } from './store';

const PORT = appPort(5);
const IN_FLIGHT = 16;

describe('graceful shutdown on SIGTERM under load', () => {
	const cluster = inject('cluster');
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nadzor-reliability-term-'));
	let app: RunningApp;
	let store: Store;
	let photos: Uint8Array[];

	beforeAll(async () => {
		const databaseUrl = await createDatabase(cluster.adminUrl, 'reliability_term');
		// info: the server says when its database is closed.
		app = await startApp({ port: PORT, dataDir, databaseUrl, env: { LOG_LEVEL: 'info' } });
		store = new Store(databaseUrl, photoDir(dataDir));
		photos = [await phonePhoto(0.05, 7), await phonePhoto(0.08, 8)];
	});
	afterAll(async () => {
		await app?.stop();
		await store?.close();
		fs.rmSync(dataDir, { recursive: true, force: true });
	});

	it('finishes the requests in flight, closes the pool and exits with 0', async () => {
		const keys = Array.from({ length: IN_FLIGHT }, () => crypto.randomUUID());
		const inFlight = keys.map((key, index) =>
			sendReport(app.origin, { key, lat: 44.77 + index / 10_000, lng: 20.41, photos: [photos[index % 2]] })
		);
		// The uploads are in (photos are being decoded) when the signal comes.
		await sleep(1000);
		const signalled = performance.now();
		app.kill('SIGTERM');
		const replies = await Promise.all(inFlight);
		const lastAnswer = performance.now();
		// A new connection (not one kept alive from the requests above) is refused.
		const late = await new Promise<string>((resolve) => {
			const request = http.get({ host: '127.0.0.1', port: PORT, path: '/healthz', agent: false }, (response) =>
				resolve(`answered ${response.statusCode}`)
			);
			request.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
		});
		const exit = await app.exited;
		const exitedAfter = performance.now() - signalled;

		expect(replies.map((reply) => reply.status)).toEqual(Array(IN_FLIGHT).fill(201));
		expect(late).toBe('ECONNREFUSED');
		expect(exit).toEqual({ code: 0, signal: null });
		expect(app.output()).toContain('"message":"database closed"');
		const { rows } = await store.pool.query<{ n: string }>(
			"SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'nadzor' AND datname = current_database()"
		);
		expect(Number(rows[0].n)).toBe(0);
		const perKey = await store.rowsPerKey(keys);
		expect([...perKey.values()]).toEqual(Array(IN_FLIGHT).fill(1));

		record(`Graceful shutdown: SIGTERM with ${IN_FLIGHT} reports in flight`, [
			[
				'reports in flight at SIGTERM → answered 201',
				`${IN_FLIGHT} → ${replies.filter((r) => r.status === 201).length}`
			],
			['rows stored for them', [...perKey.values()].reduce((a, b) => a + b, 0)],
			['new connection after SIGTERM', late],
			['SIGTERM → last answer (ms)', (lastAnswer - signalled).toFixed(0)],
			['SIGTERM → process exit (ms)', exitedAfter.toFixed(0)],
			['exit code / pool closed', `${exit.code} / yes ("database closed" logged, no connections left)`]
		]);
	});
});
