/**
 * Official claims per area: what an authority says it operates there (migrations/0016_area_claims.sql).
 * Setting or removing one writes the audit entry in the same transaction.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import * as audit from '../audit/repository';
import * as areas from './repository';
import type { AreaClaimInput } from '#lib/schemas/area-claim.js';

export interface AreaClaim {
	cameras: number;
	source: string;
	statedOn: string;
	url: string | null;
}

export class UnknownArea extends Error {
	constructor(readonly slug: string) {
		super(`no area with the short name "${slug}"`);
	}
}

/** Every area's claim, by slug. */
export async function bySlug(db: Kysely<DB>): Promise<Map<string, AreaClaim>> {
	const rows = await areas.listClaims(db);
	return new Map(
		rows.map((row) => [row.slug, { cameras: row.cameras, source: row.source, statedOn: row.stated_on, url: row.url }])
	);
}

/** Sets (or replaces) the claim for an area; `actorId` null for the command line. */
export async function set(db: Kysely<DB>, slug: string, claim: AreaClaimInput, actorId: number | null): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const areaId = await areas.idBySlug(trx, slug, true);
		if (areaId === undefined) throw new UnknownArea(slug);
		const values = { cameras: claim.cameras, source: claim.source, stated_on: claim.statedOn, url: claim.url };
		const before = await areas.readClaim(trx, areaId);
		await areas.saveClaim(trx, areaId, values);
		await audit.record(trx, {
			actorId,
			action: 'area.claim',
			target: { type: 'area', id: slug },
			details: { before: before ?? null, after: values }
		});
	});
}

/** Removes an area's claim (it was wrong, or withdrawn); false when there was none. */
export async function remove(db: Kysely<DB>, slug: string, actorId: number | null): Promise<boolean> {
	return db.transaction().execute(async (trx) => {
		const areaId = await areas.idBySlug(trx, slug);
		if (areaId === undefined) throw new UnknownArea(slug);
		const removed = await areas.deleteClaim(trx, areaId);
		if (!removed) return false;
		await audit.record(trx, {
			actorId,
			action: 'area.claim_remove',
			target: { type: 'area', id: slug },
			details: { before: removed }
		});
		return true;
	});
}
