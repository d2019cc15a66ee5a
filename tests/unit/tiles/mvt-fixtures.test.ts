/**
 * @mapbox/mvt-fixtures through our encoder: every valid fixture decodes (strict reader), encodes
 * with `encodeTile` and decodes with the reference decoder to the same layers, features,
 * properties and geometry; every invalid one is refused by the strict reader.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as mvtf from '@mapbox/mvt-fixtures';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { encodeTile, TileEncodeError } from '../../../src/lib/server/tiles/encode';
import { InvalidTileError, readTile } from '../../support/mvt';

interface Fixture {
	id: string;
	description: string;
	buffer: Buffer;
	validity: { v1: boolean; v2: boolean; error?: string };
}

const ids = fs.readdirSync(path.resolve('node_modules/@mapbox/mvt-fixtures/src')).map((file) => file.slice(0, 3));
const fixtures = ids.map((id) => mvtf.get(id) as Fixture);

/**
 * Fixtures marked valid that are, byte for byte, the same as ones marked invalid; we follow the
 * specification and refuse both:
 * - 057 has the very geometry of 051 (a MoveTo whose count, 2^29 - 1, promises far more points
 *   than follow; 051 is "fatal"). MVT 2.1 §4.3.2: a MoveTo of count n MUST be followed by n pairs.
 * - 016 ("UNKNOWN geometry type") is the same buffer as 003 ("missing geometry type",
 *   invalid): the fixture builder leaves out a field holding its default. §4.2: a feature MUST
 *   contain a type field.
 */
const CONTRADICTORY = new Set(['057', '016']);

/**
 * Valid tiles whose coordinates step by 2^31 at once (int32 overflow tests). vt-pbf's zigzag
 * encoding is 32-bit, so `encodeTile` refuses steps of 2^30 or more with an error rather than
 * write a corrupt tile; real tiles step by at most extent + 2 × buffer (4224).
 */
const TOO_FAR_FOR_VT_PBF = new Set(['049', '050']);

/** The reference decoder's view of a tile: what a map would draw. */
function decode(buffer: Uint8Array) {
	const tile = new VectorTile(new PbfReader(buffer));
	return Object.fromEntries(
		Object.entries(tile.layers).map(([name, layer]) => [
			name,
			{
				extent: layer.extent,
				features: Array.from({ length: layer.length }, (_, i) => {
					const feature = layer.feature(i);
					return {
						id: feature.id,
						type: feature.type,
						properties: feature.properties,
						geometry: feature.loadGeometry().map((ring) => ring.map((p) => [p.x, p.y]))
					};
				})
			}
		])
	);
}

describe('mvt-fixtures: valid tiles round-trip through our encoder', () => {
	const valid = fixtures.filter(
		(fixture) => fixture.validity.v2 && !CONTRADICTORY.has(fixture.id) && !TOO_FAR_FOR_VT_PBF.has(fixture.id)
	);
	it('has valid fixtures to test', () => expect(valid.length).toBeGreaterThan(40));
	it.each(valid.map((fixture) => [fixture.id, fixture] as const))('%s', (_, fixture) => {
		const layers = readTile(fixture.buffer);
		const ours = encodeTile(layers);
		if (layers.every((layer) => layer.features.length === 0)) {
			// Like ST_AsMVT, a tile without any feature is zero bytes.
			expect(ours.length).toBe(0);
			return;
		}
		expect(decode(ours)).toEqual(decode(fixture.buffer));
		// And what we wrote is itself a valid tile.
		expect(() => readTile(ours)).not.toThrow();
	});
});

describe('mvt-fixtures: coordinate steps vt-pbf cannot write are refused by the encoder', () => {
	it.each([...TOO_FAR_FOR_VT_PBF])('%s', (id) => {
		const layers = readTile(mvtf.get(id).buffer);
		expect(() => encodeTile(layers)).toThrow(TileEncodeError);
	});
});

describe('mvt-fixtures: invalid tiles are refused', () => {
	const invalid = fixtures.filter((fixture) => !fixture.validity.v2 || CONTRADICTORY.has(fixture.id));
	it('has invalid fixtures to test', () => expect(invalid.length).toBeGreaterThan(20));
	it.each(invalid.map((fixture) => [fixture.id, fixture] as const))('%s', (_, fixture) => {
		expect(() => readTile(fixture.buffer)).toThrow(InvalidTileError);
	});
});
