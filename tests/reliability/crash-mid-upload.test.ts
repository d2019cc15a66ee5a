/**
 * The app server killed with SIGKILL in the middle of a report — while the photo is still being
 * uploaded, with a photo file half-written, and inside the open transaction — then started
 * again: no partial rows, the half-written files gone at start-up, and the retried report
 * stored once.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase } from './cluster';
import { appPort, startApp, type RunningApp } from './app';
import { sendReport, sleep, uniquePhoto } from './client';
import { record } from './results';
import { photoDir, Store } from './store';

const PORT = appPort(3);
const TIMES = 3;
const FAULTS = 'storage.temporary-written,submission.before-commit';

/** Sends half of a report's multipart body, then leaves the request hanging. */
function halfUpload(origin: string, key: string, photo: Uint8Array): Promise<void> {
	const boundary = `----nadzor${key}`;
	const head = Buffer.from(
		`--${boundary}\r\nContent-Disposition: form-data; name="payload"\r\n\r\n` +
			JSON.stringify({ kind: 'new_camera', lat: 44.79, lng: 20.44 }) +
			`\r\n--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="camera.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`
	);
	const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
	const url = new URL('/api/v1/submissions', origin);
	return new Promise((resolve) => {
		const request = http.request({
			host: '127.0.0.1',
			port: url.port,
			path: url.pathname,
			method: 'POST',
			headers: {
				'content-type': `multipart/form-data; boundary=${boundary}`,
				'content-length': String(head.length + photo.byteLength + tail.length),
				'idempotency-key': key,
				origin
			}
		});
		request.on('error', () => resolve());
		request.on('response', (response) => {
			response.resume();
			resolve();
		});
		request.write(head);
		request.write(photo.subarray(0, photo.byteLength >> 1), () => resolve());
	});
}

describe('app server killed mid-report and started again', () => {
	const cluster = inject('cluster');
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nadzor-reliability-crash-'));
	let databaseUrl: string;
	let app: RunningApp;
	let store: Store;
	const boot = () => startApp({ port: PORT, dataDir, databaseUrl, env: { NADZOR_FAULTS: FAULTS } });

	beforeAll(async () => {
		databaseUrl = await createDatabase(cluster.adminUrl, 'reliability_crash');
		app = await boot();
		store = new Store(databaseUrl, photoDir(dataDir));
	});
	afterAll(async () => {
		await app?.stop();
		await store?.close();
		fs.rmSync(dataDir, { recursive: true, force: true });
	});

	/** The app's connections to its database have ended (so a killed transaction has rolled back). */
	async function connectionsGone() {
		for (let attempt = 0; attempt < 100; attempt++) {
			const { rows } = await store.pool.query<{ n: string }>(
				"SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'nadzor' AND datname = current_database()"
			);
			if (Number(rows[0].n) === 0) return;
			await sleep(100);
		}
		throw new Error('the killed app’s database connections did not end');
	}

	it('keeps no partial rows, removes half-written files at start-up and stores the retry once', async () => {
		const ways = ['during the upload', 'photo file half-written', 'inside the open transaction'] as const;
		const table: [string, string | number][] = [];
		const keys: string[] = [];
		let seed = 1000;
		for (const way of ways) {
			let temporaryBeforeRestart = 0;
			let rowsBeforeRetry = 0;
			let retried = 0;
			for (let time = 0; time < TIMES; time++) {
				const key = crypto.randomUUID();
				keys.push(key);
				const report = { key, lat: 44.79 + seed / 10_000, lng: 20.44, photos: [await uniquePhoto(seed++)] };
				const killed = app.exited;
				if (way === 'during the upload') {
					await halfUpload(app.origin, key, report.photos[0]);
					await sleep(200);
					app.kill('SIGKILL');
				} else {
					const point = way === 'photo file half-written' ? 'storage.temporary-written' : 'submission.before-commit';
					const reply = await sendReport(app.origin, { ...report, headers: { 'nadzor-fault': `${point}=crash` } });
					expect(reply.network).toBe(true);
				}
				expect((await killed).signal).toBe('SIGKILL');
				await connectionsGone();
				const before = await store.state();
				temporaryBeforeRestart += before.temporary.length;
				if (way === 'photo file half-written') expect(before.temporary.length).toBeGreaterThan(0);
				rowsBeforeRetry += [...(await store.rowsPerKey([key])).values()][0];

				app = await boot();
				// The starting server removes them in the background.
				for (let wait = 0; wait < 50 && (await store.state()).temporary.length > 0; wait++) await sleep(100);
				expect((await store.state()).temporary).toEqual([]);
				const reply = await sendReport(app.origin, report);
				expect(reply.status).toBe(201);
				retried++;
			}
			expect(rowsBeforeRetry).toBe(0);
			table.push([
				`${way}: killed / rows before retry / retried and stored`,
				`${TIMES} / ${rowsBeforeRetry} / ${retried}`
			]);
			table.push([`${way}: half-written files before restart → after`, `${temporaryBeforeRestart} → 0`]);
		}
		const perKey = await store.rowsPerKey(keys);
		expect([...perKey.values()].filter((n) => n !== 1)).toEqual([]);
		expect(await store.partialReports(1)).toBe(0);
		const state = await store.state();
		expect(state.missing).toEqual([]);
		expect(state.temporary).toEqual([]);
		table.push(
			['rows per key / partial reports', `exactly 1 / ${await store.partialReports(1)}`],
			['rows pointing at a missing file', state.missing.length],
			['upload records of killed requests (swept after an hour)', state.uploads]
		);
		record(`App server killed with SIGKILL mid-report, restarted (${TIMES} × ${ways.length})`, table);
	});
});
