/**
 * History: after a random sequence of approved edits, confirmations, merges and removals,
 * reverting every camera to the revision it had at some moment restores the public state of
 * that moment exactly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db';
import { decide } from '../../../src/lib/server/moderation/decide';
import * as revisions from '../../../src/lib/server/moderation/revisions';
import * as cameras from '../../../src/lib/server/cameras/repository';
import { BELGRADE, createUser, report } from '../../support/factories';
import { testBackend, testDatabase } from '../harness';
import { temporaryStorage } from '../submissions/helpers';

/** A small deterministic random generator (mulberry32), so a failure can be replayed by seed. */
function random(seed: number) {
	let state = seed;
	const next = () => {
		state = (state + 0x6d2b79f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
	return { next, pick };
}

describe(`camera history and revert (${testBackend()})`, () => {
	let database: Database;
	let photos: Awaited<ReturnType<typeof temporaryStorage>>;
	let moderator: { id: number };

	beforeAll(async () => {
		database = await testDatabase();
		photos = await temporaryStorage();
		moderator = await createUser(database.db, { role: 'moderator' });
	});
	afterAll(async () => {
		await database?.close();
		await photos?.remove();
	});

	async function approve(sent: { publicId: string }, extra: Record<string, unknown> = {}) {
		const result = await decide(
			database.db,
			photos.storage,
			sent.publicId,
			moderator,
			{ action: 'approve', version: 1, photos: [], ...extra },
			'en'
		);
		if (!result.ok) throw new Error(`approval failed: ${JSON.stringify(result)}`);
		return result;
	}

	async function publicState(ids: number[]) {
		return Promise.all(ids.map((id) => cameras.read(database.db, id)));
	}

	async function latestRevision(cameraId: number): Promise<number> {
		const [newest] = await revisions.list(database.db, cameraId);
		return newest.id;
	}

	for (const seed of [1, 2, 3, 4, 5]) {
		it(`restores the earlier public state exactly (seed ${seed})`, async () => {
			const { db } = database;
			const rng = random(seed);
			const ids: number[] = [];
			for (let i = 0; i < 4; i++) {
				const sent = await report(db, photos.storage, {
					location: { lat: BELGRADE.lat + rng.next() / 100, lng: BELGRADE.lng + rng.next() / 100 },
					payload: { camera_type: rng.pick(['fixed', 'dome', 'panning']) }
				});
				ids.push((await approve(sent)).cameraId!);
			}
			const earlier = await publicState(ids);
			const marks = await Promise.all(ids.map(latestRevision));

			let changes = 0;
			for (let step = 0; step < 25; step++) {
				const cameraId = rng.pick(ids);
				const op = rng.pick(['edit', 'edit-moderated', 'confirmation', 'merge', 'removal'] as const);
				const before = await cameras.read(db, cameraId);
				if (op === 'removal' && before?.status === 'removed') continue;
				const location = { lat: BELGRADE.lat + rng.next() / 100, lng: BELGRADE.lng + rng.next() / 100 };
				if (op === 'edit' || op === 'edit-moderated') {
					const sent = await report(db, photos.storage, {
						location: rng.next() < 0.5 ? location : null,
						payload: {
							kind: 'edit',
							camera_id: cameraId,
							operator_class: rng.pick(['police', 'government', 'private']),
							camera_direction: [Math.floor(rng.next() * 360)],
							height: Math.round(rng.next() * 100) / 10 + 1
						}
					});
					// A moderator may correct the edit before approving it (all fields replaced).
					const attributes =
						op === 'edit-moderated'
							? {
									surveillance_type: rng.pick(['camera', 'ALPR']),
									operator: `Operator ${step}`,
									lat: location.lat,
									lng: location.lng
								}
							: undefined;
					await approve(sent, attributes ? { attributes } : {});
				} else if (op === 'confirmation') {
					const sent = await report(db, photos.storage, {
						location: null,
						payload: { kind: 'confirmation', camera_id: cameraId }
					});
					await approve(sent);
				} else if (op === 'merge') {
					const sent = await report(db, photos.storage, { location });
					await decide(
						db,
						photos.storage,
						sent.publicId,
						moderator,
						{ action: 'merge', version: 1, camera_id: cameraId },
						'en'
					);
				} else {
					const sent = await report(db, photos.storage, {
						location: null,
						payload: {
							kind: 'removal',
							camera_id: cameraId,
							removed_on: '2026-10-0' + (1 + Math.floor(rng.next() * 9))
						}
					});
					await approve(sent);
				}
				changes += 1;
			}
			expect(changes).toBeGreaterThan(15);
			expect(await publicState(ids)).not.toEqual(earlier);

			for (const [i, cameraId] of ids.entries()) {
				await db.transaction().execute((trx) => revisions.revert(trx, marks[i], moderator.id));
				expect(await latestRevision(cameraId)).toBeGreaterThan(marks[i]);
			}
			expect(await publicState(ids)).toEqual(earlier);
		});
	}
});
