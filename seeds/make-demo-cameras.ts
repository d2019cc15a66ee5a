/**
 * Places the generated demo cameras where such cameras stand: at junctions of Belgrade's main
 * roads and along them, denser towards the centre, with every municipality getting a few.
 *
 * Run once at development time; its output, `seeds/data/belgrade-demo-cameras.json`, is what the
 * seed reads, so starting the app never needs the basemap:
 *
 *   npx tsx seeds/make-demo-cameras.ts [path/to/belgrade.pmtiles]
 *
 * It reads the roads (OpenMapTiles layer `transportation`, classes motorway to tertiary) from the
 * Belgrade street basemap: zoom 14 where the archive has it (greater Belgrade), zoom 12 elsewhere.
 * A junction is a vertex where three or more road ends meet (OSM ways share their junction
 * nodes, so the tiles do too); road points are taken every 150 m. Each municipality gets a
 * number of cameras in proportion to its candidates' weight (at least 6), and draws them by
 * weight without replacement, never within 40 m of another: a candidate weighs
 * exp(-distance from Terazije / 3 km), three times as much at a junction. The sequence is seeded,
 * so the file is the same on every run.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { PMTiles, type RangeResponse, type Source } from 'pmtiles';

const ARCHIVE = process.argv[2] ?? '../shared/data/basemap-belgrade/belgrade.pmtiles';
const OUT = path.resolve('seeds/data/belgrade-demo-cameras.json');
const TOTAL = 520;
const CENTRE = { lng: 20.4604, lat: 44.8153 }; // Terazije
const MAJOR = new Set(['motorway', 'trunk', 'primary', 'secondary', 'tertiary']);
const SPACING_M = 150;
const MIN_GAP_M = 40;

class FileSource implements Source {
	constructor(private readonly bytes: Buffer) {}
	getKey() {
		return ARCHIVE;
	}
	async getBytes(offset: number, length: number): Promise<RangeResponse> {
		const slice = this.bytes.subarray(offset, offset + length);
		return { data: slice.buffer.slice(slice.byteOffset, slice.byteOffset + slice.byteLength) as ArrayBuffer };
	}
}

type Ring = [number, number][];
const readGeoJSON = (file: string) => JSON.parse(fs.readFileSync(path.resolve('seeds/data', file), 'utf8'));

function inRing(ring: Ring, lng: number, lat: number): boolean {
	let inside = false;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		const [xi, yi] = ring[i];
		const [xj, yj] = ring[j];
		if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
	}
	return inside;
}

/** Outer rings of a Polygon or MultiPolygon (the shared files have no holes). */
function rings(geometry: { type: string; coordinates: unknown }): Ring[] {
	return geometry.type === 'Polygon'
		? [(geometry.coordinates as Ring[])[0]]
		: (geometry.coordinates as Ring[][]).map((polygon) => polygon[0]);
}

function metres(a: { lng: number; lat: number }, b: { lng: number; lat: number }) {
	const rad = Math.PI / 180;
	const x = (b.lng - a.lng) * rad * Math.cos(((a.lat + b.lat) / 2) * rad);
	return Math.hypot(x, (b.lat - a.lat) * rad) * 6_371_000;
}

function bearing(a: { lng: number; lat: number }, b: { lng: number; lat: number }) {
	const rad = Math.PI / 180;
	const x = (b.lng - a.lng) * Math.cos(a.lat * rad);
	return (Math.round((Math.atan2(x, b.lat - a.lat) / rad + 360) / 5) * 5) % 360;
}

function random(seed: number) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

interface Candidate {
	lng: number;
	lat: number;
	junction: boolean;
	/** Direction of the road there, degrees from north. */
	road: number;
	weight: number;
}

const tileOf = (z: number, lng: number, lat: number) => {
	const n = 2 ** z;
	const rad = (lat * Math.PI) / 180;
	return {
		x: Math.floor(((lng + 180) / 360) * n),
		y: Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n)
	};
};

async function roadCandidates(archive: PMTiles, bbox: number[], z14: number[]): Promise<Candidate[]> {
	const candidates: Candidate[] = [];
	for (const z of [12, 14]) {
		const box = z === 14 ? z14 : bbox;
		const min = tileOf(z, box[0], box[3]);
		const max = tileOf(z, box[2], box[1]);
		for (let x = min.x; x <= max.x; x++)
			for (let y = min.y; y <= max.y; y++) {
				const tile = await archive.getZxy(z, x, y);
				if (!tile) continue;
				let bytes = Buffer.from(tile.data);
				if (bytes[0] === 0x1f) bytes = zlib.gunzipSync(bytes);
				const layer = new VectorTile(new PbfReader(bytes)).layers.transportation;
				if (!layer) continue;
				const extent = layer.extent;
				const toLngLat = (px: number, py: number) => {
					const n = 2 ** z;
					const lng = ((x + px / extent) / n) * 360 - 180;
					const lat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * (y + py / extent)) / n))) * 180) / Math.PI;
					return { lng, lat };
				};
				/** Where zoom 14 exists, the zoom 12 tiles leave it to them. */
				const inside = (p: { lng: number; lat: number }) =>
					z === 14 || !(p.lng >= z14[0] && p.lng <= z14[2] && p.lat >= z14[1] && p.lat <= z14[3]);
				const degree = new Map<string, { n: number; lng: number; lat: number; road: number }>();
				for (let i = 0; i < layer.length; i++) {
					const feature = layer.feature(i);
					if (feature.type !== 2 || !MAJOR.has(String(feature.properties.class))) continue;
					if (feature.properties.brunnel === 'tunnel') continue;
					for (const line of feature.loadGeometry()) {
						let carried = 0;
						for (let k = 0; k < line.length; k++) {
							const { x: px, y: py } = line[k];
							const within = px >= 0 && py >= 0 && px < extent && py < extent;
							const here = toLngLat(px, py);
							if (within) {
								const key = `${px},${py}`;
								const ends = k === 0 || k === line.length - 1 ? 1 : 2;
								const next = line[k + 1] ?? line[k - 1];
								const entry = degree.get(key) ?? {
									n: 0,
									...here,
									road: bearing(here, toLngLat(next.x, next.y))
								};
								entry.n += ends;
								degree.set(key, entry);
							}
							if (k === 0) continue;
							const before = toLngLat(line[k - 1].x, line[k - 1].y);
							const length = metres(before, here);
							// Points every SPACING_M along the line, carried across vertices.
							for (let at = SPACING_M - carried; at < length; at += SPACING_M) {
								const f = at / length;
								const p = {
									lng: before.lng + (here.lng - before.lng) * f,
									lat: before.lat + (here.lat - before.lat) * f
								};
								const pt = { x: line[k - 1].x + (px - line[k - 1].x) * f, y: line[k - 1].y + (py - line[k - 1].y) * f };
								if (pt.x >= 0 && pt.y >= 0 && pt.x < extent && pt.y < extent && inside(p))
									candidates.push({ ...p, junction: false, road: bearing(before, here), weight: 0 });
							}
							carried = (carried + length) % SPACING_M;
						}
					}
				}
				for (const entry of degree.values())
					if (entry.n >= 3 && inside(entry))
						candidates.push({ lng: entry.lng, lat: entry.lat, junction: true, road: entry.road, weight: 0 });
			}
	}
	return candidates;
}

const archive = new PMTiles(new FileSource(fs.readFileSync(ARCHIVE)));
const header = await archive.getHeader();
const bbox = [header.minLon, header.minLat, header.maxLon, header.maxLat];
// The archive's zoom 13-14 box (SOURCE.txt of the basemap).
const z14 = [20.2, 44.65, 20.65, 44.95];
const outline = rings(readGeoJSON('belgrade-boundary.geojson').features[0].geometry);
const municipalities = readGeoJSON('belgrade-municipalities.geojson').features.map(
	(f: { properties: { slug: string }; geometry: { type: string; coordinates: unknown } }) => ({
		slug: f.properties.slug,
		rings: rings(f.geometry)
	})
);

const bySlug = new Map<string, Candidate[]>();
for (const candidate of await roadCandidates(archive, bbox, z14)) {
	if (!outline.some((ring) => inRing(ring, candidate.lng, candidate.lat))) continue;
	const home = municipalities.find((m: { rings: Ring[] }) =>
		m.rings.some((ring) => inRing(ring, candidate.lng, candidate.lat))
	);
	if (!home) continue;
	candidate.weight = Math.exp(-metres(CENTRE, candidate) / 3000) * (candidate.junction ? 3 : 1) + 0.002;
	bySlug.set(home.slug, [...(bySlug.get(home.slug) ?? []), candidate]);
}

const next = random(2022);
const total = [...bySlug.values()].flat().reduce((sum, c) => sum + c.weight, 0);
const chosen: (Candidate & { area: string })[] = [];
for (const { slug } of municipalities) {
	const pool = bySlug.get(slug) ?? [];
	const weight = pool.reduce((sum, c) => sum + c.weight, 0);
	const quota = Math.min(pool.length, Math.max(6, Math.round((TOTAL * weight) / total)));
	let taken = 0;
	while (taken < quota && pool.length > 0) {
		let roll = next() * pool.reduce((sum, c) => sum + c.weight, 0);
		let index = pool.findIndex((c) => (roll -= c.weight) < 0);
		if (index < 0) index = pool.length - 1;
		const [candidate] = pool.splice(index, 1);
		if (chosen.some((c) => metres(c, candidate) < MIN_GAP_M)) continue;
		chosen.push({ ...candidate, area: slug });
		taken++;
	}
}

const round = (value: number) => Number(value.toFixed(6));
fs.writeFileSync(
	OUT,
	JSON.stringify(
		{
			about:
				'Positions for the generated demo cameras: junctions and points along the main roads of the Belgrade basemap (OpenStreetMap data of 2021, © OpenStreetMap contributors, ODbL 1.0). Generated by seeds/make-demo-cameras.ts; not observations of real cameras.',
			fields: ['lng', 'lat', 'junction', 'road direction (degrees)', 'municipality'],
			cameras: chosen.map((c) => [round(c.lng), round(c.lat), c.junction ? 1 : 0, c.road, c.area])
		},
		null,
		0
	).replace(/\],\[/g, '],\n[') + '\n'
);
const counts = Object.fromEntries(
	municipalities.map(({ slug }: { slug: string }) => [slug, chosen.filter((c) => c.area === slug).length])
);
console.log(`${chosen.length} cameras (${chosen.filter((c) => c.junction).length} at junctions) → ${OUT}`, counts);
