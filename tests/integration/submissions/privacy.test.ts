/**
 * Abuse limits without surveillance: over the limit → 429 with Retry-After and a message in
 * the reader's language; and after a run of reports, status pages, photo requests and refusals
 * from one client, neither the database nor the logs hold that client's address.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
	process.env.RATE_LIMIT_SUBMISSIONS_PER_HOUR = '3';
	process.env.LOG_LEVEL = 'debug';
});

import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../../../src/lib/server/db';
import { consume } from '../../../src/lib/server/rate-limit/limiter';
import { POST } from '../../../src/routes/api/v1/submissions/+server';
import { actions } from '../../../src/routes/(contribute)/report/+page.server';
import { load as statusLoad } from '../../../src/routes/(contribute)/report/status/[token]/+page.server';
import { GET as statusPhoto } from '../../../src/routes/(contribute)/report/status/[token]/photos/[position]/+server';
import { GET as publicPhoto } from '../../../src/routes/photos/[key]/+server';
import { handleError } from '../../../src/hooks.server';
import { testBackend, testDatabase } from '../harness';
import { fixture, reportBody, requestEvent, temporaryStorage } from './helpers';

const CLIENT_IP = '203.0.113.77';
const CLIENT_IPV6 = '2001:db8:4a7f:9c21:1111:2222:3333:4444';

describe(`rate limits and client addresses (${testBackend()})`, () => {
	let database: Database;
	let storage: Awaited<ReturnType<typeof temporaryStorage>>;
	let jpeg: Uint8Array;
	const logged: string[] = [];

	beforeAll(async () => {
		database = await testDatabase();
		storage = await temporaryStorage();
		jpeg = await fixture('camera-gps-orientation6.jpg');
		// Everything the app writes to stdout/stderr during this file.
		for (const stream of [process.stdout, process.stderr]) {
			const write = stream.write.bind(stream);
			vi.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
				logged.push(String(chunk));
				return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
			}) as typeof stream.write);
		}
	});
	afterAll(async () => {
		vi.restoreAllMocks();
		await database?.close();
		await storage?.remove();
	});

	const send = (ip: string, language = 'en', key: string = crypto.randomUUID()) =>
		POST(
			requestEvent(database, '/api/v1/submissions', {
				method: 'POST',
				ip,
				headers: { 'idempotency-key': key, 'accept-language': language },
				body: reportBody({ kind: 'new_camera', lat: 44.81, lng: 20.46 }, [{ bytes: jpeg, name: 'camera.jpg' }])
			}) as never
		);

	it('refuses the fourth report in a window with 429, Retry-After and a translated message', async () => {
		const statuses = [];
		for (let attempt = 0; attempt < 3; attempt++) statuses.push((await send(CLIENT_IP)).status);
		expect(statuses).toEqual([201, 201, 201]);

		const refused = await send(CLIENT_IP);
		expect(refused.status).toBe(429);
		const retryAfter = Number(refused.headers.get('retry-after'));
		expect(retryAfter).toBeGreaterThanOrEqual(1);
		expect(retryAfter).toBeLessThanOrEqual(3600);
		const body = await refused.json();
		expect(body.error).toBe('rate_limited');
		expect(body.message).toMatch(/^Too many reports from your connection\. Please wait \d+ minutes? and try again\.$/);

		const serbian = await send(CLIENT_IP, 'sr-RS');
		expect(serbian.status).toBe(429);
		expect((await serbian.json()).message).toMatch(/^Previše prijava sa vaše veze\. Sačekajte \d+ minut/);

		// Another client is not affected (and a repeated request is answered from the first).
		const key = crypto.randomUUID();
		expect((await send('198.51.100.23', 'en', key)).status).toBe(201);
		expect((await send('198.51.100.23', 'en', key)).status).toBe(200);
	});

	it('limits the form post too', async () => {
		const form = reportBody({ kind: 'new_camera', lat: '44.81', lng: '20.46' }, [], true);
		form.set('idempotency_key', crypto.randomUUID());
		const headers: Record<string, string> = {};
		const event = requestEvent(database, '/report', { method: 'POST', ip: CLIENT_IP, body: form, locale: 'en' });
		Object.assign(event, { setHeaders: (added: Record<string, string>) => void Object.assign(headers, added) });
		const result = (await actions.default(event as never)) as {
			status: number;
			data: { fields: Record<string, string> };
		};
		expect(result.status).toBe(429);
		expect(result.data.fields._form).toMatch(/^Too many reports/);
		expect(Number(headers['retry-after'])).toBeGreaterThan(0);
	});

	it('counts an IPv6 client by its /64 network', async () => {
		const rule = { bucket: 'test-v6', limit: 2, windowSeconds: 60 };
		expect((await consume(database.db, rule, CLIENT_IPV6)).allowed).toBe(true);
		expect((await consume(database.db, rule, '2001:db8:4a7f:9c21::1')).allowed).toBe(true);
		expect((await consume(database.db, rule, '2001:db8:4a7f:9c21:ffff::9')).allowed).toBe(false);
		expect((await consume(database.db, rule, '2001:db8:4a7f:9c22::1')).allowed).toBe(true);
	});

	it('forgets yesterday: the old key and its counters are deleted when the day changes', async () => {
		const rule = { bucket: 'test-day', limit: 1, windowSeconds: 600 };
		const yesterday = new Date(Date.now() - 86_400_000);
		await consume(database.db, rule, CLIENT_IP, yesterday);
		const before = await database.db.selectFrom('client_keys').select('day').execute();
		expect(before.map((row) => row.day)).toContain(yesterday.toISOString().slice(0, 10));
		const today = await consume(database.db, rule, CLIENT_IP);
		expect(today.allowed).toBe(true);
		const keys = await database.db.selectFrom('client_keys').select('day').execute();
		expect(keys.map((row) => row.day)).toEqual([new Date().toISOString().slice(0, 10)]);
		const { rows } = await sql<{ n: number }>`
			SELECT count(*)::int AS n FROM rate_limits WHERE window_start < current_date`.execute(database.db);
		expect(rows[0].n).toBe(0);
	});

	it('shows the reporter their pending photos through the status token only', async () => {
		const response = await send('192.0.2.200');
		const { statusUrl } = await response.json();
		const token = statusUrl.split('/').pop();
		const page = (await statusLoad({
			...requestEvent(database, `/report/status/${token}`, { ip: CLIENT_IP }),
			params: { token }
		} as never)) as { submission: { photos: unknown[]; status: string } };
		expect(page.submission.status).toBe('pending');
		expect(page.submission.photos).toHaveLength(1);

		const photo = await statusPhoto({
			...requestEvent(database, `/report/status/${token}/photos/0?variant=thumb`, { ip: CLIENT_IP }),
			params: { token, position: '0' }
		} as never);
		expect(photo.status).toBe(200);
		expect(photo.headers.get('x-content-type-options')).toBe('nosniff');
		expect(photo.headers.get('content-security-policy')).toContain("default-src 'none'");

		// A wrong token, and the public photo route, find nothing: the photo is still pending.
		const wrong = 'A'.repeat(43);
		await expect(
			statusPhoto({
				...requestEvent(database, '/x', { ip: CLIENT_IP }),
				params: { token: wrong, position: '0' }
			} as never)
		).rejects.toMatchObject({ status: 404 });
		const { thumb_key } = await database.db.selectFrom('photos').select('thumb_key').executeTakeFirstOrThrow();
		await expect(
			publicPhoto({
				...requestEvent(database, `/photos/${thumb_key}`, { ip: CLIENT_IP }),
				params: { key: thumb_key }
			} as never)
		).rejects.toMatchObject({ status: 404 });
		// Once reviewed and published, it is served publicly.
		await database.db
			.updateTable('photos')
			.set({ visibility: 'public', review: 'clear' })
			.where('thumb_key', '=', thumb_key)
			.execute();
		const published = await publicPhoto({
			...requestEvent(database, `/photos/${thumb_key}`, { ip: CLIENT_IP }),
			params: { key: thumb_key }
		} as never);
		expect(published.status).toBe(200);
	});

	it('keeps no client address in any table or log line', async () => {
		const { rows: columns } = await sql<{ table_name: string; column_name: string; data_type: string }>`
			SELECT table_name, column_name, data_type FROM information_schema.columns
			WHERE table_schema = 'public' AND table_name NOT IN ('spatial_ref_sys')
			ORDER BY table_name, ordinal_position`.execute(database.db);
		expect(columns.some((column) => column.table_name === 'rate_limits')).toBe(true);
		const addresses = [CLIENT_IP, CLIENT_IPV6, '2001:db8:4a7f:9c21', '198.51.100.23'];
		// Text forms of the address and of its plain (unkeyed) hash.
		const needles = addresses.flatMap((address) => [
			address,
			Buffer.from(address).toString('hex'),
			createHash('sha256').update(address).digest('hex')
		]);
		let cells = 0;
		for (const { table_name, column_name, data_type } of columns) {
			const column = sql.ref(column_name);
			const value = data_type === 'bytea' ? sql`encode(${column}, 'hex')` : sql`${column}::text`;
			const { rows } = await sql<{ value: string | null }>`
				SELECT ${value} AS value FROM ${sql.table(table_name)}`.execute(database.db);
			for (const { value } of rows) {
				if (value === null) continue;
				cells++;
				for (const needle of needles) expect(value, `${table_name}.${column_name}`).not.toContain(needle);
			}
		}
		expect(cells).toBeGreaterThan(50);

		// The unexpected-error path logs too (with the request id, never the address).
		await handleError({
			kind: 'unknown',
			error: new Error('boom'),
			event: requestEvent(database, '/report', { ip: CLIENT_IP }),
			status: 500,
			message: 'Internal Error'
		} as never);
		const logs = logged.join('');
		for (const line of ['"submission stored"', '"submission replayed"', '"rate limited"', '"unhandled error"']) {
			expect(logs).toContain(line);
		}
		for (const address of addresses) expect(logs).not.toContain(address);
	});
});
