/**
 * Reads OpenStreetMap surveillance objects (`man_made=surveillance`) from a file: PBF
 * (`.osm.pbf`), XML (`.osm`) or GeoJSON (`.geojson`, e.g. an Overpass export). Nodes come as they
 * are; ways come as the centroid of their nodes (a camera drawn as a small area).
 *
 * PBF is read here with the `pbf` decoder rather than by the `osmium` tool, so an import needs
 * nothing beyond `npm install` (the same promise as `npm start`). The format
 * (wiki.openstreetmap.org/wiki/PBF_Format): a sequence of [4-byte length][BlobHeader][Blob];
 * each OSMData blob is a zlib-compressed PrimitiveBlock of groups of nodes, dense nodes, ways and
 * relations, with a string table. The file is read one blob at a time, twice when surveillance
 * ways need their nodes' coordinates; only those coordinates are kept, so memory stays small
 * whatever the extract's size.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import { PbfReader } from 'pbf';

export interface OsmObject {
	type: 'node' | 'way';
	id: number;
	lon: number;
	lat: number;
	tags: Record<string, string>;
	/** The object's version in OpenStreetMap, when the file carries it. */
	version: number | null;
}

/** [minLon, minLat, maxLon, maxLat] */
export type Bbox = [number, number, number, number];

export class OsmReadError extends Error {}

const isSurveillance = (tags: Record<string, string>) => tags.man_made === 'surveillance';

function inside(bbox: Bbox | undefined, lon: number, lat: number) {
	return !bbox || (lon >= bbox[0] && lon <= bbox[2] && lat >= bbox[1] && lat <= bbox[3]);
}

// ---------------------------------------------------------------------------------------------
// PBF

interface Block {
	strings: string[];
	granularity: number;
	latOffset: number;
	lonOffset: number;
	groups: Uint8Array[];
}

function readBlock(bytes: Uint8Array): Block {
	const block: Block = { strings: [], granularity: 100, latOffset: 0, lonOffset: 0, groups: [] };
	const decoder = new TextDecoder();
	new PbfReader(bytes).readFields((tag, b, pbf) => {
		if (tag === 1)
			pbf.readMessage((t, _, p) => {
				if (t === 1) b.strings.push(decoder.decode(p.readBytes()));
			}, null);
		else if (tag === 2) b.groups.push(pbf.readBytes());
		else if (tag === 17) b.granularity = pbf.readVarint();
		else if (tag === 19) b.latOffset = pbf.readVarint(true);
		else if (tag === 20) b.lonOffset = pbf.readVarint(true);
	}, block);
	return block;
}

interface Visitor {
	/** Every node, with its tags (empty for most). */
	node?(id: number, lon: number, lat: number, tags: Record<string, string>, version: number | null): void;
	way?(id: number, refs: number[], tags: Record<string, string>, version: number | null): void;
	/** Only nodes are needed: dense nodes without tags are decoded cheaply. */
	wantsTags: boolean;
}

function tagsOf(strings: string[], keys: number[], values: number[]) {
	const tags: Record<string, string> = {};
	for (let i = 0; i < keys.length; i++) tags[strings[keys[i]]] = strings[values[i]];
	return tags;
}

function readInfoVersion(pbf: PbfReader): number | null {
	let version: number | null = null;
	pbf.readMessage((tag, _, p) => {
		if (tag === 1) version = p.readVarint();
	}, null);
	return version;
}

function visitGroup(block: Block, bytes: Uint8Array, visitor: Visitor) {
	const { strings, granularity, latOffset, lonOffset } = block;
	const coordinate = (offset: number, value: number) => 1e-9 * (offset + granularity * value);
	new PbfReader(bytes).readFields((tag, _, pbf) => {
		if (tag === 1 && visitor.node) {
			const node = {
				id: 0,
				keys: [] as number[],
				values: [] as number[],
				lat: 0,
				lon: 0,
				version: null as number | null
			};
			pbf.readMessage((t, n, p) => {
				if (t === 1) n.id = p.readSVarint();
				else if (t === 2) p.readPackedVarint(n.keys);
				else if (t === 3) p.readPackedVarint(n.values);
				else if (t === 4) n.version = readInfoVersion(p);
				else if (t === 8) n.lat = p.readSVarint();
				else if (t === 9) n.lon = p.readSVarint();
			}, node);
			visitor.node(
				node.id,
				coordinate(lonOffset, node.lon),
				coordinate(latOffset, node.lat),
				tagsOf(strings, node.keys, node.values),
				node.version
			);
		} else if (tag === 2 && visitor.node) {
			const dense = {
				ids: [] as number[],
				lats: [] as number[],
				lons: [] as number[],
				kv: [] as number[],
				versions: [] as number[]
			};
			pbf.readMessage((t, d, p) => {
				if (t === 1) p.readPackedSVarint(d.ids);
				else if (t === 5)
					p.readMessage((u, __, q) => {
						if (u === 1) q.readPackedVarint(d.versions);
					}, null);
				else if (t === 8) p.readPackedSVarint(d.lats);
				else if (t === 9) p.readPackedSVarint(d.lons);
				else if (t === 10 && visitor.wantsTags) p.readPackedVarint(d.kv);
			}, dense);
			let id = 0;
			let lat = 0;
			let lon = 0;
			let k = 0;
			for (let i = 0; i < dense.ids.length; i++) {
				id += dense.ids[i];
				lat += dense.lats[i];
				lon += dense.lons[i];
				const tags: Record<string, string> = {};
				// keys_vals: key, value, key, value, …, 0 after each node's tags.
				while (k < dense.kv.length && dense.kv[k] !== 0) {
					tags[strings[dense.kv[k]]] = strings[dense.kv[k + 1]];
					k += 2;
				}
				k++;
				visitor.node(id, coordinate(lonOffset, lon), coordinate(latOffset, lat), tags, dense.versions[i] ?? null);
			}
		} else if (tag === 3 && visitor.way) {
			const way = {
				id: 0,
				keys: [] as number[],
				values: [] as number[],
				refs: [] as number[],
				version: null as number | null
			};
			pbf.readMessage((t, w, p) => {
				if (t === 1) w.id = p.readVarint();
				else if (t === 2) p.readPackedVarint(w.keys);
				else if (t === 3) p.readPackedVarint(w.values);
				else if (t === 4) w.version = readInfoVersion(p);
				else if (t === 8) p.readPackedSVarint(w.refs);
			}, way);
			let ref = 0;
			const refs = way.refs.map((delta) => (ref += delta));
			visitor.way(way.id, refs, tagsOf(strings, way.keys, way.values), way.version);
		}
	}, null);
}

/** Calls `visit` with each data block of a PBF file, read one blob at a time. */
function eachBlock(file: string, visit: (block: Block) => void) {
	const fd = fs.openSync(file, 'r');
	try {
		const size = fs.fstatSync(fd).size;
		let position = 0;
		const read = (length: number) => {
			const buffer = Buffer.alloc(length);
			if (fs.readSync(fd, buffer, 0, length, position) !== length) throw new OsmReadError('the PBF file ends early');
			position += length;
			return buffer;
		};
		while (position < size) {
			const headerLength = read(4).readUInt32BE(0);
			if (headerLength > 64 * 1024) throw new OsmReadError('not an OpenStreetMap PBF file');
			const header = { type: '', size: 0 };
			new PbfReader(read(headerLength)).readFields((tag, h, pbf) => {
				if (tag === 1) h.type = pbf.readString();
				else if (tag === 3) h.size = pbf.readVarint();
			}, header);
			if (header.size > 64 * 1024 * 1024) throw new OsmReadError('not an OpenStreetMap PBF file');
			const blob = { raw: null as Uint8Array | null, zlib: null as Uint8Array | null, other: false };
			new PbfReader(read(header.size)).readFields((tag, b, pbf) => {
				if (tag === 1) b.raw = pbf.readBytes();
				else if (tag === 3) b.zlib = pbf.readBytes();
				else if (tag >= 4 && tag <= 7) b.other = true;
			}, blob);
			if (header.type !== 'OSMData') continue;
			if (blob.other && !blob.raw && !blob.zlib)
				throw new OsmReadError('the PBF file uses a compression other than zlib');
			const data = blob.raw ?? zlib.inflateSync(blob.zlib!);
			visit(readBlock(data));
		}
	} finally {
		fs.closeSync(fd);
	}
}

function readPbf(file: string, bbox?: Bbox): OsmObject[] {
	const found: OsmObject[] = [];
	const ways: { id: number; refs: number[]; tags: Record<string, string>; version: number | null }[] = [];
	const needed = new Set<number>();
	eachBlock(file, (block) => {
		for (const group of block.groups)
			visitGroup(block, group, {
				wantsTags: true,
				node(id, lon, lat, tags, version) {
					if (isSurveillance(tags)) found.push({ type: 'node', id, lon, lat, tags, version });
				},
				way(id, refs, tags, version) {
					if (!isSurveillance(tags)) return;
					ways.push({ id, refs, tags, version });
					for (const ref of refs) needed.add(ref);
				}
			});
	});
	if (ways.length > 0) {
		const coordinates = new Map<number, [number, number]>();
		eachBlock(file, (block) => {
			for (const group of block.groups)
				visitGroup(block, group, {
					wantsTags: false,
					node(id, lon, lat) {
						if (needed.has(id)) coordinates.set(id, [lon, lat]);
					}
				});
		});
		for (const way of ways) {
			const centre = centroid(way.refs.map((ref) => coordinates.get(ref)).filter((c) => c !== undefined));
			if (centre)
				found.push({ type: 'way', id: way.id, lon: centre[0], lat: centre[1], tags: way.tags, version: way.version });
		}
	}
	return found.filter((object) => inside(bbox, object.lon, object.lat));
}

/** The mean of a way's distinct nodes (a closed way repeats its first node). */
function centroid(points: [number, number][]): [number, number] | null {
	const distinct =
		points.length > 1 && points[0][0] === points.at(-1)![0] && points[0][1] === points.at(-1)![1]
			? points.slice(0, -1)
			: points;
	if (distinct.length === 0) return null;
	const lon = distinct.reduce((sum, p) => sum + p[0], 0) / distinct.length;
	const lat = distinct.reduce((sum, p) => sum + p[1], 0) / distinct.length;
	return [lon, lat];
}

// ---------------------------------------------------------------------------------------------
// XML

function unescapeXml(text: string) {
	return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (whole, entity: string) => {
		const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
		if (entity[0] !== '#') return named[entity.toLowerCase()] ?? whole;
		const code = entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : Number(entity.slice(1));
		return String.fromCodePoint(code);
	});
}

function attributes(text: string): Record<string, string> {
	const result: Record<string, string> = {};
	for (const match of text.matchAll(/([\w:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
		result[match[1]] = unescapeXml(match[2] ?? match[3]);
	return result;
}

function readXml(text: string, bbox?: Bbox): OsmObject[] {
	if (!/<osm[\s>]/.test(text)) throw new OsmReadError('not an OpenStreetMap XML file');
	const nodes = new Map<number, [number, number]>();
	const found: OsmObject[] = [];
	const ways: { id: number; refs: number[]; tags: Record<string, string>; version: number | null }[] = [];
	for (const match of text.matchAll(/<(node|way)\b([^>]*?)(?:\/>|>([\s\S]*?)<\/\1\s*>)/g)) {
		const [, kind, head, body = ''] = match;
		const attrs = attributes(head);
		const id = Number(attrs.id);
		const version = attrs.version === undefined ? null : Number(attrs.version);
		const tags: Record<string, string> = {};
		for (const tag of body.matchAll(/<tag\b([^>]*?)\/?>/g)) {
			const { k, v } = attributes(tag[1]);
			if (k !== undefined && v !== undefined) tags[k] = v;
		}
		if (kind === 'node') {
			const lon = Number(attrs.lon);
			const lat = Number(attrs.lat);
			if (!Number.isFinite(lon) || !Number.isFinite(lat)) continue;
			nodes.set(id, [lon, lat]);
			if (isSurveillance(tags)) found.push({ type: 'node', id, lon, lat, tags, version });
		} else if (isSurveillance(tags)) {
			const refs = [...body.matchAll(/<nd\b[^>]*?ref\s*=\s*["'](-?\d+)["']/g)].map((nd) => Number(nd[1]));
			ways.push({ id, refs, tags, version });
		}
	}
	for (const way of ways) {
		const centre = centroid(way.refs.map((ref) => nodes.get(ref)).filter((c) => c !== undefined));
		if (centre)
			found.push({ type: 'way', id: way.id, lon: centre[0], lat: centre[1], tags: way.tags, version: way.version });
	}
	return found.filter((object) => inside(bbox, object.lon, object.lat));
}

// ---------------------------------------------------------------------------------------------
// GeoJSON

function readGeoJson(text: string, bbox?: Bbox): OsmObject[] {
	let collection: { type?: string; features?: unknown[] };
	try {
		collection = JSON.parse(text);
	} catch {
		throw new OsmReadError('the file is not JSON');
	}
	if (collection?.type !== 'FeatureCollection' || !Array.isArray(collection.features))
		throw new OsmReadError('the file is not a GeoJSON FeatureCollection');
	const found: OsmObject[] = [];
	for (const raw of collection.features) {
		const feature = raw as {
			id?: unknown;
			properties?: Record<string, unknown> | null;
			geometry?: { type: string; coordinates: unknown } | null;
		};
		const properties = feature.properties ?? {};
		// Overpass turbo: id "node/123", properties "@id"; others: properties "@type" + numeric id.
		const ref = String(feature.id ?? properties['@id'] ?? properties.id ?? '');
		const match =
			/^(node|way)\/(\d{1,15})$/.exec(ref) ??
			(typeof properties['@type'] === 'string' && /^\d{1,15}$/.test(ref) ? [ref, properties['@type'], ref] : null);
		if (!match || (match[1] !== 'node' && match[1] !== 'way')) continue;
		const tags: Record<string, string> = {};
		for (const [key, value] of Object.entries(properties))
			if (!key.startsWith('@') && key !== 'id' && (typeof value === 'string' || typeof value === 'number'))
				tags[key] = String(value);
		if (!isSurveillance(tags) || !feature.geometry) continue;
		const points: [number, number][] = [];
		const collect = (value: unknown) => {
			if (Array.isArray(value) && typeof value[0] === 'number') points.push([Number(value[0]), Number(value[1])]);
			else if (Array.isArray(value)) value.forEach(collect);
		};
		collect(feature.geometry.coordinates);
		const centre = feature.geometry.type === 'Point' ? points[0] : centroid(points);
		if (!centre || !Number.isFinite(centre[0]) || !Number.isFinite(centre[1])) continue;
		const version = Number(properties['@version']);
		found.push({
			type: match[1] as 'node' | 'way',
			id: Number(match[2]),
			lon: centre[0],
			lat: centre[1],
			tags,
			version: Number.isInteger(version) ? version : null
		});
	}
	return found.filter((object) => inside(bbox, object.lon, object.lat));
}

/** The surveillance objects of a file, by its name's ending: .osm.pbf / .pbf, .osm, .geojson / .json. */
export function readSurveillance(file: string, bbox?: Bbox): OsmObject[] {
	const round = (object: OsmObject): OsmObject => ({
		...object,
		lon: Math.round(object.lon * 1e7) / 1e7,
		lat: Math.round(object.lat * 1e7) / 1e7
	});
	if (/\.pbf$/i.test(file)) return readPbf(file, bbox).map(round);
	if (/\.osm$/i.test(file)) return readXml(fs.readFileSync(file, 'utf8'), bbox).map(round);
	if (/\.(geo)?json$/i.test(file)) return readGeoJson(fs.readFileSync(file, 'utf8'), bbox).map(round);
	throw new OsmReadError('the file must end in .osm.pbf, .osm or .geojson');
}
