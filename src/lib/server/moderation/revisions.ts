/**
 * Camera history. Every change to a camera goes through `createCamera` or `changeCamera`, which
 * record a revision holding the whole public record before and after, in the same transaction.
 * Reverting to a revision writes that revision's "after" state back, as a new revision: history
 * is never rewritten.
 */
import type { Kysely } from 'kysely';
import type { DB, RevisionAction } from '../db/schema';
import * as cameras from '../cameras/repository';
import { revisionColumns, type ColumnValues, type FieldsWith } from '../../cameras/fields';

/**
 * Everything about a camera that the public can see or that a moderator can change: its place
 * and the registry's revision fields (#lib/cameras/fields). Revisions from before the model
 * catalogue lack `model_id` (= none).
 */
export type CameraSnapshot = { lng: number; lat: number } & ColumnValues<FieldsWith<{ revision: true }>>;

const snapshotColumns = revisionColumns;

export interface RevisionContext {
	action: RevisionAction;
	actorId: number | null;
	submissionId?: number | null;
}

/** The camera's current state, locked for the rest of the transaction; undefined if unknown. */
export async function snapshot(trx: Kysely<DB>, cameraId: number): Promise<CameraSnapshot | undefined> {
	const row = await cameras.lockedState(trx, cameraId);
	return row && { ...row, camera_direction: row.camera_direction ?? [], capabilities: row.capabilities ?? [] };
}

async function recordRevision(
	trx: Kysely<DB>,
	cameraId: number,
	context: RevisionContext,
	before: CameraSnapshot | null,
	after: CameraSnapshot
) {
	await cameras.insertRevision(trx, {
		cameraId,
		action: context.action,
		actorId: context.actorId,
		submissionId: context.submissionId ?? null,
		before,
		after
	});
}

/** Inserts a camera and its first revision; returns the new id. */
export async function createCamera(
	trx: Kysely<DB>,
	camera: CameraSnapshot & { source: 'citizen' | 'official' | 'osm' | 'demo' },
	context: RevisionContext
): Promise<number> {
	const id = await cameras.insert(trx, camera);
	const after = await snapshot(trx, id);
	await recordRevision(trx, id, context, null, after!);
	return id;
}

/**
 * Changes a locked camera and records the revision. `change` gets the current state and
 * returns the fields to change. Returns the state after the change, or undefined if the
 * camera does not exist.
 */
export async function changeCamera(
	trx: Kysely<DB>,
	cameraId: number,
	change: (current: CameraSnapshot) => Partial<CameraSnapshot>,
	context: RevisionContext
): Promise<CameraSnapshot | undefined> {
	const before = await snapshot(trx, cameraId);
	if (!before) return undefined;
	const fields = change(before);
	await cameras.update(trx, cameraId, fields);
	const after = (await snapshot(trx, cameraId))!;
	await recordRevision(trx, cameraId, context, before, after);
	return after;
}

/** A camera's revisions, newest first, with the moderator's name (for moderators only). */
export function list(db: Kysely<DB>, cameraId: number) {
	return cameras.listRevisions(db, cameraId);
}

/**
 * Restores the state a revision left the camera in, as a new `revert` revision. Returns the
 * camera id, or undefined if the revision does not exist (or is not one of `cameraId`'s).
 */
export async function revert(
	trx: Kysely<DB>,
	revisionId: number,
	actorId: number,
	cameraId?: number
): Promise<number | undefined> {
	const revision = await cameras.readRevision(trx, revisionId, cameraId);
	if (!revision) return undefined;
	const target = revision.after as unknown as CameraSnapshot;
	const restored = Object.fromEntries(
		[...snapshotColumns, 'lng', 'lat'].map((column) => [column, target[column as keyof CameraSnapshot] ?? null])
	) as unknown as CameraSnapshot;
	await changeCamera(trx, revision.camera_id, () => restored, { action: 'revert', actorId });
	return revision.camera_id;
}
