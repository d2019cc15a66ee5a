/**
 * Several app servers behind nginx, a streaming replica for reads, photos on an S3-compatible
 * server: the five scenarios of tests/cluster/README.md, in order, each recording its numbers.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DB } from '../../src/lib/server/db/schema';
import { s3Storage } from '../../src/lib/server/storage/s3';
import { tileAt } from '../support/tiles';
import { createUser, PASSWORD } from '../support/factories';
import { decodeTile } from '../support/mvt';
import { startApp, type RunningApp } from '../reliability/app';
import { isReady, start, stop } from '../reliability/cluster';
import { percentile, phonePhoto, sendReport, sleep, uniquePhoto, type Reply } from '../reliability/client';
import { runLoad, type LoadResult } from '../reliability/load';
import { record } from '../reliability/results';
import { keyHash, Store } from '../reliability/store';
import { FAIL_TIMEOUT_S, startNginx, type Balancer } from './nginx';

// The balancer listens on BALANCER_PORT, the app servers on the next three ports.
const BALANCER_PORT = Number(process.env.CLUSTER_PORT ?? 3270);
const SERVER_PORTS = [1, 2, 3].map((n) => BALANCER_PORT + n);
// The bar is 50 × 20; smaller numbers only for a quick look.
const CONTRIBUTORS = Number(process.env.CLUSTER_CONTRIBUTORS ?? 50);
const REPORTS = Number(process.env.CLUSTER_REPORTS ?? 20);
// Per visitor and hour: above a contributor's reports and their retries, reachable by scenario 3.
const RATE_LIMIT = Math.max(30, REPORTS + 10);
const MB = 1024 * 1024;
/** The photos' width and height in pixels. */
const PHOTO_SIZE = [1024, 768] as const;

const by = (replies: Reply[], predicate: (reply: Reply) => boolean) => replies.filter(predicate).length;
const ms = (values: number[]) =>
	`${percentile(values, 50).toFixed(0)} / ${percentile(values, 95).toFixed(0)} / ${Math.max(0, ...values).toFixed(0)}`;

describe('several app servers behind nginx, a read replica, photos on S3', () => {
	const suite = inject('clusterSuite');
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'nadzor-cluster-'));
	const servers: RunningApp[] = [];
	let balancer: Balancer;
	let store: Store;
	let db: Kysely<DB>;
	let replicaAdmin: pg.Pool;
	let photos: Uint8Array[];
	const storage = s3Storage({
		endpoint: suite.s3Endpoint,
		region: 'us-east-1',
		bucket: 'photos',
		accessKeyId: 'S3RVER',
		secretAccessKey: 'S3RVER',
		forcePathStyle: true
	});
	const origin = `http://localhost:${BALANCER_PORT}`;

	const startServer = (index: number) =>
		startApp({
			port: SERVER_PORTS[index],
			dataDir: path.join(work, `server-${index + 1}`),
			databaseUrl: suite.databaseUrl,
			env: {
				ORIGIN: origin,
				DATABASE_READ_URL: suite.readUrl,
				PHOTO_STORAGE: 's3',
				S3_ENDPOINT: suite.s3Endpoint,
				S3_BUCKET: 'photos',
				S3_ACCESS_KEY_ID: 'S3RVER',
				S3_SECRET_ACCESS_KEY: 'S3RVER',
				ADDRESS_HEADER: 'x-forwarded-for',
				XFF_DEPTH: '1',
				RATE_LIMIT_SUBMISSIONS_PER_HOUR: String(RATE_LIMIT),
				LOG_LEVEL: 'info'
			}
		});

	/** A request straight to one app server, as nginx would pass it on for a visitor at `address`. */
	const direct = (index: number, pathname: string, init: RequestInit & { address?: string } = {}) =>
		fetch(`http://127.0.0.1:${SERVER_PORTS[index]}${pathname}`, {
			redirect: 'manual',
			...init,
			headers: {
				host: `localhost:${BALANCER_PORT}`,
				'x-forwarded-for': init.address ?? '127.0.9.1',
				origin,
				'accept-language': 'en',
				...(init.headers as Record<string, string>)
			}
		});

	/** The servers' warnings and errors (their log lines above `info`), for a failure's message. */
	const serverErrors = () =>
		servers
			.map((server, index) => {
				const lines = server
					.output()
					.split('\n')
					.filter((line) => line && !line.includes('"level":"info"'));
				return `server ${index + 1}:\n${lines.slice(-20).join('\n')}`;
			})
			.join('\n');

	/** Rows per key (exactly 1 each: nothing lost, nothing duplicated) and every photo file of those reports in the bucket. */
	async function verify(load: LoadResult) {
		const perKey = await store.rowsPerKey(load.keys);
		const counts = [...perKey.values()];
		const { rows } = await store.pool.query<{ key: string }>(
			`SELECT p.display_key AS key FROM photos p JOIN submissions s ON s.id = p.submission_id
			 WHERE s.idempotency_key_hash = ANY($1)
			 UNION ALL
			 SELECT p.thumb_key FROM photos p JOIN submissions s ON s.id = p.submission_id
			 WHERE s.idempotency_key_hash = ANY($1)`,
			[load.keys.map(keyHash)]
		);
		const missing: string[] = [];
		for (let i = 0; i < rows.length; i += 16) {
			const batch = rows.slice(i, i + 16);
			const found = await Promise.all(batch.map((row) => storage.exists(row.key)));
			missing.push(...batch.filter((_, j) => !found[j]).map((row) => row.key));
		}
		return {
			lost: counts.filter((n) => n === 0).length,
			duplicated: counts.filter((n) => n > 1).length,
			files: rows.length,
			missing
		};
	}

	beforeAll(async () => {
		// Real JPEG photos through the whole pipeline (decode, resize, WebP, thumbnail, S3), at a size
		// a phone's browser may send: what this suite proves is about several servers, not big
		// bodies, which the reliability suite loads one server with (12 megapixels, 1–4 MB).
		photos = [];
		for (const [index, grain] of [0.03, 0.05, 0.08, 0.12].entries())
			photos.push(await phonePhoto(grain, index + 1, PHOTO_SIZE[0], PHOTO_SIZE[1]));
		// The first migrates the database; then the others, at once, find nothing to do.
		servers.push(await startServer(0));
		servers.push(...(await Promise.all(SERVER_PORTS.slice(1).map((_, i) => startServer(i + 1)))));
		balancer = await startNginx({ port: BALANCER_PORT, servers: SERVER_PORTS });
		store = new Store(suite.databaseUrl, path.join(work, 'none'));
		db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: store.pool }) });
		replicaAdmin = new pg.Pool({
			connectionString: suite.replica.adminUrl.replace(/\/postgres$/, '/nadzor_cluster'),
			max: 1
		});
		replicaAdmin.on('error', () => undefined);
	});
	afterAll(async () => {
		if (!isReady(suite.replica.port)) start(suite.replica.dataDir, suite.replica.port);
		if (!isReady(suite.primary.port)) start(suite.primary.dataDir, suite.primary.port);
		await Promise.all(servers.map((server) => server.stop()));
		await balancer?.stop();
		await store?.close();
		await replicaAdmin?.end();
		fs.rmSync(work, { recursive: true, force: true });
	});
	it(`1. ${CONTRIBUTORS} contributors × ${REPORTS} reports with photos through the balancer: 0 lost, 0 duplicated, 0 5xx`, async () => {
		const load = await runLoad({
			origin,
			contributors: CONTRIBUTORS,
			reports: REPORTS,
			photos,
			addressOf: (contributor) => `127.0.1.${contributor + 1}`
		});
		const result = await verify(load);
		const answered = balancer.log().filter((line) => line.upstream !== '-');
		const perServer = SERVER_PORTS.map((port) => answered.filter((line) => line.upstream.endsWith(`:${port}`)).length);

		// What failed, and what the servers logged about it, if anything did.
		const failed = load.replies.filter((reply) => reply.status >= 500 || reply.network === true);
		expect(failed, failed.length ? serverErrors() : '').toEqual([]);
		expect(load.acknowledged.size).toBe(CONTRIBUTORS * REPORTS);
		expect(result.lost).toBe(0);
		expect(result.duplicated).toBe(0);
		expect(new Set(load.acknowledged.values()).size).toBe(load.acknowledged.size);
		expect(result.missing).toEqual([]);
		// Every server took a share.
		expect(perServer.every((n) => n > 0)).toBe(true);

		const sizes = photos.map((photo) => photo.byteLength / MB);
		record(
			`1. Load through nginx: ${CONTRIBUTORS} contributors × ${REPORTS} reports, one ${PHOTO_SIZE.join(' × ')} JPEG photo each, 3 app servers`,
			[
				['photo sizes (MB)', `${Math.min(...sizes).toFixed(2)}–${Math.max(...sizes).toFixed(2)}`],
				['wall time (s)', load.seconds.toFixed(0)],
				['requests', load.replies.length],
				[
					'201 / 4xx / 5xx / network errors',
					`${by(load.replies, (r) => r.status === 201)} / ${by(load.replies, (r) => r.status >= 400 && r.status < 500)} / 0 / 0`
				],
				['lost / duplicated', `${result.lost} / ${result.duplicated}`],
				['photo files in the bucket / referenced', `${result.files - result.missing.length} / ${result.files}`],
				['requests per app server (nginx log)', perServer.join(' / ')],
				['latency p50 / p95 / max (ms)', ms(load.replies.map((reply) => reply.ms))],
				['throughput (reports/s)', (load.replies.length / load.seconds).toFixed(1)],
				['peak RSS per server (MB)', servers.map((server) => (server.peakRss() / MB).toFixed(0)).join(' / ')]
			]
		);
	});

	it('3. a change, a session and a rate limit made through server A hold on server B', async () => {
		const A = 0;
		const B = 1;
		const sessionOf = (response: Response) =>
			/(?:^|,\s*)session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
		// A session made on A is valid on B.
		const username = `cluster${Date.now().toString(36)}`;
		const signup = await direct(A, '/signup', {
			method: 'POST',
			body: new URLSearchParams({ username, password: PASSWORD }),
			headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }
		});
		expect(signup.status, signup.status === 303 ? '' : (await signup.text()).slice(0, 3000)).toBe(303);
		const session = sessionOf(signup);
		expect(session).toBeTruthy();
		const account = await direct(B, '/account', { headers: { cookie: `session=${session}`, accept: 'text/html' } });
		expect(account.status).toBe(200);
		expect(await account.text()).toContain(username);

		// An approval made through A shows in B's tiles, read from the replica, within 2 s.
		const moderator = await createUser(db, { role: 'moderator' });
		const login = await direct(A, '/login', {
			method: 'POST',
			body: new URLSearchParams({ username: moderator.username, password: moderator.password }),
			headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }
		});
		expect(login.status).toBe(303);
		const moderatorSession = sessionOf(login);
		const lat = 44.79;
		const lng = 20.47;
		const sent = await sendReport(`http://127.0.0.1:${SERVER_PORTS[A]}`, {
			key: crypto.randomUUID(),
			lat,
			lng,
			photos: [await uniquePhoto(1)],
			headers: { origin, 'x-forwarded-for': '127.0.9.2' }
		});
		expect(sent.status).toBe(201);
		const tile = tileAt(lng, lat, 15);
		const camerasOnB = async (filter = '') => {
			const tilejson = (await (await direct(B, '/tiles/cameras.json')).json()) as { tiles: string[] };
			const version = new URL(tilejson.tiles[0].replace(/\{(\w)\}/g, '0')).searchParams.get('v');
			const query = filter ? `&${filter}` : '';
			const reply = await direct(B, `/tiles/cameras/15/${tile.x}/${tile.y}.mvt?v=${version}${query}`, {
				headers: { 'accept-encoding': 'identity' }
			});
			expect(reply.status).toBe(200);
			return decodeTile(new Uint8Array(await reply.arrayBuffer())).cameras?.features.length ?? 0;
		};
		expect(await camerasOnB()).toBe(0);
		const approvedAtClock = new Date();
		const decided = await direct(A, `/moderate/${sent.id}?/decide`, {
			method: 'POST',
			body: new URLSearchParams({
				action: 'approve',
				version: '1',
				'photo.0': 'clear',
				lat: String(lat),
				lng: String(lng),
				surveillance_type: 'camera',
				camera_type: 'dome'
			}),
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				cookie: `session=${moderatorSession}`,
				accept: 'application/json',
				'x-sveltekit-action': 'true'
			}
		});
		const approvedAt = performance.now();
		const decision = (await decided.json()) as { type: string };
		expect(decision.type).toBe('success');
		let visibleMs = -1;
		while (performance.now() - approvedAt < 10_000) {
			if ((await camerasOnB()) > 0) {
				visibleMs = performance.now() - approvedAt;
				break;
			}
			await sleep(50);
		}
		expect(visibleMs).toBeGreaterThanOrEqual(0);
		expect(visibleMs).toBeLessThanOrEqual(2000);
		// B reads its tiles on the replica once the replica has replayed the approval (until then on
		// the primary: a replica that is behind never answers a tile of a newer version). Once it
		// has, and B has read its version (once a second), a tile B has not cached yet is read
		// there: a read connection's last statement is a tile query begun after the approval
		// (nothing else asks for tiles meanwhile).
		const { rows: wal } = await store.pool.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
		const replayedBy = performance.now();
		let replayMs = -1;
		while (performance.now() - replayedBy < 20_000) {
			const { rows } = await replicaAdmin.query<{ done: boolean }>(
				'SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done',
				[wal[0].lsn]
			);
			if (rows[0].done) {
				replayMs = performance.now() - approvedAt;
				break;
			}
			await sleep(50);
		}
		expect(replayMs).toBeGreaterThanOrEqual(0);
		let onReplica = 0;
		for (const filter of ['type=camera', 'type=camera,ALPR', 'confidence=verified', 'type=camera&removed=1']) {
			await sleep(1100);
			expect(await camerasOnB(filter)).toBeGreaterThan(0);
			const { rows } = await replicaAdmin.query<{ n: number }>(
				`SELECT count(*)::int AS n FROM pg_stat_activity
				 WHERE application_name = 'nadzor-read' AND query ILIKE '%ST_AsMVT%' AND query_start >= $1`,
				[approvedAtClock]
			);
			onReplica = rows[0].n;
			if (onReplica > 0) break;
		}
		expect(onReplica).toBeGreaterThan(0);

		// A rate limit reached on A holds on B (the same visitor, as nginx names it).
		const visitor = '127.0.3.1';
		const statuses: number[] = [];
		for (let i = 0; i < RATE_LIMIT; i++) {
			const reply = await sendReport(`http://127.0.0.1:${SERVER_PORTS[A]}`, {
				key: crypto.randomUUID(),
				lat: 44.7 + i / 1000,
				lng: 20.3,
				photos: [await uniquePhoto(100 + i)],
				headers: { origin, 'x-forwarded-for': visitor }
			});
			statuses.push(reply.status);
		}
		const onB = await sendReport(`http://127.0.0.1:${SERVER_PORTS[B]}`, {
			key: crypto.randomUUID(),
			lat: 44.69,
			lng: 20.3,
			photos: [await uniquePhoto(99)],
			headers: { origin, 'x-forwarded-for': visitor }
		});
		expect(statuses.every((status) => status === 201)).toBe(true);
		expect(onB.status).toBe(429);

		record('3. Through server A, seen on server B', [
			['session made on A: /account on B', account.status],
			['approval on A → camera in B’s tile (ms)', visibleMs.toFixed(0)],
			['approval on A → replayed on the replica (ms)', replayMs.toFixed(0)],
			[
				'then a tile B had not cached read on the replica',
				onReplica > 0 ? 'yes (pg_stat_activity on the replica)' : 'no'
			],
			[
				`reports accepted on A for one visitor (limit ${RATE_LIMIT}/h)`,
				statuses.filter((status) => status === 201).length
			],
			['the next one, on B', onB.status]
		]);
	});
	it('2. one app server killed with SIGKILL under that load: retried with the same key, 0 lost, 0 duplicated', async () => {
		const victim = 0;
		const victimAddress = `127.0.0.1:${SERVER_PORTS[victim]}`;
		const total = CONTRIBUTORS * REPORTS;
		const count = async () =>
			(await store.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM submissions')).rows[0].n;
		const baseline = await count();
		let killedAt = 0;
		let killedAtClock = 0;
		let loadDone = false;
		const loading = runLoad({
			origin,
			contributors: CONTRIBUTORS,
			reports: REPORTS,
			photos,
			retries: 5,
			addressOf: (contributor) => `127.0.2.${contributor + 1}`
		});
		const killer = (async () => {
			// A third of the way through the load.
			while (!loadDone && (await count()) < baseline + total / 3) await sleep(200);
			killedAt = performance.now();
			killedAtClock = Date.now();
			servers[victim].kill('SIGKILL');
			await servers[victim].exited;
		})();
		const load = await loading.finally(() => (loadDone = true));
		await killer;
		const finishedAtClock = Date.now();
		const result = await verify(load);
		const afterKill = balancer.log().filter((line) => line.at > killedAtClock);
		// Requests nginx passed to the dead server after the kill, and those answered by it (none can be).
		const tried = afterKill.filter((line) => line.upstream.includes(victimAddress));
		const graceMs = 2000;
		// A request in flight on the killed server fails whenever its answer comes (a slow upload may
		// take seconds more); a request sent after the kill must not fail.
		const failedLate = load.replies.filter(
			(reply) => (reply.status >= 500 || reply.network) && reply.at - reply.ms - killedAt > graceMs
		);

		expect(load.acknowledged.size).toBe(total);
		expect(result.lost).toBe(0);
		expect(result.duplicated).toBe(0);
		expect(result.missing).toEqual([]);
		// nginx stopped sending to the dead server: but for the requests in flight on it (502) no
		// visitor saw an error, and it was tried again only once per fail_timeout.
		expect(failedLate).toEqual([]);
		const windows = Math.ceil((finishedAtClock - killedAtClock) / (FAIL_TIMEOUT_S * 1000)) + 1;
		expect(tried.length).toBeLessThanOrEqual(windows + by(load.replies, (reply) => reply.status === 502));

		record(`2. One of 3 app servers killed (SIGKILL) a third of the way through ${CONTRIBUTORS} × ${REPORTS} reports`, [
			['requests (retries included) / reports', `${load.replies.length} / ${total}`],
			[
				'502 from nginx (in flight on the killed server) / network errors',
				`${by(load.replies, (r) => r.status === 502)} / ${by(load.replies, (r) => r.network === true)}`
			],
			['other 5xx', by(load.replies, (r) => r.status >= 500 && r.status !== 502)],
			['retries that found the report already stored (200)', by(load.replies, (r) => r.status === 200)],
			['lost / duplicated', `${result.lost} / ${result.duplicated}`],
			['photo files in the bucket / referenced', `${result.files - result.missing.length} / ${result.files}`],
			[`errors for requests sent > ${graceMs / 1000} s after the kill`, failedLate.length],
			[`requests nginx tried on the dead server after the kill (fail_timeout ${FAIL_TIMEOUT_S} s)`, tried.length]
		]);
		// Back in service for the scenarios after this one.
		servers[victim] = await startServer(victim);
	});

	it('4. the replica stopped for 10 s under read load: no wrong answers, no 5xx but 503 + Retry-After, recovers', async () => {
		// What a correct answer is: the approved cameras (scenario 3), from the primary.
		const { rows: approved } = await store.pool.query<{ id: number }>(
			"SELECT id::int AS id FROM cameras WHERE status = 'active' ORDER BY id"
		);
		expect(approved.length).toBeGreaterThan(0);
		const ids = approved.map((row) => row.id);
		const bbox = '20.3,44.6,20.6,44.9';
		const tile = tileAt(20.47, 44.79, 15);
		type Answer = { at: number; kind: string; status: number; wrong?: string; retryAfter?: string | null };
		const answers: Answer[] = [];
		let running = true;
		const read = async (kind: string, pathname: string, check: (response: Response) => Promise<string | undefined>) => {
			const response = await fetch(`${origin}${pathname}`, { headers: { 'accept-encoding': 'identity' } }).catch(
				() => undefined
			);
			if (!response) {
				answers.push({ at: performance.now(), kind, status: 0 });
				return;
			}
			let wrong: string | undefined;
			if (response.status === 200) wrong = await check(response);
			else await response.arrayBuffer();
			answers.push({
				at: performance.now(),
				kind,
				status: response.status,
				wrong,
				retryAfter: response.headers.get('retry-after')
			});
		};
		const reader = async (n: number) => {
			for (let i = 0; running; i++) {
				switch ((n + i) % 4) {
					case 0:
						await read('geojson', `/api/v1/cameras.geojson?bbox=${bbox}`, async (response) => {
							const body = (await response.json()) as { features: { id: number }[] };
							const got = body.features.map((feature) => feature.id).sort((a, b) => a - b);
							return JSON.stringify(got) === JSON.stringify(ids) ? undefined : `cameras ${JSON.stringify(got)}`;
						});
						break;
					case 1:
						await read('camera', `/api/v1/cameras/${ids[0]}.json`, async (response) => {
							const body = (await response.json()) as { id: number };
							return body.id === ids[0] ? undefined : `camera ${body.id}`;
						});
						break;
					case 2:
						await read(
							'tile',
							`/tiles/cameras/15/${tile.x}/${tile.y}.mvt?type=${['camera', 'camera,ALPR'][i % 2]}`,
							async (response) => {
								const count = decodeTile(new Uint8Array(await response.arrayBuffer())).cameras?.features.length ?? 0;
								return count > 0 ? undefined : 'an empty tile';
							}
						);
						break;
					default:
						await read('statistics', '/api/v1/stats/areas.json', async (response) => {
							const body = (await response.json()) as { areas?: unknown[] };
							return Array.isArray(body.areas) ? undefined : 'no areas';
						});
				}
			}
		};
		const readers = Array.from({ length: 6 }, (_, n) => reader(n));
		await sleep(3000);
		const stoppedAt = performance.now();
		stop(suite.replica.dataDir);
		await sleep(10_000);
		start(suite.replica.dataDir, suite.replica.port);
		const restartedAt = performance.now();
		const restartedAtClock = new Date();
		// Reads on the replica again: a read connection there whose last statement began after the restart.
		let backMs = -1;
		while (performance.now() - restartedAt < 20_000) {
			const { rows } = await replicaAdmin
				.query<{ n: number }>(
					"SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'nadzor-read' AND query_start >= $1 AND query NOT ILIKE '%tile_data_version%'",
					[restartedAtClock]
				)
				.catch(() => ({ rows: [{ n: 0 }] }));
			if (rows[0].n > 0) {
				backMs = performance.now() - restartedAt;
				break;
			}
			await sleep(100);
		}
		await sleep(3000);
		running = false;
		await Promise.all(readers);

		const during = answers.filter((answer) => answer.at > stoppedAt && answer.at < restartedAt);
		const wrong = answers.filter((answer) => answer.wrong !== undefined);
		const unavailable = answers.filter((answer) => answer.status === 503);
		const other5xx = answers.filter((answer) => answer.status >= 500 && answer.status !== 503);
		const network = answers.filter((answer) => answer.status === 0);
		// Settled: from a second after reads were seen on the replica again.
		const settled = answers.filter((answer) => answer.at > restartedAt + backMs + 1000);
		const afterRestart = answers.filter((answer) => answer.at > restartedAt);
		expect(wrong).toEqual([]);
		expect(answers.filter((answer) => answer.status !== 200 && answer.status < 500)).toEqual([]);
		expect(other5xx).toEqual([]);
		expect(network).toEqual([]);
		expect(unavailable.every((answer) => answer.retryAfter === '5')).toBe(true);
		expect(during.filter((answer) => answer.status === 200).length).toBeGreaterThan(0);
		expect(backMs).toBeGreaterThanOrEqual(0);
		expect(settled.length).toBeGreaterThan(0);
		expect(settled.filter((answer) => answer.status !== 200)).toEqual([]);

		record('4. Replica stopped (fast) for 10 s under read load (6 readers through nginx)', [
			['reads (GeoJSON, camera, tile, statistics)', answers.length],
			[
				'while the replica was down: 200 / 503',
				`${during.filter((a) => a.status === 200).length} / ${during.filter((a) => a.status === 503).length}`
			],
			['wrong answers', wrong.length],
			['5xx other than 503 / network errors', `${other5xx.length} / ${network.length}`],
			['503 answers (all with Retry-After: 5)', unavailable.length],
			['replica started → reads on it again (ms)', backMs.toFixed(0)],
			[
				'after the replica started: 200 / 503',
				`${afterRestart.filter((a) => a.status === 200).length} / ${afterRestart.filter((a) => a.status === 503).length}`
			]
		]);
	});

	it('5. the primary restarted: every app server answers within 5 s of it accepting connections', async () => {
		stop(suite.primary.dataDir);
		await sleep(3000);
		// pg_ctl -w returns once the server accepts connections.
		start(suite.primary.dataDir, suite.primary.port);
		const upAt = performance.now();
		const recovered = await Promise.all(
			SERVER_PORTS.map(async (_, index) => {
				let healthyMs = -1;
				let storedMs = -1;
				const key = crypto.randomUUID();
				const photo = await uniquePhoto(500 + index);
				while (performance.now() - upAt < 30_000 && (healthyMs < 0 || storedMs < 0)) {
					if (healthyMs < 0) {
						const health = await direct(index, '/healthz').catch(() => undefined);
						if (health?.status === 200) healthyMs = performance.now() - upAt;
					}
					if (storedMs < 0) {
						const reply = await sendReport(`http://127.0.0.1:${SERVER_PORTS[index]}`, {
							key,
							lat: 44.6,
							lng: 20.2 + index / 100,
							photos: [photo],
							headers: { origin, 'x-forwarded-for': `127.0.4.${index + 1}` }
						});
						if (reply.status === 201 || reply.status === 200) storedMs = performance.now() - upAt;
					}
					await sleep(100);
				}
				return { healthyMs, storedMs };
			})
		);
		const through = await sendReport(origin, {
			key: crypto.randomUUID(),
			lat: 44.61,
			lng: 20.2,
			photos: [await uniquePhoto(600)],
			localAddress: '127.0.4.9'
		});
		const worst = Math.max(...recovered.map((server) => Math.max(server.healthyMs, server.storedMs)));
		expect(
			recovered.every((server) => server.healthyMs >= 0 && server.storedMs >= 0),
			`${JSON.stringify(recovered)}\n${serverErrors()}`
		).toBe(true);
		expect(worst).toBeLessThanOrEqual(5000);
		expect(through.status).toBe(201);

		record('5. Primary restarted (fast stop, 3 s down)', [
			[
				'accepting connections → /healthz 200 on each server (ms)',
				recovered.map((server) => server.healthyMs.toFixed(0)).join(' / ')
			],
			[
				'accepting connections → a report stored through each server (ms)',
				recovered.map((server) => server.storedMs.toFixed(0)).join(' / ')
			],
			['then a report through nginx', through.status]
		]);
	});
});
