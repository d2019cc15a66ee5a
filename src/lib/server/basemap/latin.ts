/**
 * A vector tile with its Serbian Cyrillic text in Latin script, for readers of sr-Latn and en.
 *
 * Every string in an MVT layer sits once in the layer's value table (field 4 of a layer, a
 * `Value` message whose field 1 is `string_value`; https://github.com/mapbox/vector-tile-spec/blob/master/2.1/vector_tile.proto).
 * Rewriting those values and copying every other field byte for byte transliterates all names
 * without decoding a single geometry: about a millisecond for a 300 KB tile (bench/RESULTS.md),
 * so it is done when a tile is asked for, and the archive keeps one copy of every name.
 */
import { toLatin } from '../../i18n/transliterate';
import { fields, type Field } from './mvt';

const CYRILLIC = /[\u0400-\u04ff]/;

function varint(value: number): Buffer {
	const out: number[] = [];
	let rest = value;
	while (rest >= 0x80) {
		out.push((rest % 0x80) | 0x80);
		rest = Math.floor(rest / 0x80);
	}
	out.push(rest);
	return Buffer.from(out);
}

/** Bytes `start`…`end` of `bytes`, without copying. */
const view = (bytes: Uint8Array, start: number, end: number) =>
	Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start);

/** A length-delimited field: key, length, payload. */
function lengthDelimited(number: number, payload: Buffer): Buffer[] {
	return [varint(number * 8 + 2), varint(payload.length), payload];
}

/**
 * Copies `message` (bytes `from`…`to`) with the fields `rewrite` changes replaced: unchanged
 * runs of fields are kept as views, so a layer of thousands of features costs a few slices.
 */
function rewriteFields(
	bytes: Uint8Array,
	from: number,
	to: number,
	rewrite: (field: Field) => Buffer[] | undefined
): Buffer | undefined {
	const parts: Buffer[] = [];
	let copyFrom = from;
	for (const field of fields(bytes, from, to)) {
		const replaced = rewrite(field);
		if (!replaced) continue;
		parts.push(view(bytes, copyFrom, field.start), ...replaced);
		copyFrom = field.end;
	}
	if (parts.length === 0) return undefined;
	parts.push(view(bytes, copyFrom, to));
	return Buffer.concat(parts);
}

/** A `Value` with its string in Latin, or undefined when it has no Cyrillic. */
function latinValue(bytes: Uint8Array, value: Field): Buffer | undefined {
	return rewriteFields(bytes, value.payload, value.end, (field) => {
		if (field.number !== 1 || field.wireType !== 2) return undefined;
		const text = Buffer.from(bytes.buffer, bytes.byteOffset + field.payload, field.end - field.payload).toString(
			'utf8'
		);
		return CYRILLIC.test(text) ? lengthDelimited(1, Buffer.from(toLatin(text), 'utf8')) : undefined;
	});
}

function latinLayer(bytes: Uint8Array, layer: Field): Buffer | undefined {
	return rewriteFields(bytes, layer.payload, layer.end, (field) => {
		if (field.number !== 4 || field.wireType !== 2) return undefined;
		const value = latinValue(bytes, field);
		return value && lengthDelimited(4, value);
	});
}

/** `tile` (uncompressed MVT) with Cyrillic string values in Latin; the same bytes when it has none. */
export function latinTile(tile: Uint8Array): Uint8Array {
	return (
		rewriteFields(tile, 0, tile.length, (field) => {
			if (field.number !== 3 || field.wireType !== 2) return undefined;
			const layer = latinLayer(tile, field);
			return layer && lengthDelimited(3, layer);
		}) ?? tile
	);
}

/** Every string value of `tile` (uncompressed MVT), read from the layers' value tables. */
export function tileStrings(tile: Uint8Array): string[] {
	const strings: string[] = [];
	for (const layer of fields(tile)) {
		if (layer.number !== 3 || layer.wireType !== 2) continue;
		for (const value of fields(tile, layer.payload, layer.end)) {
			if (value.number !== 4 || value.wireType !== 2) continue;
			for (const field of fields(tile, value.payload, value.end)) {
				if (field.number === 1 && field.wireType === 2) {
					strings.push(view(tile, field.payload, field.end).toString('utf8'));
				}
			}
		}
	}
	return strings;
}
