/**
 * DATABASE_READ_URL through the built app. On PostGIS a second database plays the replica (the
 * cluster suite, tests/cluster, runs a real streaming replica): it holds other cameras than the
 * primary, so every answer tells where it was read. Public reads of anonymous visitors come from
 * the replica; tiles only when it has replayed their data version; signed-in visitors, a replica
 * trailing too long and a replica gone read from the primary. The embedded database ignores the
 * variable and says so at start.
 */
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, DB } from '../../../src/lib/server/db';
import { MAX_LAG_MS, POLL_MS } from '../../../src/lib/server/db/replicas';
import { tileAt } from '../../support/tiles';
import { form, startApp, type TestApp } from '../app';
import { createCameras, createUser } from '../../support/factories';
import { testBackend, testDatabase } from '../harness';
import { decodeTile } from '../../support/mvt';

const LAT = 44.8176;
const BBOX = '20.44,44.81,20.47,44.83';
const tile = tileAt(20.455, LAT, 15);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function addCameras(db: Kysely<DB>, longitudes: number[], cameraType: 'dome' | 'fixed') {
	await createCameras(
		db,
		longitudes.map((lng, i) => ({
			lng,
			lat: LAT,
			surveillance_type: 'camera',
			camera_type: cameraType,
			source: 'demo',
			source_ref: `replica-test-${cameraType}-${i}`
		}))
	);
	await sql`SELECT tile_cells_compact(100000)`.execute(db);
}

const setVersion = (db: Kysely<DB>, version: number) =>
	sql`UPDATE tile_data_version SET version = ${version}`.execute(db);

/** The camera types of the features an export answered with (the primary has domes, the replica a fixed one). */
function typesIn(body: string): string[] {
	const collection = JSON.parse(body) as { features: { properties: Record<string, unknown> }[] };
	return collection.features.map((feature) => String(feature.properties.camera_type)).sort();
}

if (testBackend() === 'postgis') {
	describe('reads from a replica (postgis)', () => {
		let replica: Database;
		let app: TestApp;

		beforeAll(async () => {
			replica = await testDatabase();
			const replicaUrl = (replica.pool as unknown as { options: { connectionString: string } }).options
				.connectionString;
			app = await startApp({ env: { DATABASE_READ_URL: replicaUrl, LOG_LEVEL: 'info' } });
			await addCameras(app.db, [20.4545, 20.4555], 'dome');
			await addCameras(replica.db, [20.455], 'fixed');
			await setVersion(app.db, 1000);
			await setVersion(replica.db, 1000);
			await sleep(POLL_MS * 2);
		});
		afterAll(async () => {
			await app?.close();
			await replica?.close();
		});

		it('serves exports, camera pages and statistics to anonymous visitors from the replica', async () => {
			const geojson = await app.request(`/api/v1/cameras.geojson?bbox=${BBOX}`, {
				headers: { accept: 'application/json' }
			});
			expect(geojson.status).toBe(200);
			expect(typesIn(geojson.body)).toEqual(['fixed']);
			const csv = await app.request('/api/v1/cameras.csv');
			expect(csv.body).toContain('fixed');
			expect(csv.body).not.toContain('dome');
			// Camera 1 exists on both: the replica's answers. Camera 2 only on the primary (approved a
			// moment ago, not yet replayed): the primary's answer, not a 404.
			const one = JSON.parse((await app.request('/api/v1/cameras/1.json')).body);
			expect(one.properties.camera_type).toBe('fixed');
			const two = await app.request('/api/v1/cameras/2.json');
			expect(two.status).toBe(200);
			expect(JSON.parse(two.body).properties.camera_type).toBe('dome');
			expect((await app.request('/cameras/2?lang=en')).status).toBe(200);
		});

		it('keeps signed-in visitors on the primary', async () => {
			const user = await createUser(app.db);
			const { body, headers } = form({ username: user.username, password: user.password });
			const login = await app.request('/login', { method: 'POST', body, headers: { ...headers, origin: app.origin } });
			const session = login.cookies.session!.value;
			const geojson = await app.request(`/api/v1/cameras.geojson?bbox=${BBOX}`, {
				headers: { accept: 'application/json', cookie: `session=${session}` }
			});
			expect(typesIn(geojson.body)).toEqual(['dome', 'dome']);
		});

		it('reads a tile only from a replica that has replayed its data version', async () => {
			const path = `/tiles/cameras/15/${tile.x}/${tile.y}.mvt`;
			const camerasIn = (raw: Buffer) => decodeTile(raw).cameras?.features.length ?? 0;
			// The primary moved on (1001), the replica has not: the tile of 1001 comes from the primary.
			await setVersion(app.db, 1001);
			await sleep(POLL_MS * 2);
			const tilejson = JSON.parse((await app.request('/tiles/cameras.json')).body);
			expect(tilejson.tiles[0]).toContain('v=1001');
			const behind = await app.request(`${path}?v=1001`, { headers: { 'accept-encoding': 'identity' } });
			expect(behind.status).toBe(200);
			expect(camerasIn(behind.raw)).toBe(2);
			// Both at 1002: the replica's.
			await setVersion(replica.db, 1002);
			await setVersion(app.db, 1002);
			await sleep(POLL_MS * 2);
			const caughtUp = await app.request(`${path}?v=1002`, { headers: { 'accept-encoding': 'identity' } });
			expect(camerasIn(caughtUp.raw)).toBe(1);
		});

		it('stops reading from a replica that trails the primary for longer than the bound', async () => {
			await setVersion(app.db, 1003);
			await sleep(MAX_LAG_MS + POLL_MS * 2);
			const geojson = await app.request(`/api/v1/cameras.geojson?bbox=${BBOX}`, {
				headers: { accept: 'application/json' }
			});
			expect(typesIn(geojson.body)).toEqual(['dome', 'dome']);
			await setVersion(replica.db, 1003);
			await sleep(POLL_MS * 2);
			const back = await app.request(`/api/v1/cameras.geojson?bbox=${BBOX}`, {
				headers: { accept: 'application/json' }
			});
			expect(typesIn(back.body)).toEqual(['fixed']);
		});

		it('reads from the primary when the replica goes away, never a wrong answer nor a 500', async () => {
			const context = (replica.pool as unknown as { options: { connectionString: string } }).options.connectionString;
			const name = new URL(context).pathname.slice(1);
			await replica.pool.end().catch(() => undefined);
			const admin = await testDatabase();
			try {
				await sql.raw(`DROP DATABASE ${name} WITH (FORCE)`).execute(admin.db);
			} finally {
				await admin.close();
			}
			const answers: { status: number; types?: string[]; retryAfter?: string }[] = [];
			for (let i = 0; i < 12; i++) {
				const reply = await app.request(`/api/v1/cameras.geojson?bbox=${BBOX}`, {
					headers: { accept: 'application/json' }
				});
				answers.push(
					reply.status === 200
						? { status: 200, types: typesIn(reply.body) }
						: { status: reply.status, retryAfter: String(reply.headers['retry-after']) }
				);
				await sleep(250);
			}
			for (const answer of answers) {
				if (answer.status === 200) expect(answer.types).toEqual(['dome', 'dome']);
				else expect(answer).toEqual({ status: 503, retryAfter: '5' });
			}
			expect(answers.at(-1)).toEqual({ status: 200, types: ['dome', 'dome'] });
			expect(app.output()).toContain('read replica unreachable, reading from the primary');
			// The replica's database is gone: closing it must not try to drop it again.
			replica.close = async () => undefined;
		});
	});
} else {
	describe('reads from a replica (embedded)', () => {
		let app: TestApp;
		beforeAll(async () => {
			app = await startApp({
				env: { DATABASE_READ_URL: 'postgres://nadzor:unused@127.0.0.1:9/nowhere', LOG_LEVEL: 'info' }
			});
			await addCameras(app.db, [20.4545], 'dome');
		});
		afterAll(() => app?.close());

		it('ignores DATABASE_READ_URL, says so at start, and reads everything from the one database', async () => {
			expect(app.output()).toContain('DATABASE_READ_URL is ignored');
			const geojson = await app.request(`/api/v1/cameras.geojson?bbox=${BBOX}`, {
				headers: { accept: 'application/json' }
			});
			expect(geojson.status).toBe(200);
			expect(typesIn(geojson.body)).toEqual(['dome']);
		});
	});
}
