/**
 * Trust in a camera: how many different people have seen it, when it was last seen, and the
 * confidence level that follows.
 *
 * - `verified`: a moderator has checked the evidence of at least one report;
 * - `confirmed`: on top of that, at least `CONFIRMED_AFTER` different contributors have seen it
 *   (the reporter counts; one person confirming ten times counts once, and so do confirmations
 *   sent from one client key on one day, signed in or not: one phone is one witness);
 * - `reported`: imported (OpenStreetMap, an official list) and not yet checked by anyone here.
 *
 * A camera not seen for `STALE_AFTER_DAYS` days (configurable) is flagged stale: it may be gone.
 */
import type { Kysely } from 'kysely';
import * as cameras from '../cameras/repository';
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
 * Whether another contributor's sighting of the camera came from `clientKey` on `day` (client
 * keys are the day's: the same key on another day says nothing).
 */
async function sameClientSeen(
	trx: Kysely<DB>,
	cameraId: number,
	contributor: string,
	day: string,
	clientKey: Uint8Array | null
): Promise<boolean> {
	if (!clientKey) return false;
	return cameras.seenFromClient(trx, { cameraId, contributor, day, clientKey });
}

/**
 * Records that `contributor` saw the camera on `day`, sent from `clientKey` (the report's client
 * key of that day; null for reports from before keys were kept): a new contributor adds a
 * confirmation unless a sighting from the same client key on the same day already counted, and
 * the last-seen day and the confidence follow. Returns false if the camera is unknown.
 */
export async function addSighting(
	trx: Kysely<DB>,
	cameraId: number,
	contributor: string,
	day: string,
	context: RevisionContext,
	clientKey: Uint8Array | null = null
): Promise<boolean> {
	const sameClient = await sameClientSeen(trx, cameraId, contributor, day, clientKey);
	const inserted = await cameras.addSighting(trx, { cameraId, contributor, day, clientKey });
	const after = await changeCamera(
		trx,
		cameraId,
		(current) => {
			const confirmations = current.confirmations + (inserted && !sameClient ? 1 : 0);
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

/**
 * Sightings of a camera that share a client key with another sighting on the same day, as
 * groups of contributors (for the moderator: they counted once).
 */
export async function sharedClientSightings(
	db: Kysely<DB>,
	cameraId: number
): Promise<{ seenOn: string; count: number }[]> {
	const rows = await cameras.sharedClientSightings(db, cameraId);
	return rows.map((row) => ({ seenOn: String(row.seen_on), count: Number(row.count) }));
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
