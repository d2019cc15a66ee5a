/**
 * Public camera records. Only public fields leave this module: no internal timestamps, no
 * provenance beyond its class, nothing about who reported or confirmed a camera.
 */
import { sql, type Kysely } from 'kysely';
import { degreesAround } from '../../geo/earth';
import type { DB } from '../db';
import { envelope, lngLat, point, pointXY } from '../db/postgis';
import { publicColumns, revisionColumns } from '../../cameras/fields';
import type { RevisionAction } from '../db/schema';
import type { CameraSnapshot } from '../moderation/revisions';
import type { NearbyCamera } from '../../report/nearby';

function selectPublic(db: Kysely<DB>) {
	const { lng, lat } = lngLat('geom', 6);
	return db
		.selectFrom('cameras')
		.select(publicColumns)
		.select([lng.as('lng'), lat.as('lat')]);
}

export type PublicCamera = Awaited<ReturnType<ReturnType<typeof selectPublic>['executeTakeFirstOrThrow']>>;

/** Active cameras in a box, at most `limit`; `truncated` says whether more exist. */
export async function list(db: Kysely<DB>, bbox: readonly number[], limit = 5000) {
	const rows = await selectPublic(db)
		.where('status', '=', 'active')
		.where(sql<boolean>`geom && ${envelope(bbox)}`)
		.orderBy('id')
		.limit(limit + 1)
		.execute();
	return { cameras: rows.slice(0, limit), truncated: rows.length > limit };
}

/** One public camera (active or removed: a removal is kept as a tombstone), or undefined. */
export async function read(db: Kysely<DB>, id: number): Promise<PublicCamera | undefined> {
	return selectPublic(db).where('id', '=', id).executeTakeFirst();
}

/**
 * Where a map opens when nothing else says where: the mean place of the active cameras (a city's
 * are densest in its centre), else a point inside the largest area, else undefined.
 */
export async function startingPoint(db: Kysely<DB>): Promise<{ lat: number; lng: number } | undefined> {
	const place = lngLat('geom');
	const among = await db
		.selectFrom('cameras')
		.select([sql<number | null>`avg(${place.lng})`.as('lng'), sql<number | null>`avg(${place.lat})`.as('lat')])
		.where('status', '=', 'active')
		.executeTakeFirst();
	if (among?.lat != null && among.lng != null) return { lat: Number(among.lat), lng: Number(among.lng) };
	const onSurface = lngLat(sql`ST_PointOnSurface(geom)`);
	const inside = await db
		.selectFrom('areas')
		.select([onSurface.lng.as('lng'), onSurface.lat.as('lat')])
		.orderBy(sql`level = 'city'`, 'desc')
		.orderBy('area_km2', 'desc')
		.limit(1)
		.executeTakeFirst();
	return inside ? { lat: Number(inside.lat), lng: Number(inside.lng) } : undefined;
}

/** Whether the database holds demo cameras (the interface says so). */
export async function hasDemo(db: Kysely<DB>): Promise<boolean> {
	const row = await db.selectFrom('cameras').select('id').where('source', '=', 'demo').limit(1).executeTakeFirst();
	return row !== undefined;
}

/** A camera as an RFC 7946 Feature. */
export function toFeature({ lng, lat, ...properties }: PublicCamera) {
	return {
		type: 'Feature' as const,
		id: properties.id,
		geometry: { type: 'Point' as const, coordinates: [lng, lat] },
		properties
	};
}

/**
 * A camera's published photos (reviewed for faces and plates by a moderator), oldest report
 * first: file keys and sizes only, nothing about who took them or when.
 */
export async function photos(db: Kysely<DB>, id: number) {
	return db
		.selectFrom('photos')
		.innerJoin('submissions', 'submissions.id', 'photos.submission_id')
		.select(['display_key', 'display_width', 'display_height', 'thumb_key', 'thumb_width', 'thumb_height'])
		.where('submissions.camera_id', '=', id)
		.where('submissions.status', 'in', ['approved', 'merged'])
		.where('photos.visibility', '=', 'public')
		.orderBy('submissions.id')
		.orderBy('photos.position')
		.limit(20)
		.execute();
}

/** Half the width and half the height of the static map on a camera's page, in ground metres. */
export const SURROUNDINGS_VIEW = { halfWidth: 120, halfHeight: 72 };

/**
 * What the map on a camera's page shows: the camera (even when removed) and the active cameras
 * around it, each with its assumed field of view, in ground metres from the camera (x east,
 * y south, as SVG counts). The fields of view are SVG path data, so the page draws a map with no
 * map library and no script. The camera itself comes last (drawn on top).
 */
export async function surroundings(db: Kysely<DB>, id: number) {
	const { lat } = lngLat('geom');
	const camera = pointXY('c.geom_3857');
	const centre = pointXY('centre.g');
	const { rows } = await sql<{ id: number; x: number; y: number; fov: string | null }>`
		WITH centre AS (
			-- Web Mercator units per ground metre at the camera's latitude.
			SELECT geom_3857 AS g, 1 / cos(radians(${lat})) AS k FROM cameras WHERE id = ${id}
		)
		SELECT c.id,
			round(((${camera.x} - ${centre.x}) / centre.k)::numeric, 1)::float8 AS x,
			round(((${centre.y} - ${camera.y}) / centre.k)::numeric, 1)::float8 AS y,
			ST_AsSVG(ST_Scale(ST_Translate(c.fov_3857, -${centre.x}, -${centre.y}), 1 / centre.k, 1 / centre.k), 0, 1) AS fov
		FROM cameras c, centre
		-- Cameras out of view whose cones reach in: the longest range is 50 m.
		WHERE c.geom_3857 && ST_Expand(centre.g, (${SURROUNDINGS_VIEW.halfWidth} + 50) * centre.k)
			AND (c.status = 'active' OR c.id = ${id})
		ORDER BY c.id = ${id}, c.id
		LIMIT 500`.execute(db);
	return rows;
}

/** Known cameras around a point, nearest first: the report page's "is it one of these?". */
export type { NearbyCamera };

export const MAX_NEARBY_RESULTS = 50;

export async function nearby(db: Kysely<DB>, lat: number, lng: number, radius: number): Promise<NearbyCamera[]> {
	const centre = point(lng, lat);
	// A box in degrees around the point lets the GiST index narrow the candidates before the
	// exact geodesic distance is computed.
	const { dLng, dLat } = degreesAround(lat, radius);
	const distance = sql<number>`ST_Distance(geom::geography, ${centre}::geography)`;
	const { lng: x, lat: y } = lngLat('geom');
	const rows = await db
		.selectFrom('cameras')
		.select(['id', 'surveillance_type', 'camera_type', 'camera_mount', 'camera_direction'])
		.select([x.as('lng'), y.as('lat'), distance.as('distance')])
		.where('status', '=', 'active')
		.where(sql<boolean>`geom && ST_Expand(${centre}, ${dLng}, ${dLat})`)
		.where(sql<boolean>`ST_DWithin(geom::geography, ${centre}::geography, ${radius})`)
		.orderBy(distance)
		.limit(MAX_NEARBY_RESULTS)
		.execute();
	return rows.map((row) => ({ ...row, distance: Math.round(row.distance * 10) / 10 }));
}

// Writes. Every change of a camera goes through `moderation/revisions.ts`, which records a
// revision beside it in the same transaction; nothing else calls these.

/** The camera's current state, locked for the rest of the transaction. */
export function lockedState(trx: Kysely<DB>, cameraId: number) {
	const { lng, lat } = lngLat('geom');
	return trx
		.selectFrom('cameras')
		.select(revisionColumns)
		.select([lng.as('lng'), lat.as('lat')])
		.where('id', '=', cameraId)
		.forUpdate()
		.executeTakeFirst();
}

function columnsOf({ lng, lat, ...rest }: Partial<CameraSnapshot>) {
	return {
		...rest,
		...(lng !== undefined && lat !== undefined ? { geom: point(lng, lat) } : {})
	};
}

/** Inserts a camera; returns its id. */
export async function insert(
	trx: Kysely<DB>,
	camera: CameraSnapshot & { source: 'citizen' | 'official' | 'osm' | 'demo' }
): Promise<number> {
	const { id } = await trx
		.insertInto('cameras')
		.values(columnsOf(camera) as never)
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}

/** Changes the given fields of a camera (its place from `lng` and `lat`) and counts a version. */
export async function update(trx: Kysely<DB>, cameraId: number, fields: Partial<CameraSnapshot>): Promise<void> {
	await trx
		.updateTable('cameras')
		.set({
			...(columnsOf(fields) as object),
			version: sql`version + 1`,
			updated_at: sql`now()`
		})
		.where('id', '=', cameraId)
		.execute();
}

/** The camera's model in the catalogue, or null (none, or no such camera). */
export async function modelOf(db: Kysely<DB>, cameraId: number): Promise<number | null> {
	const row = await db.selectFrom('cameras').select('model_id').where('id', '=', cameraId).executeTakeFirst();
	return row?.model_id ?? null;
}

// Revisions: the whole public record before and after each change.

export interface NewRevision {
	cameraId: number;
	action: RevisionAction;
	actorId: number | null;
	submissionId: number | null;
	before: CameraSnapshot | null;
	after: CameraSnapshot;
}

export async function insertRevision(trx: Kysely<DB>, revision: NewRevision): Promise<void> {
	await trx
		.insertInto('camera_revisions')
		.values({
			camera_id: revision.cameraId,
			action: revision.action,
			actor_id: revision.actorId,
			submission_id: revision.submissionId,
			before: revision.before && JSON.stringify(revision.before),
			after: JSON.stringify(revision.after)
		})
		.execute();
}

/** A camera's revisions, newest first, with the moderator's name (for moderators only). */
export function listRevisions(db: Kysely<DB>, cameraId: number) {
	return db
		.selectFrom('camera_revisions')
		.leftJoin('users', 'users.id', 'camera_revisions.actor_id')
		.select([
			'camera_revisions.id',
			'camera_revisions.action',
			'camera_revisions.before',
			'camera_revisions.after',
			'camera_revisions.created_at',
			'users.username as actor'
		])
		.where('camera_revisions.camera_id', '=', cameraId)
		.orderBy('camera_revisions.id', 'desc')
		.execute();
}

/** One revision (only if it is one of `cameraId`'s, when given). */
export function readRevision(db: Kysely<DB>, revisionId: number, cameraId?: number) {
	return db
		.selectFrom('camera_revisions')
		.select(['camera_id', 'after'])
		.where('id', '=', revisionId)
		.$if(cameraId !== undefined, (qb) => qb.where('camera_id', '=', cameraId!))
		.executeTakeFirst();
}

// Sightings (`camera_confirmations`): who saw a camera, on which day, from which client key.

export interface Sighting {
	cameraId: number;
	contributor: string;
	day: string;
	clientKey: Uint8Array | null;
}

/** Records a sighting unless the contributor has one of the camera already; true when recorded. */
export async function addSighting(trx: Kysely<DB>, sighting: Sighting): Promise<boolean> {
	const inserted = await trx
		.insertInto('camera_confirmations')
		.values({
			camera_id: sighting.cameraId,
			contributor: sighting.contributor,
			seen_on: sighting.day,
			client_key: sighting.clientKey && Buffer.from(sighting.clientKey)
		})
		.onConflict((oc) => oc.columns(['camera_id', 'contributor']).doNothing())
		.returning('camera_id')
		.executeTakeFirst();
	return inserted !== undefined;
}

/** Whether another contributor's sighting of the camera came from `clientKey` on `day`. */
export async function seenFromClient(
	trx: Kysely<DB>,
	{ cameraId, contributor, day, clientKey }: Sighting & { clientKey: Uint8Array }
): Promise<boolean> {
	const row = await trx
		.selectFrom('camera_confirmations')
		.select('contributor')
		.where('camera_id', '=', cameraId)
		.where('seen_on', '=', day)
		.where('client_key', '=', Buffer.from(clientKey))
		.where('contributor', '<>', contributor)
		.executeTakeFirst();
	return row !== undefined;
}

/** Groups of a camera's sightings that share a client key on one day, with their size. */
export function sharedClientSightings(db: Kysely<DB>, cameraId: number) {
	return db
		.selectFrom('camera_confirmations')
		.select(['seen_on', (eb) => eb.fn.countAll<number | string>().as('count')])
		.where('camera_id', '=', cameraId)
		.where('client_key', 'is not', null)
		.groupBy(['seen_on', 'client_key'])
		.having((eb) => eb.fn.countAll(), '>', 1)
		.orderBy('seen_on')
		.execute();
}
