/**
 * Test data, made through the app's own repositories where it has one: users with a known
 * password, reports as the report flow stores them (with real photos), and cameras as rows of
 * the cameras table (a camera is otherwise only made by a moderator's decision).
 */
import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import sharp from 'sharp';
import type { SubmissionPayload } from '../../src/lib/schemas/submission';
import { hashPassword } from '../../src/lib/server/auth/password';
import * as users from '../../src/lib/server/auth/repository';
import { point } from '../../src/lib/server/db/postgis';
import type { DB, Role } from '../../src/lib/server/db/schema';
import { processPhoto } from '../../src/lib/server/photos/pipeline';
import { photoKey, type PhotoStorage } from '../../src/lib/server/storage';
import * as submissions from '../../src/lib/server/submissions/repository';

// Users

let counter = 0;

export const PASSWORD = 'correct horse battery staple';

export async function createUser(
	db: Kysely<DB>,
	options: { username?: string; role?: Role; password?: string } = {}
): Promise<{ id: number; username: string; password: string; role: Role }> {
	counter += 1;
	const username = options.username ?? `user${counter}_${Math.random().toString(36).slice(2, 8)}`;
	const password = options.password ?? PASSWORD;
	const role = options.role ?? 'contributor';
	const { id } = await users.create(db, { username, passwordHash: await hashPassword(password), role });
	return { id, username, password, role };
}

// Reports

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

// Cameras

/** A camera's columns, its place given as `lng` and `lat` (WGS 84) instead of `geom`. */
export type CameraValues = Omit<Insertable<DB['cameras']>, 'geom'> & { lng: number; lat: number };

function cameraRow({ lng, lat, ...values }: CameraValues): Insertable<DB['cameras']> {
	return { ...values, geom: point(lng, lat) };
}

/** Inserts one camera with exactly the given columns (the rest are the table's defaults). */
export async function createCamera(db: Kysely<DB>, values: CameraValues): Promise<{ id: number }> {
	return db.insertInto('cameras').values(cameraRow(values)).returning('id').executeTakeFirstOrThrow();
}

/** Inserts the cameras in one statement; their ids in the given order. */
export async function createCameras(db: Kysely<DB>, cameras: readonly CameraValues[]): Promise<{ id: number }[]> {
	if (cameras.length === 0) return [];
	return db.insertInto('cameras').values(cameras.map(cameraRow)).returning('id').execute();
}
