/** Test data for moderation: the reports, camera, list and model the route matrix talks about. */
import type { Kysely } from 'kysely';
import { decide } from '../../../src/lib/server/moderation/decide';
import { importList } from '../../../src/lib/server/official/lists';
import type { DB } from '../../../src/lib/server/db/schema';
import type { PhotoStorage } from '../../../src/lib/server/storage';
import { plainPhoto, report } from '../../support/factories';

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
