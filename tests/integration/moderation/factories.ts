/** Test data for moderation: reports stored through the real repository, with real photos. */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../../src/lib/server/db/schema';
import { processPhoto } from '../../../src/lib/server/photos/pipeline';
import * as submissions from '../../../src/lib/server/repositories/submissions';
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
