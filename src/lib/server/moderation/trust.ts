/**
 * Trust in a camera: how many different people have seen it, when it was last seen, and the
 * confidence level that follows.
 *
 * - `verified`: a moderator has checked the evidence of at least one report;
 * - `confirmed`: on top of that, at least `CONFIRMED_AFTER` different contributors have seen it
 *   (the reporter counts; one person confirming ten times counts once);
 * - `reported`: imported (OpenStreetMap, an official list) and not yet checked by anyone here.
 *
 * A camera not seen for `STALE_AFTER_DAYS` days (configurable) is flagged stale: it may be gone.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { changeCamera, type RevisionContext } from './revisions';

export const CONFIRMED_AFTER = 2;

/** Who saw it: a signed-in contributor, or (anonymous) the report itself. */
export function contributorOf(submission: { id: number; user_id: number | null }): string {
	return submission.user_id === null ? `submission:${submission.id}` : `user:${submission.user_id}`;
}

export function confidenceFor(confirmations: number): 'verified' | 'confirmed' {
	return confirmations >= CONFIRMED_AFTER ? 'confirmed' : 'verified';
}

/** The later of two ISO days (either may be missing). */
function laterDay(a: string | null, b: string): string {
	return a !== null && a > b ? a : b;
}

/**
 * Records that `contributor` saw the camera on `day`: a new contributor adds a confirmation,
 * and the last-seen day and the confidence follow. Returns false if the camera is unknown.
 */
export async function addSighting(
	trx: Kysely<DB>,
	cameraId: number,
	contributor: string,
	day: string,
	context: RevisionContext
): Promise<boolean> {
	const inserted = await trx
		.insertInto('camera_confirmations')
		.values({ camera_id: cameraId, contributor, seen_on: day })
		.onConflict((oc) => oc.columns(['camera_id', 'contributor']).doNothing())
		.returning('camera_id')
		.executeTakeFirst();
	const after = await changeCamera(
		trx,
		cameraId,
		(current) => {
			const confirmations = current.confirmations + (inserted ? 1 : 0);
			return {
				confirmations,
				confidence: confidenceFor(confirmations),
				last_seen: laterDay(current.last_seen, day),
				first_seen: current.first_seen ?? day
			};
		},
		context
	);
	return after !== undefined;
}

/** Whether an active camera has not been seen for `staleAfterDays` days, as of `today`. */
export function isStale(
	camera: { status: string; last_seen: string | null },
	staleAfterDays: number,
	today = new Date()
): boolean {
	if (camera.status !== 'active' || camera.last_seen === null) return false;
	const lastSeen = Date.parse(`${camera.last_seen}T00:00:00Z`);
	return today.getTime() - lastSeen > staleAfterDays * 86_400_000;
}
