/**
 * The JavaScript MVT encoder (the embedded database's PostGIS has no protobuf, so no ST_AsMVT):
 * features already in tile coordinates → Mapbox Vector Tile 2.1 bytes, serialised by
 * @maplibre/vt-pbf. It refuses what the specification forbids instead of writing a broken tile:
 * duplicate or empty layer names, coordinate steps vt-pbf cannot write, zero-length LineTo steps, rings that
 * are too short, property values MVT cannot hold.
 */
import { fromVectorTileJs, type VectorTileFeatureLike, type VectorTileLayerLike } from '@maplibre/vt-pbf';
import { EXTENT } from './tile';

export type GeomType = 0 | 1 | 2 | 3;
export type PropertyValue = string | number | boolean;

export interface EncodableFeature {
	id?: number;
	/** 0 unknown, 1 point, 2 line, 3 polygon (MVT GeomType). */
	type: GeomType;
	/** Points: one array of points; lines: one array per line; polygons: rings (exterior first). */
	geometry: [number, number][][];
	properties: Record<string, PropertyValue | null | undefined>;
}

export interface EncodableLayer {
	name: string;
	/** MVT version; 2 unless given. */
	version?: number;
	extent?: number;
	features: EncodableFeature[];
}

export class TileEncodeError extends Error {}

/** vt-pbf zigzag-encodes with 32-bit shifts: steps must stay within ±(2^30 - 1). */
const STEP_MAX = 2 ** 30 - 1;

function checkFeature(feature: EncodableFeature, where: string): void {
	if (![0, 1, 2, 3].includes(feature.type))
		throw new TileEncodeError(`${where}: unknown geometry type ${feature.type}`);
	if (feature.id !== undefined && !(Number.isSafeInteger(feature.id) && feature.id >= 0)) {
		throw new TileEncodeError(`${where}: a feature id must be a non-negative integer`);
	}
	if (feature.geometry.length === 0) throw new TileEncodeError(`${where}: no geometry`);
	// Coordinates are written as differences from the previous point (across parts), each an int32.
	let cursorX = 0;
	let cursorY = 0;
	for (const part of feature.geometry) {
		if (part.length === 0) throw new TileEncodeError(`${where}: empty geometry part`);
		const written = feature.type === 3 && closed(part) ? part.slice(0, -1) : part;
		for (const [x, y] of written) {
			const dx = x - cursorX;
			const dy = y - cursorY;
			if (!Number.isInteger(dx) || !Number.isInteger(dy) || [dx, dy].some((d) => Math.abs(d) > STEP_MAX)) {
				throw new TileEncodeError(`${where}: coordinates must be integers less than 2^30 apart`);
			}
			cursorX = x;
			cursorY = y;
		}
		if (feature.type === 2 || feature.type === 3) {
			if (written.length < (feature.type === 2 ? 2 : 3)) throw new TileEncodeError(`${where}: too few points`);
			for (let i = 1; i < written.length; i++) {
				if (written[i][0] === written[i - 1][0] && written[i][1] === written[i - 1][1]) {
					throw new TileEncodeError(`${where}: repeated point (a LineTo must move)`);
				}
			}
		}
	}
	for (const [key, value] of Object.entries(feature.properties)) {
		if (value === null || value === undefined) continue;
		if (typeof value === 'number' && !Number.isFinite(value))
			throw new TileEncodeError(`${where}: ${key} is not finite`);
		if (!['string', 'number', 'boolean'].includes(typeof value))
			throw new TileEncodeError(`${where}: ${key} has no MVT type`);
	}
}

function closed(ring: [number, number][]): boolean {
	const first = ring[0];
	const last = ring[ring.length - 1];
	return ring.length > 1 && first[0] === last[0] && first[1] === last[1];
}

class Feature implements VectorTileFeatureLike {
	constructor(
		private readonly source: EncodableFeature,
		readonly extent: number
	) {}
	get type() {
		return this.source.type;
	}
	get id() {
		return this.source.id;
	}
	get properties() {
		const properties: Record<string, PropertyValue> = {};
		for (const [key, value] of Object.entries(this.source.properties)) {
			if (value !== null && value !== undefined) properties[key] = value;
		}
		return properties;
	}
	/** vt-pbf reads only `x` and `y` of each point. */
	loadGeometry() {
		const parts = this.source.geometry.map((part) => part.map(([x, y]) => ({ x, y })));
		return parts as unknown as ReturnType<VectorTileFeatureLike['loadGeometry']>;
	}
}

class Layer implements VectorTileLayerLike {
	constructor(private readonly source: EncodableLayer) {}
	get version() {
		return this.source.version ?? 2;
	}
	get name() {
		return this.source.name;
	}
	get extent() {
		return this.source.extent ?? EXTENT;
	}
	get length() {
		return this.source.features.length;
	}
	feature(i: number) {
		return new Feature(this.source.features[i], this.extent);
	}
}

/**
 * Encodes layers into one tile. Like ST_AsMVT, a tile whose layers have no features at all is
 * empty (zero bytes); a layer without features is otherwise kept.
 */
export function encodeTile(layers: EncodableLayer[]): Uint8Array {
	const names = new Set<string>();
	for (const layer of layers) {
		if (!layer.name) throw new TileEncodeError('a layer needs a name');
		if (names.has(layer.name)) throw new TileEncodeError(`two layers named ${layer.name}`);
		names.add(layer.name);
		layer.features.forEach((feature, i) => checkFeature(feature, `${layer.name}[${i}]`));
	}
	if (layers.every((layer) => layer.features.length === 0)) return new Uint8Array(0);
	return fromVectorTileJs({ layers: Object.fromEntries(layers.map((layer) => [layer.name, new Layer(layer)])) });
}

type Position = [number, number];
export type TileGeoJSON =
	| { type: 'Point'; coordinates: Position }
	| { type: 'MultiPoint'; coordinates: Position[] }
	| { type: 'LineString'; coordinates: Position[] }
	| { type: 'MultiLineString'; coordinates: Position[][] }
	| { type: 'Polygon'; coordinates: Position[][] }
	| { type: 'MultiPolygon'; coordinates: Position[][][] };

/** A GeoJSON geometry in tile coordinates (as ST_AsGeoJSON gives it) as MVT geometry. */
export function fromGeoJSON(geometry: TileGeoJSON): { type: GeomType; geometry: Position[][] } {
	switch (geometry.type) {
		case 'Point':
			return { type: 1, geometry: [[geometry.coordinates]] };
		case 'MultiPoint':
			return { type: 1, geometry: [geometry.coordinates] };
		case 'LineString':
			return { type: 2, geometry: withoutRepeats([geometry.coordinates], 2) };
		case 'MultiLineString':
			return { type: 2, geometry: withoutRepeats(geometry.coordinates, 2) };
		case 'Polygon':
			return { type: 3, geometry: withoutRepeats(geometry.coordinates, 4) };
		case 'MultiPolygon':
			return { type: 3, geometry: withoutRepeats(geometry.coordinates.flat(), 4) };
	}
}

/**
 * Parts without consecutive repeated points, and without the parts that then have fewer than
 * `least` points. Rounding to whole tile units makes neighbouring vertices of a detailed outline
 * (a municipality's boundary at low zoom) coincide; a LineTo must move, and ST_AsMVTGeom drops
 * such points too, so both encoders give the same tile.
 */
function withoutRepeats(parts: Position[][], least: number): Position[][] {
	return parts
		.map((part) => part.filter((point, i) => i === 0 || point[0] !== part[i - 1][0] || point[1] !== part[i - 1][1]))
		.filter((part) => part.length >= least);
}
