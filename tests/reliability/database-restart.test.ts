/**
 * PostgreSQL restarted under load: while it is down, requests fail fast with 503 and a
 * Retry-After hint (never 500, never a hang); when it is back, the app recovers by itself (no
 * restart of the app), and every report the clients kept retrying is stored exactly once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase, isReady, start, stop } from './cluster';
import { appPort, startApp, type RunningApp } from './app';
import { percentile, sendReport, sleep, uniquePhoto, type Reply } from './client';
import { record } from './results';
import { photoDir, Store } from './store';

const PORT = appPort(2);
const CLIENTS = 8;
const OUTAGE_MS = 4000;

interface Timed extends Reply {
	at: number;
}

describe('PostgreSQL restarted under load', () => {
	const cluster = inject('cluster');
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nadzor-reliability-restart-'));
	let app: RunningApp;
	let store: Store;

	beforeAll(async () => {
		const databaseUrl = await createDatabase(cluster.adminUrl, 'reliability_restart');
		app = await startApp({ port: PORT, dataDir, databaseUrl });
		store = new Store(databaseUrl, photoDir(dataDir));
	});
	afterAll(async () => {
		if (!isReady()) start(cluster.dataDir);
		await app?.stop();
		await store?.close();
		fs.rmSync(dataDir, { recursive: true, force: true });
	});

	it('answers 503 with Retry-After during the outage and recovers by itself', async () => {
		const replies: Timed[] = [];
		const health: { sent: number; at: number; status: number }[] = [];
		const keys: string[] = [];
		const acknowledged = new Set<string>();
		let running = true;
		let seed = 0;

		const client = async () => {
			while (running) {
				const key = crypto.randomUUID();
				keys.push(key);
				const report = { key, lat: 44.8 + seed / 10_000, lng: 20.45, photos: [await uniquePhoto(seed++)] };
				// Retry with the same key until the report is acknowledged. The client retries sooner
				// than Retry-After asks, so the moment of recovery is measured closely.
				for (;;) {
					const reply = await sendReport(app.origin, report);
					replies.push({ ...reply, at: performance.now() });
					if (reply.status === 201 || reply.status === 200) {
						acknowledged.add(key);
						break;
					}
					await sleep(100);
				}
			}
		};
		const poller = async () => {
			while (running) {
				const sent = performance.now();
				const status = await fetch(`${app.origin}/healthz`)
					.then((response) => response.status)
					.catch(() => 0);
				health.push({ sent, at: performance.now(), status });
				await sleep(100);
			}
		};

		const clients = [...Array.from({ length: CLIENTS }, client), poller()];
		await sleep(3000);
		const down = performance.now();
		stop(cluster.dataDir);
		const stopped = performance.now();
		await sleep(OUTAGE_MS);
		start(cluster.dataDir);
		const up = performance.now();
		await sleep(8000);
		running = false;
		await Promise.all(clients);

		// Requests sent and answered while the database was down (one that finished its database work
		// before the shutdown may still be answering 201 after it).
		const during = replies.filter((reply) => reply.at - reply.ms > stopped && reply.at < up);
		const unavailable = replies.filter((reply) => reply.status === 503);
		const firstSuccess = replies.find((reply) => reply.at > up && (reply.status === 201 || reply.status === 200));
		const firstHealthy = health.find((probe) => probe.at > up && probe.status === 200);

		expect(replies.filter((reply) => reply.status >= 500 && reply.status !== 503)).toEqual([]);
		// The app never went away (a refused connection would mean it had); a kept-alive connection
		// closed just as the client reused it is the transport's business, and the client retries.
		const network = replies.filter((reply) => reply.network);
		expect(network.filter((reply) => reply.cause === 'ECONNREFUSED')).toEqual([]);
		expect(during.length).toBeGreaterThan(0);
		expect(during.every((reply) => reply.status === 503)).toBe(true);
		expect(unavailable.every((reply) => reply.retryAfter === '5' && reply.error === 'unavailable')).toBe(true);
		expect(health.filter((probe) => probe.sent > stopped && probe.at < up).every((probe) => probe.status === 503)).toBe(
			true
		);
		expect(firstSuccess).toBeDefined();
		expect(firstHealthy).toBeDefined();
		expect(acknowledged.size).toBe(keys.length);
		const perKey = await store.rowsPerKey(keys);
		expect([...perKey.values()].filter((n) => n !== 1)).toEqual([]);
		const state = await store.state();
		expect(state.missing).toEqual([]);
		expect(app.alive()).toBe(true);

		const latencies = unavailable.map((reply) => reply.ms);
		record(`PostgreSQL restarted under load (${CLIENTS} clients, ${OUTAGE_MS / 1000} s down)`, [
			['requests / reports acknowledged', `${replies.length} / ${acknowledged.size}`],
			[
				'5xx other than 503 / network errors',
				`0 / ${network.length}${network.length ? ` (${[...new Set(network.map((reply) => reply.cause))].join(', ')})` : ''}`
			],
			['503 answers (all with Retry-After: 5)', unavailable.length],
			[
				'503 latency p50 / p95 / max (ms)',
				`${percentile(latencies, 50).toFixed(0)} / ${percentile(latencies, 95).toFixed(0)} / ${Math.max(...latencies).toFixed(0)}`
			],
			['fast shutdown of PostgreSQL (ms)', (stopped - down).toFixed(0)],
			['database back → first report stored (ms)', (firstSuccess!.at - up).toFixed(0)],
			['database back → /healthz 200 (ms)', (firstHealthy!.at - up).toFixed(0)],
			['rows per key', 'exactly 1 for every key'],
			['app restarted', 'no (same process throughout)']
		]);
	});
});
