/**
 * Atom feeds of newly verified and removed cameras, overall and per area: well-formed Atom with
 * the required elements, dates to the day, entries linking to camera pages.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db';
import { multiPolygonFromGeoJSON } from '../../../src/lib/server/db/postgis';
import { decide } from '../../../src/lib/server/moderation/decide';
import { GET as allFeed } from '../../../src/routes/feeds/cameras.atom/+server';
import { GET as areaFeed } from '../../../src/routes/feeds/areas/[slug].atom/+server';
import { BELGRADE, createCamera, createUser, report } from '../../support/factories';
import { arrangeReports } from '../moderation/factories';
import { requestEvent, temporaryStorage } from '../submissions/helpers';
import { testBackend, testDatabase } from '../harness';

interface Entry {
	id: string;
	title: string;
	updated: string;
	summary: string;
	link: { rel: string; href: string; type: string };
	category: { term: string };
}
interface Feed {
	id: string;
	title: string;
	updated: string;
	author: { name: string };
	link: { rel: string; href: string }[];
	entry?: Entry[];
}

const parser = new XMLParser({
	ignoreAttributes: false,
	attributeNamePrefix: '',
	isArray: (name, jpath) => name === 'entry' || jpath === 'feed.link'
});

function parseFeed(text: string): Feed {
	expect(XMLValidator.validate(text)).toBe(true);
	const doc = parser.parse(text) as { feed: Feed & { xmlns: string } };
	expect(doc.feed.xmlns).toBe('http://www.w3.org/2005/Atom');
	const feed = doc.feed;
	// RFC 4287 §4.1.1: atom:id, atom:title, atom:updated, and an author (here on the feed).
	expect(feed.id).toMatch(/^http:\/\/localhost\/feeds\//);
	expect(feed.title).not.toBe('');
	expect(feed.updated).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00Z$/);
	expect(feed.author.name).toBe('Nadzor');
	expect(feed.link.find((link) => link.rel === 'self')?.href).toBe(feed.id);
	for (const entry of feed.entry ?? []) {
		expect(entry.id).toMatch(/^http:\/\/localhost\/cameras\/\d+#(verified|removed)-\d{4}-\d{2}-\d{2}$/);
		expect(entry.title).not.toBe('');
		expect(entry.updated).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00Z$/);
		expect(entry.link.rel).toBe('alternate');
		expect(entry.link.href).toMatch(/^http:\/\/localhost\/cameras\/\d+$/);
	}
	return feed;
}

describe(`Atom feeds (${testBackend()})`, () => {
	let database: Database;
	let storage: Awaited<ReturnType<typeof temporaryStorage>>;
	let camera: number;
	let farCamera: number;

	beforeAll(async () => {
		database = await testDatabase();
		storage = await temporaryStorage();
		const contributor = await createUser(database.db);
		const moderator = await createUser(database.db, { role: 'moderator' });
		const things = await arrangeReports({ db: database.db, storage: storage.storage }, contributor, moderator);
		camera = Number(things.camera);
		// A camera far away (imported, so not "news" itself), reported removed and approved.
		const { id } = await createCamera(database.db, { lng: 15.97, lat: 45.8, source_ref: 'far-1' });
		farCamera = id;
		const removal = await report(database.db, storage.storage, {
			payload: { kind: 'removal', camera_id: farCamera, removed_on: '2026-05-01' },
			location: null
		});
		const decided = await decide(
			database.db,
			storage.storage,
			removal.publicId,
			moderator,
			{ action: 'approve', version: 1 },
			'en'
		);
		expect(decided.ok).toBe(true);
		const d = 0.05;
		await database.db
			.insertInto('areas')
			.values({
				slug: 'feed-area',
				level: 'municipality',
				name_sr_latn: 'Stari grad',
				name_sr_cyrl: 'Стари град',
				name_en: 'Old Town',
				geom: multiPolygonFromGeoJSON({
					type: 'Polygon',
					coordinates: [
						[
							[BELGRADE.lng - d, BELGRADE.lat - d],
							[BELGRADE.lng + d, BELGRADE.lat - d],
							[BELGRADE.lng + d, BELGRADE.lat + d],
							[BELGRADE.lng - d, BELGRADE.lat + d],
							[BELGRADE.lng - d, BELGRADE.lat - d]
						]
					]
				}),
				area_km2: 88
			})
			.execute();
	});
	afterAll(async () => {
		await database?.close();
		await storage?.remove();
	});

	const call = async (handler: (event: never) => Promise<Response> | Response, path: string, params = {}) => {
		const response = await handler(requestEvent(database, path, { locale: 'en', params }) as never);
		return { response, text: await response.text() };
	};

	it('lists newly verified and removed cameras everywhere, newest first', async () => {
		const { response, text } = await call(allFeed, '/feeds/cameras.atom');
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
		const feed = parseFeed(text);
		const entries = feed.entry ?? [];
		expect(entries.map((entry) => entry.category.term)).toEqual(['removed', 'verified']);
		expect(feed.link.find((link) => link.rel === 'alternate')?.href).toBe('http://localhost/data');
		expect(entries[0].link.href).toBe(`http://localhost/cameras/${farCamera}`);
		expect(entries[1].link.href).toBe(`http://localhost/cameras/${camera}`);
		expect(entries[0].title).toBe(`Removed: camera no. ${farCamera}`);
		expect(text).not.toMatch(/T(?!00:00:00Z)\d{2}:\d{2}/);
	});

	it('per area: only the cameras inside it; 404 for an unknown area', async () => {
		const { response, text } = await call(areaFeed, '/feeds/areas/feed-area.atom', { slug: 'feed-area' });
		expect(response.status).toBe(200);
		const feed = parseFeed(text);
		expect(feed.title).toContain('Old Town');
		// Linked to the area's campaign page.
		expect(feed.link.find((link) => link.rel === 'alternate')?.href).toBe('http://localhost/areas/feed-area');
		expect((feed.entry ?? []).map((entry) => entry.link.href)).toEqual([`http://localhost/cameras/${camera}`]);
		await expect(call(areaFeed, '/feeds/areas/nowhere.atom', { slug: 'nowhere' })).rejects.toMatchObject({
			status: 404
		});
	});
});
