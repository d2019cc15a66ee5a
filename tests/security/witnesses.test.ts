/**
 * Regressions from an adversarial probe, about who saw what and where, on the built app:
 *
 * - a report placed only by its photo's GPS (the report form without JavaScript) publishes the
 *   place the moderator confirms, never the photo's fix, and every public output carries a
 *   camera's place to 5 decimals;
 * - a moderator deciding a report sent from their own client that day is warned first, and the
 *   audit entry says "same client as the reporter" for other moderators to see;
 * - confirmations of one camera from one client key on one day count once, signed in or not,
 *   and the moderator sees that they share a client.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { form, startApp, type Reply, type TestApp } from '../integration/app';
import { createUser, plainPhoto } from '../support/factories';
import { testBackend } from '../integration/harness';
import { FIXTURES, reportBody } from '../integration/submissions/helpers';
import { nextAddress, signIn } from './routes';

/** Where the reporter stood, as the photo's GPS tags say: seven decimals, as phones write them. */
const STOOD = { lat: 44.8176789, lng: 20.4573456 };
/** The camera's place as the moderator confirms it, typed with more decimals than are kept. */
const CONFIRMED = { lat: 44.81781234, lng: 20.45761234 };

/** Every number in a text that looks like a coordinate near Belgrade given to 6 or more decimals. */
const fineCoordinates = (text: string) => text.match(/\b(?:44|20)\.\d{6,}/g) ?? [];

describe(`witnesses and places, built app (${testBackend()})`, () => {
	let app: TestApp;
	let photoWithGps: Uint8Array;
	let plain: Uint8Array;
	let moderator: { username: string; password: string };
	let moderatorCookie: string;
	let otherCookie: string;
	let adminCookie: string;
	let contributors: string[];
	let temporary: string;

	beforeAll(async () => {
		app = await startApp();
		temporary = await fs.mkdtemp(path.join(os.tmpdir(), 'nadzor-witnesses-'));
		const file = path.join(temporary, 'stood.jpg');
		await fs.copyFile(path.join(FIXTURES, 'camera-gps-orientation6.jpg'), file);
		execFileSync('exiftool', [
			'-q',
			'-overwrite_original',
			`-GPSLatitude=${STOOD.lat}`,
			'-GPSLatitudeRef=N',
			`-GPSLongitude=${STOOD.lng}`,
			'-GPSLongitudeRef=E',
			file
		]);
		photoWithGps = new Uint8Array(await fs.readFile(file));
		plain = await plainPhoto(120);
		moderator = await createUser(app.db, { role: 'moderator' });
		moderatorCookie = await signIn(app, moderator);
		otherCookie = await signIn(app, await createUser(app.db, { role: 'moderator' }));
		adminCookie = await signIn(app, await createUser(app.db, { role: 'admin' }));
		contributors = [await signIn(app, await createUser(app.db)), await signIn(app, await createUser(app.db))];
	});
	afterAll(async () => {
		await app?.close();
		if (temporary) await fs.rm(temporary, { recursive: true, force: true });
	});

	/** Sends a report through the API from `address`; its public id. */
	async function sendReport(
		payload: Record<string, unknown>,
		address: string,
		options: { photos?: Uint8Array[]; cookie?: string } = {}
	): Promise<string> {
		const body = new Response(
			reportBody(
				payload,
				(options.photos ?? (payload.kind === 'new_camera' ? [plain] : [])).map((bytes) => ({
					bytes,
					name: 'photo',
					type: bytes[0] === 0xff ? 'image/jpeg' : 'image/png'
				}))
			)
		);
		const reply = await app.request('/api/v1/submissions', {
			method: 'POST',
			body: Buffer.from(await body.arrayBuffer()),
			address,
			headers: {
				'content-type': body.headers.get('content-type')!,
				'idempotency-key': randomUUID(),
				origin: app.origin,
				'accept-language': 'en',
				...(options.cookie ? { cookie: options.cookie } : {})
			}
		});
		expect(reply.status, reply.body).toBe(201);
		return JSON.parse(reply.body).id;
	}

	/** The review page's decision form, posted as a browser without JavaScript would. */
	function decideOnPage(
		id: string,
		fields: Record<string, string>,
		options: { address?: string; cookie?: string; locale?: string } = {}
	): Promise<Reply> {
		const { body, headers } = form({ version: '1', ...fields });
		return app.request(`/moderate/${id}?/decide`, {
			method: 'POST',
			body,
			address: options.address ?? nextAddress(),
			headers: {
				...headers,
				origin: app.origin,
				cookie: options.cookie ?? moderatorCookie,
				'accept-language': options.locale ?? 'en'
			}
		});
	}

	function page(target: string, options: { address?: string; cookie?: string; locale?: string } = {}) {
		return app.request(target, {
			address: options.address ?? nextAddress(),
			headers: { cookie: options.cookie ?? moderatorCookie, 'accept-language': options.locale ?? 'en' }
		});
	}

	async function cameraOf(id: string) {
		const row = await app.db
			.selectFrom('submissions')
			.innerJoin('cameras', 'cameras.id', 'submissions.camera_id')
			.select(['cameras.id', 'cameras.confirmations', 'cameras.confidence'])
			.where('submissions.public_id', '=', id)
			.executeTakeFirstOrThrow();
		return row;
	}

	it('a place read from a photo’s GPS is approved only as the moderator confirms it, never as the fix', async () => {
		const id = await sendReport({ kind: 'new_camera' }, nextAddress(), { photos: [photoWithGps] });

		// Approving without a place (the report's own is the photo's fix) is refused, in the
		// moderator's language, and nothing is published.
		for (const [locale, text] of [
			['en', 'confirm the camera’s place'],
			['sr-Latn', 'potvrdite mesto kamere'],
			['sr-Cyrl', 'потврдите место камере']
		]) {
			const refused = await decideOnPage(
				id,
				{ action: 'approve', 'photo.0': 'clear', surveillance_type: 'camera' },
				{ locale }
			);
			expect(refused.status, locale).toBe(400);
			expect(refused.body, locale).toContain(text);
		}
		expect(
			await app.db.selectFrom('submissions').select('status').where('public_id', '=', id).executeTakeFirstOrThrow()
		).toEqual({ status: 'pending' });
		// The review page says where the place comes from.
		expect((await page(`/moderate/${id}`)).body).toContain('data-testid="place-from-photo"');

		// The no-JavaScript journey goes on: the page's form carries the place the moderator confirms.
		const approved = await decideOnPage(id, {
			action: 'approve',
			'photo.0': 'clear',
			surveillance_type: 'camera',
			lat: '44.81790',
			lng: '20.45770'
		});
		expect(approved.status).toBe(200);
		const camera = await cameraOf(id);
		const json = await page(`/api/v1/cameras/${camera.id}.json`, { cookie: '' });
		expect(JSON.parse(json.body).geometry.coordinates).toEqual([20.4577, 44.8179]);
		for (const output of [`/api/v1/cameras/${camera.id}.json`, '/api/v1/cameras.csv', `/cameras/${camera.id}`]) {
			const body = (await page(output, { cookie: '' })).body;
			// The photo's fix, to any precision down to the kept one, is nowhere.
			expect(body, output).not.toMatch(/44\.81768|20\.45735/);
		}
	});

	it('every public output carries a camera’s place to 5 decimals (about 1 m)', async () => {
		const id = await sendReport({ kind: 'new_camera', lat: 44.8176789, lng: 20.4573456 }, nextAddress());
		const approved = await decideOnPage(id, {
			action: 'approve',
			'photo.0': 'clear',
			surveillance_type: 'camera',
			lat: String(CONFIRMED.lat),
			lng: String(CONFIRMED.lng)
		});
		expect(approved.status).toBe(200);
		const camera = await cameraOf(id);

		const json = await page(`/api/v1/cameras/${camera.id}.json`, { cookie: '' });
		expect(json.status).toBe(200);
		expect(JSON.parse(json.body).geometry.coordinates).toEqual([20.45761, 44.81781]);

		const outputs = [
			`/api/v1/cameras/${camera.id}.json`,
			'/api/v1/cameras.geojson',
			'/api/v1/cameras.geojson?bbox=20.4,44.8,20.5,44.9',
			'/api/v1/cameras.csv',
			'/api/v1/cameras.osm',
			'/api/v1/cameras/nearby?lat=44.8178&lng=20.4576',
			'/feeds/cameras.atom',
			`/cameras/${camera.id}`
		];
		for (const output of outputs) {
			const reply = await page(output, { cookie: '' });
			expect(reply.status, output).toBe(200);
			if (output.startsWith('/api/')) expect(reply.body, output).toMatch(/44\.81781/);
			expect(fineCoordinates(reply.body), output).toEqual([]);
		}
	});

	it('warns a moderator about a report from their own client today, and the audit log says so', async () => {
		const address = nextAddress();
		const id = await sendReport({ kind: 'new_camera', lat: 44.8201, lng: 20.4601 }, address);

		const elsewhere = await page(`/moderate/${id}`);
		expect(elsewhere.body).not.toContain('data-testid="same-client"');
		for (const [locale, text] of [
			['en', 'from the same client as yours'],
			['sr-Latn', 'sa istog klijenta kao vaš'],
			['sr-Cyrl', 'са истог клијента као ваш']
		]) {
			const warned = await page(`/moderate/${id}`, { address, locale });
			expect(warned.status, locale).toBe(200);
			expect(warned.body, locale).toContain('data-testid="same-client"');
			expect(warned.body, locale).toContain(text);
		}

		// Not refused: many honest people share an address.
		const decided = await decideOnPage(
			id,
			{ action: 'approve', 'photo.0': 'clear', surveillance_type: 'camera', lat: '44.8201', lng: '20.4601' },
			{ address }
		);
		expect(decided.status).toBe(200);
		const entry = await app.db
			.selectFrom('audit_log')
			.select('details')
			.where('target_type', '=', 'submission')
			.where('target_id', '=', id)
			.executeTakeFirstOrThrow();
		expect(entry.details).toMatchObject({ same_client: true });

		const seenByOther = await page(`/moderate/${id}`, { cookie: otherCookie });
		expect(seenByOther.body).toContain('data-testid="same-client-decided"');
		expect(seenByOther.body).toContain('Decided from the same client as the reporter.');
		const audit = await page('/admin/audit', { cookie: adminCookie });
		expect(audit.body).toContain('same client as the reporter');

		// A decision from another client is not marked.
		const other = await sendReport({ kind: 'new_camera', lat: 44.8211, lng: 20.4611 }, nextAddress());
		await decideOnPage(other, {
			action: 'approve',
			'photo.0': 'clear',
			surveillance_type: 'camera',
			lat: '44.8211',
			lng: '20.4611'
		});
		const plain = await app.db
			.selectFrom('audit_log')
			.select('details')
			.where('target_id', '=', other)
			.executeTakeFirstOrThrow();
		expect(plain.details).not.toHaveProperty('same_client');
	});

	it('confirmations from one client key count once, signed in or not, and the moderator sees it', async () => {
		const address = nextAddress();
		const place = { lat: 44.8301, lng: 20.4701 };
		const created = await sendReport({ kind: 'new_camera', ...place }, address);
		await decideOnPage(created, {
			action: 'approve',
			'photo.0': 'clear',
			surveillance_type: 'camera',
			lat: '44.8301',
			lng: '20.4701'
		});
		const { id: cameraId } = await cameraOf(created);

		// The same client: three anonymous confirmations and two signed-in ones.
		const confirmations = [];
		for (const cookie of [undefined, undefined, undefined, ...contributors]) {
			confirmations.push(await sendReport({ kind: 'confirmation', camera_id: cameraId }, address, { cookie }));
		}
		for (const [i, id] of confirmations.entries()) {
			const reply = await decideOnPage(id, { action: 'approve' });
			expect(reply.status, `confirmation ${i}`).toBe(200);
		}
		expect(await cameraOf(created)).toMatchObject({ confirmations: 1, confidence: 'verified' });

		// The moderator sees that these confirmations shared a client.
		const review = await page(`/moderate/${confirmations[0]}`);
		expect(review.body).toContain('data-testid="shared-client"');
		expect(review.body).toMatch(/6 confirmations of this camera came from one client/);

		// Another client is another witness.
		const other = await sendReport({ kind: 'confirmation', camera_id: cameraId }, nextAddress());
		await decideOnPage(other, { action: 'approve' });
		expect(await cameraOf(created)).toMatchObject({ confirmations: 2, confidence: 'confirmed' });
		const json = JSON.parse((await page(`/api/v1/cameras/${cameraId}.json`, { cookie: '' })).body);
		expect(JSON.stringify(json)).toContain('confirmed');
	});
});
