/**
 * The open-data exports (GeoJSON, CSV, OSM XML) on a real database: the whole public dataset and
 * nothing else — no pending report, nobody's identity, no time finer than a day — valid RFC 7946,
 * formula-safe CSV, OSM nodes for mappers to review.
 */
import { check } from '@placemarkio/check-geojson';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db';
import { csvColumns, geojsonProperties } from '../../../src/lib/exports/fields';
import { LICENCE, OSM_ATTRIBUTION } from '../../../src/lib/exports/licence';
import { exportChunks } from '../../../src/lib/server/exports/cameras';
import { GET as geojson } from '../../../src/routes/api/v1/cameras.geojson/+server';
import { GET as csvExport } from '../../../src/routes/api/v1/cameras.csv/+server';
import { GET as osmExport } from '../../../src/routes/api/v1/cameras.osm/+server';
import { createCamera, createUser } from '../../support/factories';
import { arrangeReports } from '../moderation/factories';
import { requestEvent, temporaryStorage } from '../submissions/helpers';
import { testBackend, testDatabase } from '../harness';
import { parseCsv } from '../../../src/lib/csv';

const HOSTILE = ['=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'];

describe(`open-data exports (${testBackend()})`, () => {
	let database: Database;
	let storage: Awaited<ReturnType<typeof temporaryStorage>>;
	let things: Record<string, string>;
	let contributor: { id: number; username: string };
	let osmCamera: number;
	let removedCamera: number;
	let hostileCamera: number;

	beforeAll(async () => {
		database = await testDatabase();
		storage = await temporaryStorage();
		contributor = await createUser(database.db);
		const moderator = await createUser(database.db, { role: 'moderator' });
		things = await arrangeReports({ db: database.db, storage: storage.storage }, contributor, moderator);
		for (const [i, operator] of HOSTILE.entries()) {
			const { id } = await createCamera(database.db, {
				lng: 20.4 + i / 100,
				lat: 44.8,
				operator,
				camera_direction: [10, 200],
				capabilities: ['face_recognition', 'plate_reading'],
				first_seen: '2026-03-04',
				source_ref: `hostile-${i}`
			});
			if (i === 2) hostileCamera = id;
		}
		({ id: osmCamera } = await createCamera(database.db, {
			lng: 20.5,
			lat: 44.7,
			source: 'osm',
			source_ref: 'node/123456789',
			confidence: 'reported'
		}));
		({ id: removedCamera } = await createCamera(database.db, {
			lng: 20.6,
			lat: 44.7,
			status: 'removed',
			removed_on: '2026-05-01',
			source_ref: 'gone-1'
		}));
	});
	afterAll(async () => {
		await database?.close();
		await storage?.remove();
	});

	const call = async (handler: (event: never) => Promise<Response> | Response, path: string) => {
		const response = await handler(requestEvent(database, path, { locale: 'en' }) as never);
		return { response, text: await response.text() };
	};

	async function publicCount(removed = false): Promise<number> {
		const row = await database.db
			.selectFrom('cameras')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.$if(!removed, (q) => q.where('status', '=', 'active'))
			.executeTakeFirstOrThrow();
		return Number(row.n);
	}

	/** What no public output may contain. */
	async function expectNothingPrivate(text: string) {
		const pending = await database.db
			.selectFrom('submissions')
			.select(['public_id', 'payload', 'decision_note'])
			.where('status', '!=', 'approved')
			.execute();
		expect(pending.length).toBeGreaterThan(0);
		for (const row of pending) {
			expect(text).not.toContain(row.public_id);
			for (const note of [row.payload.note, row.payload.capability_note, row.decision_note]) {
				if (typeof note === 'string' && note !== '') expect(text).not.toContain(note);
			}
		}
		expect(text).not.toContain(contributor.username);
		for (const secret of [things['a-submission'], things['a-photo'], things['rejected-photo']]) {
			expect(text).not.toContain(secret);
		}
		// Days only: nothing shaped like a time of day, no ISO timestamps.
		expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}/);
		expect(text).not.toMatch(/\b\d{2}:\d{2}:\d{2}\b/);
	}

	it('GeoJSON without bbox: the whole public dataset, valid RFC 7946, licence inside and in the headers', async () => {
		const { response, text } = await call(geojson, '/api/v1/cameras.geojson');
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/geo+json');
		expect(response.headers.get('link')).toContain(`<${LICENCE.url}>; rel="license"`);
		const parsed = check(text) as unknown as {
			type: string;
			license: { url: string };
			attribution: string;
			features: { id: number; geometry: { coordinates: number[] }; properties: Record<string, unknown> }[];
		};
		expect(parsed.type).toBe('FeatureCollection');
		expect(parsed.license.url).toBe(LICENCE.url);
		expect(parsed.attribution).toContain(OSM_ATTRIBUTION);
		expect(parsed.features).toHaveLength(await publicCount());
		const ids = parsed.features.map((feature) => feature.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids).not.toContain(removedCamera);
		for (const feature of parsed.features) {
			const [lon, lat] = feature.geometry.coordinates;
			expect(feature.geometry.coordinates).toHaveLength(2);
			expect(lon).toBeGreaterThan(20);
			expect(lat).toBeGreaterThan(44);
			expect(Object.keys(feature.properties)).toEqual(geojsonProperties);
			expect(feature.properties.id).toBe(feature.id);
		}
		const osm = parsed.features.find((feature) => feature.id === osmCamera)!;
		expect(osm.properties).toMatchObject({ source: 'osm', osm_id: 123456789, attribution: OSM_ATTRIBUTION });
		const citizen = parsed.features.find((feature) => feature.id === Number(things.camera))!;
		expect(citizen.properties).toMatchObject({ source: 'citizen', osm_id: null, attribution: null });
		await expectNothingPrivate(text);
	});

	it('GeoJSON filters like the map, and removed=1 adds the tombstones', async () => {
		const all = check((await call(geojson, '/api/v1/cameras.geojson?removed=1')).text) as unknown as {
			features: { id: number }[];
		};
		expect(all.features).toHaveLength(await publicCount(true));
		expect(all.features.map((feature) => feature.id)).toContain(removedCamera);
		const face = check(
			(await call(geojson, '/api/v1/cameras.geojson?capability=face_recognition')).text
		) as unknown as {
			features: { properties: { capabilities: string[] } }[];
		};
		expect(face.features).toHaveLength(HOSTILE.length);
		const bad = await call(geojson, '/api/v1/cameras.geojson?type=drone');
		expect(bad.response.status).toBe(400);
		expect(JSON.parse(bad.text)).toMatchObject({ error: 'validation', fields: { type: expect.any(String) } });
	});

	it('streams in batches: the same file whatever the batch size', async () => {
		const join = async (batchSize: number) => {
			let text = '';
			for await (const chunk of exportChunks(database.db, 'geojson', { filter: {}, batchSize }, { origin: 'x' })) {
				text += chunk;
			}
			return text;
		};
		const small = await join(2);
		expect(JSON.parse(small).features.length).toBeGreaterThan(4);
		expect(small).toBe(await join(1000));
	});

	it('CSV: a header row, one row per camera, formula-leading operator names defused', async () => {
		const { response, text } = await call(csvExport, '/api/v1/cameras.csv');
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
		expect(response.headers.get('link')).toContain('rel="license"');
		const rows = parseCsv(text, { strict: true });
		expect(rows[0]).toEqual(csvColumns);
		const records = rows.slice(1).map((row) => Object.fromEntries(csvColumns.map((name, i) => [name, row[i]])));
		expect(records).toHaveLength(await publicCount());
		const operators = records.map((record) => record.operator).filter((operator) => operator !== '');
		for (const hostile of HOSTILE) expect(operators).toContain(`'${hostile}`);
		for (const record of records) {
			for (const value of Object.values(record)) expect(value).not.toMatch(/^[=+\-@\t\r]/);
		}
		const hostileRow = records.find((record) => record.operator === `'${HOSTILE[0]}`)!;
		expect(hostileRow).toMatchObject({
			camera_direction: '10;200',
			capabilities: 'face_recognition;plate_reading',
			first_seen: '2026-03-04',
			source: 'citizen'
		});
		expect(records.find((record) => record.id === String(osmCamera))).toMatchObject({
			osm_id: '123456789',
			attribution: OSM_ATTRIBUTION
		});
		await expectNothingPrivate(text);
	});

	it('OSM XML: new nodes with negative ids and man_made=surveillance; OSM-derived cameras left in OSM', async () => {
		const { response, text } = await call(osmExport, '/api/v1/cameras.osm');
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/vnd.openstreetmap.data+xml');
		const doc = new XMLParser({
			ignoreAttributes: false,
			attributeNamePrefix: '',
			isArray: (name) => ['node', 'tag'].includes(name)
		}).parse(text);
		expect(doc.osm.version).toBe('0.6');
		expect(doc.osm.license).toBe(LICENCE.url);
		const nodes = doc.osm.node as { id: string; lat: string; lon: string; tag: { k: string; v: string }[] }[];
		const active = await publicCount();
		expect(nodes).toHaveLength(active - 1);
		for (const node of nodes) {
			expect(Number(node.id)).toBeLessThan(0);
			const tags = Object.fromEntries(node.tag.map((tag) => [tag.k, tag.v]));
			expect(tags.man_made).toBe('surveillance');
			expect(tags['ref:nadzor']).toBe(String(-Number(node.id)));
		}
		expect(nodes.map((node) => node.id)).not.toContain(`-${osmCamera}`);
		expect(nodes.map((node) => node.id)).not.toContain(`-${removedCamera}`);
		const hostile = nodes.find((node) => node.id === `-${hostileCamera}`)!;
		expect(hostile.tag.find((tag) => tag.k === 'operator')?.v).toBe(HOSTILE[2]);
		expect(Object.fromEntries(hostile.tag.map((tag) => [tag.k, tag.v]))).toMatchObject({
			'camera:direction': '10;200',
			surveillance: 'public',
			'surveillance:type': 'camera'
		});
		await expectNothingPrivate(text);
	});
});
