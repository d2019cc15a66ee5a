/** Test data for moderation: reports stored through the real repository, with real photos. */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import sharp from 'sharp';
import { decide } from '../../../src/lib/server/moderation/decide';
import { importList } from '../../../src/lib/server/official/lists';
import type { DB } from '../../../src/lib/server/db/schema';
import { processPhoto } from '../../../src/lib/server/photos/pipeline';
import * as submissions from '../../../src/lib/server/submissions/repository';
import { photoKey, type PhotoStorage } from '../../../src/lib/server/storage';
import type { SubmissionPayload } from '../../../src/lib/schemas/submission';

export const BELGRADE = { lat: 44.8176, lng: 20.4573 };

export interface ReportOptions {
	payload?: Partial<SubmissionPayload>;
	userId?: number | null;
	photos?: Uint8Array[];
	location?: { lat: number; lng: number } | null;
}

/** Stores a report as the report flow would; returns its public id and internal id. */
export async function report(
	db: Kysely<DB>,
	storage: PhotoStorage,
	options: ReportOptions = {}
): Promise<{ publicId: string; id: number; statusToken: string }> {
	const payload = { kind: 'new_camera', surveillance_type: 'camera', ...options.payload } as SubmissionPayload;
	const location =
		options.location === null ? null : { ...(options.location ?? BELGRADE), source: 'reporter' as const };
	const photos = [];
	for (const bytes of options.photos ?? []) {
		const processed = await processPhoto(bytes);
		const [display, thumb] = processed.derivatives.map((d) => ({
			key: photoKey(d),
			bytes: d.bytes,
			contentType: d.contentType,
			width: d.width,
			height: d.height
		}));
		photos.push({ display, thumb });
	}
	const idempotencyKey = randomUUID();
	const { receipt } = await submissions.create(db, storage, {
		idempotencyKey,
		requestHash: Buffer.alloc(32, 1),
		payload,
		location,
		photos,
		locale: 'en',
		userId: options.userId ?? null
	});
	const row = await db
		.selectFrom('submissions')
		.select('id')
		.where('public_id', '=', receipt.id)
		.executeTakeFirstOrThrow();
	return { publicId: receipt.id, id: row.id, statusToken: receipt.statusToken };
}

/** The submission's version, as a moderator's page would have loaded it. */
export async function versionOf(db: Kysely<DB>, publicId: string): Promise<number> {
	const row = await db
		.selectFrom('submissions')
		.select('version')
		.where('public_id', '=', publicId)
		.executeTakeFirstOrThrow();
	return row.version;
}

/** A small photo of one colour: different colours give different files (files are stored by content). */
export async function plainPhoto(green: number): Promise<Uint8Array> {
	const image = sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 10, g: green, b: 30 } } });
	return new Uint8Array(await image.png().toBuffer());
}

/**
 * What the route matrix of docs/authorization.md talks about: contributor A's pending report
 * (`a-submission`, `a-status`, `a-photo`), a verified camera with a published photo (`camera`,
 * `camera-photo`), a rejected report's photo (`rejected-photo`) and an official list
 * (`official-list`).
 */
export async function arrangeReports(
	app: { db: Kysely<DB>; storage: PhotoStorage },
	contributorA: { id: number },
	moderator: { id: number }
): Promise<Record<string, string>> {
	const photoKeyOf = async (publicId: string) => {
		const row = await app.db
			.selectFrom('photos')
			.innerJoin('submissions', 'submissions.id', 'photos.submission_id')
			.select('display_key')
			.where('submissions.public_id', '=', publicId)
			.executeTakeFirstOrThrow();
		return row.display_key;
	};
	const pending = await report(app.db, app.storage, { userId: contributorA.id, photos: [await plainPhoto(100)] });
	const approved = await report(app.db, app.storage, { photos: [await plainPhoto(150)] });
	const decided = await decide(
		app.db,
		app.storage,
		approved.publicId,
		moderator,
		{ action: 'approve', version: 1, photos: [{ position: 0, review: 'clear' }] },
		'en'
	);
	if (!decided.ok) throw new Error('approval failed');
	const list = await importList(app.db, 'lat,lng\n44.8125,20.4612\n', { name: 'Test list', source: 'tests' });
	const model = await app.db
		.insertInto('camera_models')
		.values({ manufacturer: 'Primer', model: 'Test model', evidence: '[]' })
		.returning('id')
		.executeTakeFirstOrThrow();
	const rejected = await report(app.db, app.storage, { photos: [await plainPhoto(200)] });
	await decide(
		app.db,
		app.storage,
		rejected.publicId,
		moderator,
		{ action: 'reject', version: 1, reason: 'abuse' },
		'en'
	);
	return {
		'a-submission': pending.publicId,
		'a-status': pending.statusToken,
		'a-photo': await photoKeyOf(pending.publicId),
		camera: String(decided.cameraId),
		'camera-photo': await photoKeyOf(approved.publicId),
		'rejected-photo': await photoKeyOf(rejected.publicId),
		'official-list': list.slug,
		'camera-model': String(model.id)
	};
}

/** A matrix target with its `{placeholders}` filled in. */
export function resolvePlaceholders(target: string, things: Record<string, string>): string {
	return target.replace(/\{([a-z-]+)\}/g, (_, name: string) => {
		if (!(name in things)) throw new Error(`unknown placeholder {${name}}`);
		return things[name];
	});
}
