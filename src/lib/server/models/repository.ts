/**
 * The catalogue of camera models (migrations/0009_camera_models.sql). Public: everything here is
 * meant to be read by anyone. Changes are made by moderators, each with its audit entry in the
 * same transaction; a change of capabilities reaches the model's cameras through a trigger.
 */
import { sql, type Kysely } from 'kysely';
import type { CameraModelInput } from '#lib/schemas/camera-model.js';
import type { DB, EvidenceLink } from '../db/schema';
import * as audit from '../audit/repository';

export interface CameraModel {
	id: number;
	manufacturer: string;
	model: string;
	capabilities: string[];
	evidence: EvidenceLink[];
	notes: string | null;
	/** Active cameras of this model on the map. */
	cameras: number;
}

export class DuplicateModel extends Error {}

function select(db: Kysely<DB>) {
	return db
		.selectFrom('camera_models as m')
		.select(['m.id', 'm.manufacturer', 'm.model', 'm.capabilities', 'm.evidence', 'm.notes'])
		.select(
			sql<number>`(SELECT count(*)::int FROM cameras c WHERE c.model_id = m.id AND c.status = 'active')`.as('cameras')
		);
}

/** Every model, by manufacturer and name. */
export async function list(db: Kysely<DB>): Promise<CameraModel[]> {
	return select(db)
		.orderBy(sql`lower(m.manufacturer)`)
		.orderBy(sql`lower(m.model)`)
		.orderBy('m.id')
		.execute();
}

export async function read(db: Kysely<DB>, id: number): Promise<CameraModel | undefined> {
	return select(db).where('m.id', '=', id).executeTakeFirst();
}

/** Names for a select list: "Manufacturer Model". */
export async function choices(db: Kysely<DB>): Promise<{ id: number; label: string }[]> {
	const rows = await db
		.selectFrom('camera_models')
		.select(['id', 'manufacturer', 'model'])
		.orderBy(sql`lower(manufacturer)`)
		.orderBy(sql`lower(model)`)
		.execute();
	return rows.map((row) => ({ id: row.id, label: `${row.manufacturer} ${row.model}` }));
}

export async function exists(db: Kysely<DB>, id: number): Promise<boolean> {
	return !!(await db.selectFrom('camera_models').select('id').where('id', '=', id).executeTakeFirst());
}

function isDuplicate(error: unknown): boolean {
	const e = error as { code?: string; constraint?: string };
	return e?.code === '23505' && e.constraint === 'camera_models_name_idx';
}

/** Adds a model; throws DuplicateModel when the manufacturer already has one by that name. */
export async function create(db: Kysely<DB>, input: CameraModelInput, actorId: number): Promise<number> {
	try {
		return await db.transaction().execute(async (trx) => {
			const { id } = await trx
				.insertInto('camera_models')
				.values({
					manufacturer: input.manufacturer,
					model: input.model,
					capabilities: input.capabilities,
					evidence: JSON.stringify(input.evidence),
					notes: input.notes
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			await audit.record(trx, {
				actorId,
				action: 'camera_model.create',
				target: { type: 'camera_model', id },
				details: { manufacturer: input.manufacturer, model: input.model, capabilities: input.capabilities }
			});
			return id;
		});
	} catch (error) {
		if (isDuplicate(error)) throw new DuplicateModel();
		throw error;
	}
}

/** Changes a model; false when it does not exist; throws DuplicateModel on a name clash. */
export async function update(db: Kysely<DB>, id: number, input: CameraModelInput, actorId: number): Promise<boolean> {
	try {
		return await db.transaction().execute(async (trx) => {
			const before = await trx
				.selectFrom('camera_models')
				.select(['manufacturer', 'model', 'capabilities', 'evidence', 'notes'])
				.where('id', '=', id)
				.forUpdate()
				.executeTakeFirst();
			if (!before) return false;
			await trx
				.updateTable('camera_models')
				.set({
					manufacturer: input.manufacturer,
					model: input.model,
					capabilities: input.capabilities,
					evidence: JSON.stringify(input.evidence),
					notes: input.notes,
					updated_at: sql`now()`
				})
				.where('id', '=', id)
				.execute();
			await audit.record(trx, {
				actorId,
				action: 'camera_model.update',
				target: { type: 'camera_model', id },
				details: {
					before,
					after: {
						manufacturer: input.manufacturer,
						model: input.model,
						capabilities: input.capabilities,
						evidence: input.evidence,
						notes: input.notes
					}
				}
			});
			return true;
		});
	} catch (error) {
		if (isDuplicate(error)) throw new DuplicateModel();
		throw error;
	}
}
