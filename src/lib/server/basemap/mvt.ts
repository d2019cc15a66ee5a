/**
 * Reading Mapbox Vector Tiles (https://github.com/mapbox/vector-tile-spec/blob/master/2.1/vector_tile.proto)
 * field by field, with no dependency: the protobuf fields of a message (used by latin.ts to
 * rewrite names in place) and the line features of a layer with their properties (used by
 * surroundings.ts to draw streets on the server).
 */

export interface Field {
	number: number;
	wireType: number;
	/** The whole field, key included. */
	start: number;
	end: number;
	/** Where a length-delimited field's payload starts. */
	payload: number;
}

export function readVarint(bytes: Uint8Array, at: number): [value: number, next: number] {
	let value = 0;
	let factor = 1;
	let position = at;
	for (;;) {
		if (position >= bytes.length) throw new RangeError('truncated varint');
		const byte = bytes[position++];
		value += (byte & 0x7f) * factor;
		if (byte < 0x80) return [value, position];
		factor *= 128;
		if (factor > 2 ** 63) throw new RangeError('varint too long');
	}
}

export function* fields(bytes: Uint8Array, from = 0, to = bytes.length): Generator<Field> {
	let position = from;
	while (position < to) {
		const start = position;
		const [key, afterKey] = readVarint(bytes, position);
		const wireType = key & 7;
		const number = Math.floor(key / 8);
		let payload = afterKey;
		let end: number;
		if (wireType === 0) end = readVarint(bytes, afterKey)[1];
		else if (wireType === 1) end = afterKey + 8;
		else if (wireType === 5) end = afterKey + 4;
		else if (wireType === 2) {
			const [length, afterLength] = readVarint(bytes, afterKey);
			payload = afterLength;
			end = afterLength + length;
		} else throw new RangeError(`unsupported wire type ${wireType}`);
		if (end > to) throw new RangeError('field runs past its message');
		yield { number, wireType, start, end, payload };
		position = end;
	}
}

export type Value = string | number | boolean;

export interface LineFeature {
	properties: Record<string, Value>;
	/** Lines in tile units (0…extent across the tile), each a list of [x, y]. */
	lines: [number, number][][];
}

const text = (bytes: Uint8Array, field: Field) =>
	Buffer.from(bytes.buffer, bytes.byteOffset + field.payload, field.end - field.payload).toString('utf8');

/** The numbers of a packed repeated varint field. */
function packed(bytes: Uint8Array, field: Field): number[] {
	const out: number[] = [];
	let at = field.payload;
	while (at < field.end) {
		const [value, next] = readVarint(bytes, at);
		out.push(value);
		at = next;
	}
	return out;
}

function readValue(bytes: Uint8Array, value: Field): Value | undefined {
	for (const field of fields(bytes, value.payload, value.end)) {
		if (field.number === 1 && field.wireType === 2) return text(bytes, field);
		if (field.wireType === 0) {
			const [n] = readVarint(bytes, field.payload);
			if (field.number === 7) return n !== 0;
			if (field.number === 6) return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
			return n;
		}
		if (field.number === 2 && field.wireType === 5) {
			return Buffer.from(bytes.buffer, bytes.byteOffset + field.payload, 4).readFloatLE(0);
		}
		if (field.number === 3 && field.wireType === 1) {
			return Buffer.from(bytes.buffer, bytes.byteOffset + field.payload, 8).readDoubleLE(0);
		}
	}
	return undefined;
}

const zigzag = (n: number) => (n % 2 === 0 ? n / 2 : -(n + 1) / 2);

/** MoveTo/LineTo commands → lines, or a polygon's rings (each ring open: its ClosePath is dropped). */
function decodeLines(commands: number[]): [number, number][][] {
	const lines: [number, number][][] = [];
	let x = 0;
	let y = 0;
	let at = 0;
	let line: [number, number][] | undefined;
	while (at < commands.length) {
		const command = commands[at] & 7;
		const count = Math.floor(commands[at] / 8);
		at++;
		if (command === 7) continue;
		for (let i = 0; i < count && at + 1 < commands.length; i++) {
			x += zigzag(commands[at++]);
			y += zigzag(commands[at++]);
			if (command === 1) {
				line = [];
				lines.push(line);
			}
			line?.push([x, y]);
		}
	}
	return lines.filter((points) => points.length > 1);
}

/**
 * The line features (type 2) of layer `name` in `tile` (uncompressed MVT), and the layer's
 * extent; an empty list when the tile has no such layer. With `type` 3, the polygon features,
 * each ring as an open line.
 */
export function lineFeatures(
	tile: Uint8Array,
	name: string,
	type: 2 | 3 = 2
): { extent: number; features: LineFeature[] } {
	for (const layer of fields(tile)) {
		if (layer.number !== 3 || layer.wireType !== 2) continue;
		let layerName = '';
		let extent = 4096;
		const keys: string[] = [];
		const values: (Value | undefined)[] = [];
		const rawFeatures: Field[] = [];
		for (const field of fields(tile, layer.payload, layer.end)) {
			if (field.number === 1 && field.wireType === 2) layerName = text(tile, field);
			else if (field.number === 2 && field.wireType === 2) rawFeatures.push(field);
			else if (field.number === 3 && field.wireType === 2) keys.push(text(tile, field));
			else if (field.number === 4 && field.wireType === 2) values.push(readValue(tile, field));
			else if (field.number === 5 && field.wireType === 0) extent = readVarint(tile, field.payload)[0];
		}
		if (layerName !== name) continue;
		const features: LineFeature[] = [];
		for (const raw of rawFeatures) {
			let featureType = 0;
			let tags: number[] = [];
			let geometry: number[] = [];
			for (const field of fields(tile, raw.payload, raw.end)) {
				if (field.number === 2 && field.wireType === 2) tags = packed(tile, field);
				else if (field.number === 3 && field.wireType === 0) featureType = readVarint(tile, field.payload)[0];
				else if (field.number === 4 && field.wireType === 2) geometry = packed(tile, field);
			}
			if (featureType !== type) continue;
			const properties: Record<string, Value> = {};
			for (let i = 0; i + 1 < tags.length; i += 2) {
				const value = values[tags[i + 1]];
				if (keys[tags[i]] !== undefined && value !== undefined) properties[keys[tags[i]]] = value;
			}
			features.push({ properties, lines: decodeLines(geometry) });
		}
		return { extent, features };
	}
	return { extent: 4096, features: [] };
}
