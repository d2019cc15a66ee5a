import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { describe, expect, it } from 'vitest';
import { encodeTile, fromGeoJSON } from '../../../src/lib/server/tiles/encode';

describe('outlines rounded to tile units', () => {
	// A detailed boundary at low zoom: neighbouring vertices land on the same tile unit.
	const ring: [number, number][] = [
		[0, 0],
		[10, 0],
		[10, 0],
		[10, 10],
		[10, 10],
		[0, 10],
		[0, 0]
	];

	it('drop repeated points, so the tile encodes', () => {
		const feature = { id: 1, ...fromGeoJSON({ type: 'Polygon', coordinates: [ring] }), properties: {} };
		const tile = new VectorTile(new PbfReader(encodeTile([{ name: 'areas', features: [feature] }])));
		expect(tile.layers.areas.feature(0).loadGeometry()[0]).toHaveLength(5);
	});

	it('drop a ring that shrinks to fewer than four points', () => {
		const dot: [number, number][] = [
			[5, 5],
			[5, 5],
			[5, 5],
			[5, 5]
		];
		const { geometry } = fromGeoJSON({ type: 'MultiPolygon', coordinates: [[ring], [dot]] });
		expect(geometry).toHaveLength(1);
	});
});
