/**
 * Official claims per area: what an authority says it operates there (migrations/0016_area_claims.sql).
 * Setting or removing one writes the audit entry in the same transaction.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import * as audit from '../audit/repository';
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
	const rows = await db
		.selectFrom('area_claims')
		.innerJoin('areas', 'areas.id', 'area_claims.area_id')
		.select(['areas.slug', 'area_claims.cameras', 'area_claims.source', 'area_claims.stated_on', 'area_claims.url'])
		.execute();
	return new Map(
		rows.map((row) => [row.slug, { cameras: row.cameras, source: row.source, statedOn: row.stated_on, url: row.url }])
	);
}

/** Sets (or replaces) the claim for an area; `actorId` null for the command line. */
export async function set(db: Kysely<DB>, slug: string, claim: AreaClaimInput, actorId: number | null): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const area = await trx.selectFrom('areas').select('id').where('slug', '=', slug).forUpdate().executeTakeFirst();
		if (!area) throw new UnknownArea(slug);
		const values = { cameras: claim.cameras, source: claim.source, stated_on: claim.statedOn, url: claim.url };
		const before = await trx
			.selectFrom('area_claims')
			.select(['cameras', 'source', 'stated_on', 'url'])
			.where('area_id', '=', area.id)
			.executeTakeFirst();
		await trx
			.insertInto('area_claims')
			.values({ area_id: area.id, ...values })
			.onConflict((oc) => oc.column('area_id').doUpdateSet({ ...values, updated_at: new Date() }))
			.execute();
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
		const area = await trx.selectFrom('areas').select('id').where('slug', '=', slug).executeTakeFirst();
		if (!area) throw new UnknownArea(slug);
		const removed = await trx
			.deleteFrom('area_claims')
			.where('area_id', '=', area.id)
			.returning(['cameras', 'source', 'stated_on', 'url'])
			.executeTakeFirst();
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
