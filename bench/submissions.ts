/**
 * Many contributors at once: C concurrent contributors each send R reports with a photo to a
 * running server, and every report is sent twice (the second time as if the first answer had
 * been lost). Then the database is counted. The bar: 0 lost, 0 duplicated, 0 5xx.
 *
 *   RATE_LIMIT_SUBMISSIONS_PER_HOUR=1000000 DATABASE_URL=... npm start   # in one shell
 *   npx tsx bench/submissions.ts --url http://localhost:3000 --database postgres://... \
 *     [--contributors 50] [--reports 20]
 *
 * Prints a table; results go to bench/RESULTS.md.
 */
import fs from 'node:fs/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';

const { values } = parseArgs({
	options: {
		url: { type: 'string', default: 'http://localhost:3000' },
		database: { type: 'string' },
		contributors: { type: 'string', default: '50' },
		reports: { type: 'string', default: '20' },
		photo: { type: 'string', default: 'tests/e2e/fixtures/camera-gps-orientation6.jpg' }
	}
});
if (!values.database) throw new Error('--database: the server’s PostgreSQL URL, to count what was stored');

const base = new URL(values.url!);
const contributors = Number(values.contributors);
const reportsEach = Number(values.reports);
const photo = new Uint8Array(await fs.readFile(values.photo!));

interface Attempt {
	status: number;
	ms: number;
	id?: string;
}

async function send(key: string, lat: number, lng: number): Promise<Attempt> {
	const body = new FormData();
	body.set('payload', JSON.stringify({ kind: 'new_camera', lat, lng, camera_type: 'dome' }));
	body.append('photos', new File([photo as BlobPart], 'camera.jpg', { type: 'image/jpeg' }));
	const started = performance.now();
	try {
		const response = await fetch(new URL('/api/v1/submissions', base), {
			method: 'POST',
			body,
			// What a browser on the site sends; the server refuses cross-site posts.
			headers: { 'idempotency-key': key, origin: base.origin, accept: 'application/json' }
		});
		const answer = (await response.json().catch(() => ({}))) as { id?: string };
		return { status: response.status, ms: performance.now() - started, id: answer.id };
	} catch {
		return { status: 0, ms: performance.now() - started };
	}
}

const database = new pg.Client({ connectionString: values.database });
await database.connect();
const count = async () =>
	Number((await database.query<{ n: string }>('SELECT count(*) AS n FROM submissions')).rows[0].n);
const before = await count();

const attempts: Attempt[] = [];
const sent = new Map<string, Set<string>>();
const started = performance.now();
await Promise.all(
	Array.from({ length: contributors }, async (_, contributor) => {
		for (let report = 0; report < reportsEach; report++) {
			const key = crypto.randomUUID();
			const lat = 44.75 + ((contributor * reportsEach + report) % 1000) / 10_000;
			const lng = 20.4 + contributor / 1000;
			for (let copy = 0; copy < 2; copy++) {
				const attempt = await send(key, lat, lng);
				attempts.push(attempt);
				if (attempt.id) sent.set(key, (sent.get(key) ?? new Set()).add(attempt.id));
			}
		}
	})
);
const seconds = (performance.now() - started) / 1000;
const stored = (await count()) - before;
await database.end();

const expected = contributors * reportsEach;
const by = (predicate: (attempt: Attempt) => boolean) => attempts.filter(predicate).length;
const latencies = attempts.map((attempt) => attempt.ms).sort((a, b) => a - b);
const percentile = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
const rows: [string, string | number][] = [
	['contributors × reports', `${contributors} × ${reportsEach}`],
	['requests (each report twice)', attempts.length],
	['201 created', by((attempt) => attempt.status === 201)],
	['200 replayed', by((attempt) => attempt.status === 200)],
	['4xx', by((attempt) => attempt.status >= 400 && attempt.status < 500)],
	['5xx', by((attempt) => attempt.status >= 500)],
	['network errors', by((attempt) => attempt.status === 0)],
	['reports stored', `${stored} of ${expected}`],
	['lost', expected - [...sent.values()].filter((ids) => ids.size > 0).length],
	[
		'duplicated (a key answered with two ids, or extra rows)',
		[...sent.values()].filter((ids) => ids.size > 1).length + Math.max(0, stored - expected)
	],
	[
		'latency p50 / p95 / max (ms)',
		`${percentile(50).toFixed(0)} / ${percentile(95).toFixed(0)} / ${latencies.at(-1)!.toFixed(0)}`
	],
	['throughput (requests/s)', (attempts.length / seconds).toFixed(1)]
];
const width = Math.max(...rows.map(([label]) => label.length));
console.log(`| ${'measure'.padEnd(width)} | value |\n| ${'-'.repeat(width)} | ----- |`);
for (const [label, value] of rows) console.log(`| ${label.padEnd(width)} | ${value} |`);
