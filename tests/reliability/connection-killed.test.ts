/**
 * The database connection dies at the three worst moments of a report — before the insert,
 * after the insert but before COMMIT, after COMMIT but before the answer — 50 times each
 * (`pg_terminate_backend` at fault points, src/lib/server/faults/inject.ts). The client retries with
 * the same idempotency key. Exactly one row per key, no orphan photo files, and the server
 * process never exits.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase } from './cluster';
import { appPort, startApp, type RunningApp } from './app';
import { sendReport, uniquePhoto, type Reply } from './client';
import { record } from './results';
import { photoDir, Store } from './store';

const PORT = appPort(1);
const TIMES = 50;
const points = ['submission.before-insert', 'submission.before-commit', 'submission.after-commit'] as const;

describe('database connection killed mid-report', () => {
	const cluster = inject('cluster');
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nadzor-reliability-kill-'));
	let app: RunningApp;
	let store: Store;

	beforeAll(async () => {
		const databaseUrl = await createDatabase(cluster.adminUrl, 'reliability_kill');
		app = await startApp({ port: PORT, dataDir, databaseUrl, env: { NADZOR_FAULTS: points.join(',') } });
		store = new Store(databaseUrl, photoDir(dataDir));
	});
	afterAll(async () => {
		await app?.stop();
		await store?.close();
		fs.rmSync(dataDir, { recursive: true, force: true });
	});

	it('stores each report exactly once, leaves no orphan file, and keeps running', async () => {
		const rows: [string, string | number][] = [];
		const keys: string[] = [];
		let extraRetries = 0;
		for (const [pointIndex, point] of points.entries()) {
			const first: Reply[] = [];
			const retried: Reply[] = [];
			// Four clients at a time, so faults land while other reports are in flight.
			const queue = Array.from({ length: TIMES }, (_, index) => index);
			await Promise.all(
				Array.from({ length: 4 }, async () => {
					for (let index = queue.shift(); index !== undefined; index = queue.shift()) {
						const seed = pointIndex * TIMES + index;
						const report = {
							key: crypto.randomUUID(),
							lat: 44.7 + seed / 10_000,
							lng: 20.4,
							photos: [await uniquePhoto(seed)]
						};
						keys.push(report.key);
						first.push(await sendReport(app.origin, { ...report, headers: { 'nadzor-fault': `${point}=terminate` } }));
						let reply = await sendReport(app.origin, report);
						// A retry can meet the pool still replacing its killed connection: try again, as a client would.
						for (let attempt = 0; attempt < 5 && reply.status === 503; attempt++) {
							extraRetries++;
							reply = await sendReport(app.origin, report);
						}
						retried.push(reply);
					}
				})
			);
			const count = (replies: Reply[], status: number) => replies.filter((reply) => reply.status === status).length;
			expect(first.map((reply) => reply.status)).toEqual(Array(TIMES).fill(503));
			expect(first.every((reply) => reply.retryAfter === '5' && reply.error === 'unavailable')).toBe(true);
			const expected = point === 'submission.after-commit' ? 200 : 201;
			expect(retried.map((reply) => reply.status)).toEqual(Array(TIMES).fill(expected));
			rows.push([`${point}: first attempt 503 / other`, `${count(first, 503)} / ${TIMES - count(first, 503)}`]);
			rows.push([
				`${point}: retry 201 / 200 / other`,
				`${count(retried, 201)} / ${count(retried, 200)} / ${TIMES - count(retried, 201) - count(retried, 200)}`
			]);
		}

		const perKey = await store.rowsPerKey(keys);
		const counts = [...perKey.values()];
		const state = await store.state();
		expect(counts.filter((n) => n !== 1)).toEqual([]);
		expect(await store.partialReports(1)).toBe(0);
		expect(state.uploads).toBe(0);
		expect(state.orphans).toEqual([]);
		expect(state.missing).toEqual([]);
		expect(state.temporary).toEqual([]);
		expect(app.alive()).toBe(true);
		expect((await fetch(`${app.origin}/healthz`)).status).toBe(200);
		expect(app.output()).not.toContain('unhandled error');

		rows.push(
			['keys / rows (exactly one each)', `${keys.length} / ${counts.reduce((a, b) => a + b, 0)}`],
			['retries that met a 503 again', extraRetries],
			['orphan files / rows with a missing file', `${state.orphans.length} / ${state.missing.length}`],
			['upload records / temporary files left', `${state.uploads} / ${state.temporary.length}`],
			['server process', `pid ${app.pid} alive, /healthz 200`]
		);
		record(`Database connection killed mid-report (${TIMES} × ${points.length})`, rows);
	});
});
