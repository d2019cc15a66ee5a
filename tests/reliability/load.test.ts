/**
 * 50 contributors at once, 20 reports each, every report with a 1–4 MB photo: nothing lost
 * (rows = acknowledgements), nothing duplicated, no 5xx. Latency and the server's peak memory
 * are recorded.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase } from './cluster';
import { appPort, startApp, type RunningApp } from './app';
import { phonePhoto, percentile, type Reply } from './client';
import { runLoad } from './load';
import { record } from './results';
import { photoDir, Store } from './store';

const PORT = appPort(0);
// The bar is 50 × 20; smaller numbers only for a quick look (RELIABILITY_CONTRIBUTORS, RELIABILITY_REPORTS).
const CONTRIBUTORS = Number(process.env.RELIABILITY_CONTRIBUTORS ?? 50);
const REPORTS = Number(process.env.RELIABILITY_REPORTS ?? 20);
const MB = 1024 * 1024;

describe('50 concurrent contributors × 20 reports with 1–4 MB photos', () => {
	const cluster = inject('cluster');
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nadzor-reliability-load-'));
	let app: RunningApp;
	let store: Store;
	let photos: Uint8Array[];

	beforeAll(async () => {
		const databaseUrl = await createDatabase(cluster.adminUrl, 'reliability_load');
		app = await startApp({ port: PORT, dataDir, databaseUrl });
		store = new Store(databaseUrl, photoDir(dataDir));
		// Four different 12-megapixel photos of about 1, 1.7, 2.6 and 3.7 MB.
		photos = [];
		for (const [index, grain] of [0.03, 0.05, 0.08, 0.12].entries()) photos.push(await phonePhoto(grain, index + 1));
	});
	afterAll(async () => {
		await app?.stop();
		await store?.close();
		fs.rmSync(dataDir, { recursive: true, force: true });
	});

	// 0.15–0.5 s of one core per report (a 12-megapixel decode and a WebP encode): minutes on a busy machine.
	it('loses nothing, duplicates nothing and answers no 5xx', { timeout: 1_800_000 }, async () => {
		const { replies, acknowledged, seconds } = await runLoad({
			origin: app.origin,
			contributors: CONTRIBUTORS,
			reports: REPORTS,
			photos
		});
		const perKey = await store.rowsPerKey([...acknowledged.keys()]);
		const state = await store.state();
		const by = (predicate: (reply: Reply) => boolean) => replies.filter(predicate).length;

		const fivexx = by((reply) => reply.status >= 500);
		expect(fivexx).toBe(0);
		expect(by((reply) => reply.network === true)).toBe(0);
		expect(acknowledged.size).toBe(CONTRIBUTORS * REPORTS);
		expect(state.submissions).toBe(acknowledged.size);
		expect([...perKey.values()].filter((n) => n !== 1)).toEqual([]);
		expect(new Set(acknowledged.values()).size).toBe(acknowledged.size);
		expect(state.missing).toEqual([]);
		expect(state.uploads).toBe(0);

		const latencies = replies.map((reply) => reply.ms);
		const sizes = photos.map((photo) => photo.byteLength / MB);
		record(`Load: ${CONTRIBUTORS} contributors × ${REPORTS} reports, one 1–4 MB photo each`, [
			['photo sizes (MB)', `${Math.min(...sizes).toFixed(1)}–${Math.max(...sizes).toFixed(1)}`],
			['requests', replies.length],
			[
				'201 / 4xx / 5xx / network errors',
				`${by((r) => r.status === 201)} / ${by((r) => r.status >= 400 && r.status < 500)} / ${fivexx} / 0`
			],
			['rows stored / acknowledged', `${state.submissions} / ${acknowledged.size}`],
			[
				'lost / duplicated',
				`${acknowledged.size - [...perKey.values()].filter((n) => n === 1).length} / ${[...perKey.values()].filter((n) => n > 1).length}`
			],
			[
				'latency p50 / p95 / max (ms)',
				`${percentile(latencies, 50).toFixed(0)} / ${percentile(latencies, 95).toFixed(0)} / ${Math.max(...latencies).toFixed(0)}`
			],
			['throughput (reports/s)', (replies.length / seconds).toFixed(1)],
			['uploaded (MB/s)', ((replies.length * (sizes.reduce((a, b) => a + b, 0) / sizes.length)) / seconds).toFixed(1)],
			['server peak RSS (MB)', (app.peakRss() / MB).toFixed(0)]
		]);
	});
});
