/**
 * npm run basemap -- --from city.osm.pbf [--bbox W,S,E,N] [--out basemap/city.pmtiles]
 * npm run basemap -- --from https://…/planet.pmtiles --bbox W,S,E,N [--maxzoom 14] [--out …]
 *
 * Makes the street basemap for another city (src/lib/server/basemap/build.ts); point
 * BASEMAP_PMTILES at the result and restart the app.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildFromOsm, cutArchive, parseBbox } from '../src/lib/server/basemap/build';

const { values } = parseArgs({
	options: {
		from: { type: 'string' },
		bbox: { type: 'string' },
		out: { type: 'string' },
		maxzoom: { type: 'string' }
	}
});

async function main() {
	if (!values.from) throw new Error('--from is required: an .osm.pbf extract, or a PMTiles file or https address');
	const bbox = values.bbox ? parseBbox(values.bbox) : undefined;
	const base = path.basename(values.from).replace(/\.(osm\.pbf|pbf|pmtiles)$/, '');
	const out = path.resolve(values.out ?? `basemap/${base}.pmtiles`);
	const started = Date.now();
	let result;
	if (/\.pbf$/.test(values.from)) {
		result = buildFromOsm(values.from, out, bbox, (line) => console.log(line));
	} else {
		if (!bbox) throw new Error('--bbox is required when cutting from a PMTiles archive');
		const maxzoom = values.maxzoom === undefined ? undefined : Number(values.maxzoom);
		result = await cutArchive(values.from, bbox, out, maxzoom);
	}
	console.log(
		`${result.out}: ${result.tiles} tiles, ${(result.bytes / 1e6).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s`
	);
	console.log(`Use it: BASEMAP_PMTILES=${path.relative(process.cwd(), result.out)} npm start`);
}

main().catch((error) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
