/**
 * A strict Mapbox Vector Tile 2.1 reader: decodes a tile into the shape `encodeTile` takes, and
 * throws `InvalidTileError` on anything the specification forbids (wrong wire types, unknown or
 * repeated fields, missing names, versions, types or geometry, tag indexes out of range, odd tag
 * lists, malformed geometry commands, zero-length LineTo steps, bad polygon rings, duplicate
 * layer names). Reference decoders are lenient on purpose; this one is for checking tiles: the
 * tests run @mapbox/mvt-fixtures through it and every tile we serve must pass it.
 *
 * `decodeTile` is the same reader shaped for comparing two tiles with `toEqual`: layers by name,
 * features in a fixed order, each point of a multipoint as its own part (as
 * @mapbox/vector-tile's `loadGeometry` gives them).
 */
import type { EncodableFeature, EncodableLayer, GeomType, PropertyValue } from '../../src/lib/server/tiles/encode';

export class InvalidTileError extends Error {}

const fail = (message: string): never => {
	throw new InvalidTileError(message);
};

/** Wire types: 0 varint, 1 fixed64, 2 length-delimited, 5 fixed32. */
class Reader {
	pos: number;
	constructor(
		readonly buf: Uint8Array,
		start = 0,
		readonly end = buf.length
	) {
		this.pos = start;
	}

	get done() {
		return this.pos >= this.end;
	}

	/** An unsigned varint of up to 64 bits, as a JS number (exact up to 2^53). */
	varint(): number {
		let result = 0;
		let scale = 1;
		for (let i = 0; i < 10; i++) {
			if (this.pos >= this.end) fail('truncated varint');
			const byte = this.buf[this.pos++];
			result += (byte & 0x7f) * scale;
			if (byte < 0x80) return result;
			scale *= 128;
		}
		return fail('varint longer than 10 bytes');
	}

	/** A varint of up to 64 bits, exactly. */
	bigVarint(): bigint {
		let result = 0n;
		let shift = 0n;
		for (let i = 0; i < 10; i++) {
			if (this.pos >= this.end) fail('truncated varint');
			const byte = this.buf[this.pos++];
			result |= BigInt(byte & 0x7f) << shift;
			if (byte < 0x80) return BigInt.asUintN(64, result);
			shift += 7n;
		}
		return fail('varint longer than 10 bytes');
	}

	/** Key of the next field: [field number, wire type]. */
	key(): [number, number] {
		const key = this.varint();
		const field = Math.floor(key / 8);
		if (field === 0) fail('field number 0');
		return [field, key % 8];
	}

	bytes(): Reader {
		const length = this.varint();
		if (this.pos + length > this.end) fail('length past the end of the message');
		const sub = new Reader(this.buf, this.pos, this.pos + length);
		this.pos += length;
		return sub;
	}

	string(): string {
		const sub = this.bytes();
		try {
			return new TextDecoder('utf-8', { fatal: true }).decode(sub.buf.subarray(sub.pos, sub.end));
		} catch {
			return fail('string is not UTF-8');
		}
	}

	skip(wire: number): void {
		if (wire === 0) this.varint();
		else if (wire === 1) this.advance(8);
		else if (wire === 2) this.bytes();
		else if (wire === 5) this.advance(4);
		else fail(`unsupported wire type ${wire}`);
	}

	private advance(n: number) {
		if (this.pos + n > this.end) fail('truncated field');
		this.pos += n;
	}

	/** A packed list of varints. */
	packed(): number[] {
		const sub = this.bytes();
		const values: number[] = [];
		while (!sub.done) values.push(sub.varint());
		return values;
	}
}

function expectWire(field: string, wire: number, expected: number) {
	if (wire !== expected) fail(`${field}: wire type ${wire}, expected ${expected}`);
}

const zigzag = (n: number) => (n % 2 === 0 ? n / 2 : -(n + 1) / 2);

function readValue(reader: Reader): PropertyValue {
	let value: PropertyValue | undefined;
	let count = 0;
	while (!reader.done) {
		const [field, wire] = reader.key();
		count++;
		switch (field) {
			case 1:
				expectWire('string_value', wire, 2);
				value = reader.string();
				break;
			case 2: {
				expectWire('float_value', wire, 5);
				if (reader.pos + 4 > reader.end) fail('value: truncated float');
				const view = new DataView(reader.buf.buffer, reader.buf.byteOffset + reader.pos, 4);
				value = view.getFloat32(0, true);
				reader.pos += 4;
				break;
			}
			case 3: {
				expectWire('double_value', wire, 1);
				if (reader.pos + 8 > reader.end) fail('value: truncated double');
				const view = new DataView(reader.buf.buffer, reader.buf.byteOffset + reader.pos, 8);
				value = view.getFloat64(0, true);
				reader.pos += 8;
				break;
			}
			case 4: {
				expectWire('int_value', wire, 0);
				value = Number(BigInt.asIntN(64, reader.bigVarint()));
				break;
			}
			case 5:
				expectWire('uint_value', wire, 0);
				value = Number(reader.bigVarint());
				break;
			case 6: {
				expectWire('sint_value', wire, 0);
				const raw = reader.bigVarint();
				value = Number((raw >> 1n) ^ -(raw & 1n));
				break;
			}
			case 7:
				expectWire('bool_value', wire, 0);
				value = reader.varint() !== 0;
				break;
			default:
				fail(`value: unknown field ${field}`);
		}
	}
	if (count !== 1 || value === undefined) fail('a value must hold exactly one of the value types');
	return value!;
}

const MOVE_TO = 1;
const LINE_TO = 2;
const CLOSE_PATH = 7;

/** Decodes and checks a geometry command stream for its type (MVT 2.1 §4.3). */
function readGeometry(commands: number[], type: GeomType): [number, number][][] {
	const parts: [number, number][][] = [];
	let x = 0;
	let y = 0;
	let i = 0;
	const param = () => (i < commands.length ? zigzag(commands[i++]) : fail('geometry: missing parameters'));
	const next = () => {
		const command = commands[i++];
		return { id: command & 0x7, count: Math.floor(command / 8) };
	};
	if (commands.length === 0) fail('geometry: empty');
	if (type === 1) {
		const points: [number, number][] = [];
		while (i < commands.length) {
			const { id, count } = next();
			if (id !== MOVE_TO || count === 0) fail('point geometry: only MoveTo with a count is allowed');
			if (commands.length - i < 2 * count) fail('point geometry: fewer parameters than the command count');
			for (let k = 0; k < count; k++) points.push([(x += param()), (y += param())]);
		}
		return [points];
	}
	while (i < commands.length) {
		const move = next();
		if (move.id !== MOVE_TO || move.count !== 1) fail('geometry: each part must start with MoveTo(1)');
		const part: [number, number][] = [[(x += param()), (y += param())]];
		if (type === 0) {
			// UNKNOWN: structure is not defined; keep the points as given.
			while (i < commands.length && (commands[i] & 0x7) !== MOVE_TO) {
				const { id, count } = next();
				if (id === CLOSE_PATH) continue;
				if (commands.length - i < 2 * count) fail('geometry: fewer parameters than the command count');
				for (let k = 0; k < count; k++) part.push([(x += param()), (y += param())]);
			}
			parts.push(part);
			continue;
		}
		if (i >= commands.length) fail('geometry: MoveTo without LineTo');
		const line = next();
		if (line.id !== LINE_TO || line.count === 0) fail('geometry: MoveTo must be followed by LineTo');
		if (commands.length - i < 2 * line.count) fail('geometry: fewer parameters than the command count');
		for (let k = 0; k < line.count; k++) {
			const dx = param();
			const dy = param();
			if (dx === 0 && dy === 0) fail('geometry: a LineTo must move');
			part.push([(x += dx), (y += dy)]);
		}
		if (type === 3) {
			if (part.length < 3) fail('polygon: a ring needs at least three points');
			if (i >= commands.length) fail('polygon: ring without ClosePath');
			const close = next();
			if (close.id !== CLOSE_PATH || close.count !== 1) fail('polygon: a ring ends with ClosePath(1)');
			part.push(part[0]);
		}
		parts.push(part);
	}
	if (type === 3) {
		const areas = parts.map(ringArea);
		if (areas.some((area) => area === 0)) fail('polygon: ring without area');
		if (areas[0] < 0) fail('polygon: the first ring must be exterior (positive area)');
	} else if (type === 2 && parts.some((part) => part.length < 2)) {
		fail('linestring: needs two points');
	}
	return parts;
}

/** Surveyor's formula in tile coordinates: exterior rings are positive (MVT 2.1 §4.3.4.4). */
function ringArea(ring: [number, number][]): number {
	let sum = 0;
	for (let i = 0; i < ring.length - 1; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
	return sum / 2;
}

function readFeature(reader: Reader, keys: string[], values: PropertyValue[]): EncodableFeature {
	let id: number | undefined;
	let tags: number[] | undefined;
	let type: number | undefined;
	let geometry: number[] | undefined;
	while (!reader.done) {
		const [field, wire] = reader.key();
		const once = (seen: unknown, name: string) => seen !== undefined && fail(`feature: ${name} given twice`);
		switch (field) {
			case 1:
				expectWire('id', wire, 0);
				once(id, 'id');
				id = reader.varint();
				break;
			case 2:
				expectWire('tags', wire, 2);
				once(tags, 'tags');
				tags = reader.packed();
				break;
			case 3:
				expectWire('type', wire, 0);
				once(type, 'type');
				type = reader.varint();
				break;
			case 4:
				expectWire('geometry', wire, 2);
				once(geometry, 'geometry');
				geometry = reader.packed();
				break;
			default:
				fail(`feature: unknown field ${field}`);
		}
	}
	if (type === undefined) fail('feature: no geometry type');
	if (![0, 1, 2, 3].includes(type!)) fail(`feature: unknown geometry type ${type}`);
	if (geometry === undefined) fail('feature: no geometry');
	const tagList = tags ?? [];
	if (tagList.length % 2 !== 0) fail('feature: tags must come in pairs');
	const properties: Record<string, PropertyValue> = {};
	for (let i = 0; i < tagList.length; i += 2) {
		const key = keys[tagList[i]];
		const value = values[tagList[i + 1]];
		if (key === undefined) fail('feature: tag names a key that does not exist');
		if (value === undefined) fail('feature: tag names a value that does not exist');
		properties[key] = value;
	}
	return { id, type: type as GeomType, geometry: readGeometry(geometry!, type as GeomType), properties };
}

function readLayer(reader: Reader): EncodableLayer {
	let version: number | undefined;
	let name: string | undefined;
	let extent: number | undefined;
	const featureReaders: Reader[] = [];
	const keys: string[] = [];
	const values: PropertyValue[] = [];
	while (!reader.done) {
		const [field, wire] = reader.key();
		switch (field) {
			case 15:
				expectWire('version', wire, 0);
				if (version !== undefined) fail('layer: version given twice');
				version = reader.varint();
				break;
			case 1:
				expectWire('name', wire, 2);
				if (name !== undefined) fail('layer: name given twice');
				name = reader.string();
				break;
			case 2:
				expectWire('feature', wire, 2);
				featureReaders.push(reader.bytes());
				break;
			case 3:
				expectWire('key', wire, 2);
				keys.push(reader.string());
				break;
			case 4:
				expectWire('value', wire, 2);
				values.push(readValue(reader.bytes()));
				break;
			case 5:
				expectWire('extent', wire, 0);
				if (extent !== undefined) fail('layer: extent given twice');
				extent = reader.varint();
				break;
			default:
				if (field < 16) fail(`layer: unknown field ${field}`);
				reader.skip(wire);
		}
	}
	if (version === undefined) fail('layer: no version');
	if (version !== 1 && version !== 2) fail(`layer: unknown version ${version}`);
	if (!name) fail('layer: no name');
	if (extent === 0) fail('layer: extent 0');
	const features = featureReaders.map((feature) => readFeature(feature, keys, values));
	return { version: version!, name: name!, extent: extent ?? 4096, features };
}

/** Decodes a whole tile; throws InvalidTileError on the first violation found. */
export function readTile(buffer: Uint8Array): EncodableLayer[] {
	const reader = new Reader(buffer);
	const layers: EncodableLayer[] = [];
	const names = new Set<string>();
	while (!reader.done) {
		const [field, wire] = reader.key();
		if (field === 3) {
			expectWire('layer', wire, 2);
			const layer = readLayer(reader.bytes());
			if (names.has(layer.name)) fail(`two layers named ${layer.name}`);
			names.add(layer.name);
			layers.push(layer);
		} else if (field >= 16 && field <= 8191) {
			reader.skip(wire);
		} else {
			fail(`tile: unknown field ${field}`);
		}
	}
	return layers;
}

export interface DecodedFeature {
	id: number | undefined;
	type: GeomType;
	properties: Record<string, PropertyValue>;
	geometry: [number, number][][];
}

export interface DecodedLayer {
	version: number;
	extent: number;
	features: DecodedFeature[];
}

/** A valid tile (else InvalidTileError) as layers by name, features sorted by id then geometry. */
export function decodeTile(buffer: Uint8Array): Record<string, DecodedLayer> {
	return Object.fromEntries(
		readTile(buffer).map((layer) => {
			const features = layer.features.map((feature) => ({
				id: feature.id,
				type: feature.type,
				properties: feature.properties as Record<string, PropertyValue>,
				geometry: feature.type === 1 ? feature.geometry[0].map((point) => [point]) : feature.geometry
			}));
			features.sort(
				(a, b) => (a.id ?? 0) - (b.id ?? 0) || JSON.stringify(a.geometry).localeCompare(JSON.stringify(b.geometry))
			);
			return [layer.name, { version: layer.version ?? 2, extent: layer.extent ?? 4096, features }];
		})
	);
}
