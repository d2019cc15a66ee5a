/**
 * Load dataset: 18,078 OpenStreetMap surveillance nodes from the western United States
 * (ODbL, © OpenStreetMap contributors). Marked `source = 'osm'`, `confidence = 'reported'`.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../src/lib/server/db/schema';
import { point } from '../src/lib/server/db/postgis';

const SEEDS_DIR = path.resolve(process.env.SEEDS_DIR ?? 'seeds');

interface OsmNode {
	id: number;
	lat: number;
	lon: number;
	type: string;
}

/** The dataset's derived `type` as OpenStreetMap surveillance tags. */
function tagsFor(type: string) {
	switch (type) {
		case 'alpr':
			return { surveillance_type: 'ALPR', surveillance_zone: 'traffic', capabilities: ['plate_reading'] };
		case 'traffic_camera':
		case 'speed_camera':
		case 'red_light_camera':
			return { surveillance_type: 'camera', surveillance_zone: 'traffic', capabilities: [] };
		case 'gunshot_detector':
			return { surveillance_type: 'gunshot_detector', surveillance_zone: null, capabilities: [] };
		default:
			return { surveillance_type: 'camera', surveillance_zone: null, capabilities: [] };
	}
}

export async function seedOsmUsWest(db: Kysely<DB>): Promise<number> {
	const file = path.join(SEEDS_DIR, 'data/osm-us-west-surveillance-nodes.json');
	const nodes: OsmNode[] = JSON.parse(await fs.readFile(file, 'utf8'));
	const batch = 1000;
	await db.transaction().execute(async (trx) => {
		for (let i = 0; i < nodes.length; i += batch) {
			const rows = nodes.slice(i, i + batch).map((node) => ({
				geom: point(node.lon, node.lat),
				...tagsFor(node.type),
				source: 'osm',
				source_ref: `node/${node.id}`,
				confidence: 'reported'
			}));
			await trx
				.insertInto('cameras')
				.values(rows)
				.onConflict((oc) => oc.columns(['source', 'source_ref']).where('source_ref', 'is not', null).doNothing())
				.execute();
		}
	});
	return nodes.length;
}
