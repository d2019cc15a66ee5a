/**
 * Writes static/basemap/land.geojson, the land layer of the built-in basemap, from Natural
 * Earth's 1:110m land polygons (public domain) in the `world-atlas` package. Run once when the
 * package changes: `node --import tsx scripts/make-basemap.ts`.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';

const require = createRequire(import.meta.url);
const topology = require('world-atlas/land-110m.json');
const land = feature(topology, topology.objects.land);

// Three decimals (~100 m) are plenty for a background layer and keep the file small.
const text = JSON.stringify(land, (_key, value) =>
	typeof value === 'number' ? Math.round(value * 1000) / 1000 : value
);
fs.writeFileSync('static/basemap/land.geojson', text);
console.log(`static/basemap/land.geojson: ${text.length} bytes`);
