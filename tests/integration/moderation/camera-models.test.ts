/**
 * Camera models: a moderator picks a camera's model when approving; a camera is biometric-capable
 * when it or its model is suspected of face recognition, and a change to the model's capabilities
 * flips the statistics per area and the tiles' `biometric=1` filter for every camera of the model.
 * Reverting a camera restores its model. Model changes are in the audit log.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db';
import { importAreas } from '../../../src/lib/server/areas/import';
import { decide } from '../../../src/lib/server/moderation/decide';
import * as revisions from '../../../src/lib/server/moderation/revisions';
import * as cameraModels from '../../../src/lib/server/models/repository';
import { areaStatistics } from '../../../src/lib/server/stats/repository';
import { readTile } from '../../support/mvt';
import { renderTile, type Encoder } from '../../../src/lib/server/tiles/render';
import { tileAt } from '../../support/tiles';
import type { CameraFilter } from '../../../src/lib/schemas/camera-filter';
import type { CameraModelInput } from '../../../src/lib/schemas/camera-model';
import { BELGRADE, createUser, report } from '../../support/factories';
import { testBackend, testDatabase } from '../harness';
import { requestEvent, temporaryStorage } from '../submissions/helpers';
import { GET as modelsJson } from '../../../src/routes/api/v1/camera-models.json/+server';

const area = {
	type: 'FeatureCollection',
	features: [
		{
			type: 'Feature',
			properties: { name: 'Centar' },
			geometry: {
				type: 'Polygon',
				coordinates: [
					[
						[20.44, 44.81],
						[20.47, 44.81],
						[20.47, 44.83],
						[20.44, 44.83],
						[20.44, 44.81]
					]
				]
			}
		}
	]
};

const plain: CameraModelInput = {
	manufacturer: 'Primer',
	model: 'DK-1',
	capabilities: [],
	evidence: [],
	notes: null
};
const withFaces: CameraModelInput = {
	...plain,
	capabilities: ['face_recognition'],
	evidence: [{ url: 'https://example.org/dk-1.pdf', title: 'Data sheet (example)' }]
};

describe(`camera models and biometric-capable cameras (${testBackend()})`, () => {
	let database: Database;
	let photos: Awaited<ReturnType<typeof temporaryStorage>>;
	let moderator: { id: number };
	let modelId: number;
	let cameraId: number;
	const others: number[] = [];

	beforeAll(async () => {
		database = await testDatabase();
		photos = await temporaryStorage();
		moderator = await createUser(database.db, { role: 'moderator' });
		await importAreas(database.db, area, { level: 'municipality', nameField: 'name' });
	});
	afterAll(async () => {
		await database?.close();
		await photos?.remove();
	});

	async function approve(sent: { publicId: string }, extra: Record<string, unknown> = {}) {
		return decide(
			database.db,
			photos.storage,
			sent.publicId,
			moderator,
			{ action: 'approve', version: 1, photos: [], ...extra },
			'en'
		);
	}

	async function centar() {
		return (await areaStatistics(database.db)).find((stats) => stats.slug === 'centar')!;
	}

	/** Camera ids in the point tile around Belgrade's centre, with one encoder. */
	async function idsInTile(filter: CameraFilter, encoder: Encoder = 'js') {
		const tile = tileAt(BELGRADE.lng, BELGRADE.lat, 16);
		const layers = readTile(await renderTile(database.db, encoder, 'cameras', tile, filter));
		const features = layers.find((layer) => layer.name === 'cameras')?.features ?? [];
		return features.map((feature) => Number(feature.id)).sort((a, b) => a - b);
	}

	/** Cameras counted in the filtered cluster tile (zoom 12) around the centre. */
	async function clusteredCount(filter: CameraFilter) {
		const tile = tileAt(BELGRADE.lng, BELGRADE.lat, 12);
		const layers = readTile(await renderTile(database.db, 'js', 'cameras', tile, filter));
		const features = layers.find((layer) => layer.name === 'clusters')?.features ?? [];
		return features.reduce((sum, feature) => sum + Number(feature.properties.count), 0);
	}

	it('adds a model with an audit entry, and refuses a second one by the same name', async () => {
		modelId = await cameraModels.create(database.db, plain, moderator.id);
		await expect(
			cameraModels.create(database.db, { ...plain, manufacturer: 'PRIMER', model: 'dk-1' }, moderator.id)
		).rejects.toBeInstanceOf(cameraModels.DuplicateModel);
		const entries = await database.db
			.selectFrom('audit_log')
			.select(['action', 'target_type', 'target_id', 'actor_id'])
			.where('target_type', '=', 'camera_model')
			.execute();
		expect(entries).toEqual([
			{ action: 'camera_model.create', target_type: 'camera_model', target_id: String(modelId), actor_id: moderator.id }
		]);
	});

	it('refuses an approval naming a model that does not exist, and stores nothing', async () => {
		const sent = await report(database.db, photos.storage);
		const result = await approve(sent, { model_id: 999_999 });
		expect(result).toEqual({ ok: false, code: 'invalid', fields: { model_id: 'There is no such camera model.' } });
		const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM cameras`.execute(database.db);
		expect(rows[0].n).toBe(0);
		const decided = await approve(sent);
		expect(decided.ok).toBe(true);
		if (decided.ok) others.push(decided.cameraId!);
	});

	it('sets the model on approval; a model without face recognition is not biometric', async () => {
		const sent = await report(database.db, photos.storage, { location: { lat: 44.8177, lng: 20.4574 } });
		const result = await approve(sent, { model_id: modelId });
		expect(result.ok).toBe(true);
		cameraId = result.ok ? result.cameraId! : 0;
		const camera = await database.db
			.selectFrom('cameras')
			.select(['model_id', 'biometric'])
			.where('id', '=', cameraId)
			.executeTakeFirstOrThrow();
		expect(camera).toEqual({ model_id: modelId, biometric: false });
		expect((await centar()).biometric).toBe(0);
		expect(await idsInTile({ biometric: true })).toEqual([]);
		expect(await idsInTile({})).toEqual([...others, cameraId].sort((a, b) => a - b));
		expect((await cameraModels.read(database.db, modelId))?.cameras).toBe(1);
		const body = (await (await modelsJson(requestEvent(database, '/api/v1/camera-models.json') as never)).json()) as {
			models: unknown[];
		};
		expect(body.models).toEqual([
			{ id: modelId, manufacturer: 'Primer', model: 'DK-1', capabilities: [], evidence: [], notes: null, cameras: 1 }
		]);
	});

	it('flips every camera of the model when the model gains or loses face recognition', async () => {
		// A camera suspected of face recognition by itself stays biometric whatever its model.
		const own = await report(database.db, photos.storage, {
			location: { lat: 44.8175, lng: 20.4572 },
			payload: { capabilities: ['face_recognition'] }
		});
		const ownResult = await approve(own, { model_id: modelId });
		const ownId = ownResult.ok ? ownResult.cameraId! : 0;
		expect((await centar()).biometric).toBe(1);

		expect(await cameraModels.update(database.db, modelId, withFaces, moderator.id)).toBe(true);
		let stats = await centar();
		expect(stats.biometric).toBe(2);
		expect(stats.capabilities.face_recognition).toBe(1);
		expect(await idsInTile({ biometric: true })).toEqual([cameraId, ownId].sort((a, b) => a - b));
		expect(await clusteredCount({ biometric: true })).toBe(2);
		if (testBackend() === 'postgis') {
			// ST_AsMVT gives the same answer as the JavaScript encoder.
			expect(await idsInTile({ biometric: true }, 'native')).toEqual([cameraId, ownId].sort((a, b) => a - b));
		} else {
			expect(await idsInTile({ biometric: true, capability: ['face_recognition'] })).toEqual([ownId]);
		}

		expect(await cameraModels.update(database.db, modelId, plain, moderator.id)).toBe(true);
		stats = await centar();
		expect(stats.biometric).toBe(1);
		expect(await idsInTile({ biometric: true })).toEqual([ownId]);
		expect(await clusteredCount({ biometric: true })).toBe(1);

		// The counts kept by the triggers equal a direct count.
		const { rows } = await sql<{ n: number }>`
			SELECT count(*)::int AS n FROM cameras c JOIN camera_models m ON m.id = c.model_id
			WHERE c.status = 'active' AND ('face_recognition' = ANY (c.capabilities) OR 'face_recognition' = ANY (m.capabilities))`.execute(
			database.db
		);
		expect(rows[0].n).toBe(stats.biometric);
		const actions = await database.db
			.selectFrom('audit_log')
			.select('action')
			.where('target_type', '=', 'camera_model')
			.orderBy('id')
			.execute();
		expect(actions.map((entry) => entry.action)).toEqual([
			'camera_model.create',
			'camera_model.update',
			'camera_model.update'
		]);
	});

	it('reverting a camera restores its model (and whether it is biometric)', async () => {
		await cameraModels.update(database.db, modelId, withFaces, moderator.id);
		const [created] = await revisions.list(database.db, cameraId).then((list) => list.slice(-1));
		expect((created.after as { model_id: number | null }).model_id).toBe(modelId);

		// An edit through the queue that clears the model.
		const edit = await report(database.db, photos.storage, {
			location: null,
			payload: { kind: 'edit', camera_id: cameraId, operator_class: 'police' }
		});
		const edited = await approve(edit, { model_id: null });
		expect(edited.ok).toBe(true);
		const read = () =>
			database.db
				.selectFrom('cameras')
				.select(['model_id', 'biometric'])
				.where('id', '=', cameraId)
				.executeTakeFirstOrThrow();
		expect(await read()).toEqual({ model_id: null, biometric: false });
		expect(await idsInTile({ biometric: true })).not.toContain(cameraId);

		await database.db.transaction().execute((trx) => revisions.revert(trx, created.id, moderator.id, cameraId));
		expect(await read()).toEqual({ model_id: modelId, biometric: true });
		expect(await idsInTile({ biometric: true })).toContain(cameraId);
		const { rows } = await sql<{ n: number }>`
			SELECT count(*)::int AS n FROM cameras WHERE biometric AND status = 'active'`.execute(database.db);
		expect((await centar()).biometric).toBe(rows[0].n);
	});
});
