/**
 * Reading OpenStreetMap files for `npm run osm:import`: surveillance nodes with their tags and
 * versions, and a camera drawn as a way read as the centroid of its distinct nodes, the same
 * from XML, from PBF with dense nodes and from PBF with plain nodes (tests/fixtures/osm: one
 * hand-made file, converted to PBF by osmium both ways).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OsmReadError, readSurveillance, type OsmObject } from '../../../src/lib/server/osm/read';

const FIXTURES = 'tests/fixtures/osm';
const files = ['surveillance.osm', 'surveillance.osm.pbf', 'surveillance-plain-nodes.osm.pbf'];

const byRef = (objects: OsmObject[]) => new Map(objects.map((object) => [`${object.type}/${object.id}`, object]));

describe('reading OpenStreetMap surveillance objects', () => {
	it.each(files)('%s: the nodes with their tags, the way as the centroid of its square', (file) => {
		const objects = readSurveillance(path.join(FIXTURES, file));
		expect(objects.map((object) => `${object.type}/${object.id}`).sort()).toEqual(['node/101', 'node/102', 'way/301']);
		const found = byRef(objects);
		expect(found.get('node/101')).toMatchObject({ lon: 20.46, lat: 44.815, version: 3 });
		expect(found.get('node/101')!.tags).toMatchObject({
			man_made: 'surveillance',
			'camera:direction': 'NE;200',
			operator: 'MUP Srbije & Grad'
		});
		// A closed way repeats its first node: the centre of the four corners, not of five points.
		expect(found.get('way/301')).toEqual({
			type: 'way',
			id: 301,
			lon: 20.4505,
			lat: 44.8105,
			version: 2,
			tags: { man_made: 'surveillance', 'surveillance:type': 'camera', 'camera:type': 'dome' }
		});
		// The way's corner nodes carry no surveillance tags: not objects of their own.
		expect(objects.filter((object) => object.type === 'node' && object.id > 200)).toEqual([]);
	});

	it.each(files)('%s: a box keeps what is inside it, the way by its centroid', (file) => {
		const inside = readSurveillance(path.join(FIXTURES, file), [20.4, 44.78, 20.5, 44.85]);
		expect(inside.map((object) => `${object.type}/${object.id}`).sort()).toEqual(['node/101', 'way/301']);
		// The square's corners are inside this box, its centroid is not.
		const cornerOnly = readSurveillance(path.join(FIXTURES, file), [20.4499, 44.8099, 20.4502, 44.8102]);
		expect(cornerOnly).toEqual([]);
	});

	it('reads an open way (a line of nodes) and a GeoJSON polygon the same way', async () => {
		const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'nadzor-osm-'));
		try {
			const xml = path.join(dir, 'line.osm');
			await fs.writeFile(
				xml,
				`<osm version="0.6"><node id="1" lat="44" lon="20"/><node id="2" lat="44.002" lon="20.004"/>
				<way id="9"><nd ref="1"/><nd ref="2"/><tag k="man_made" v="surveillance"/></way></osm>`
			);
			expect(readSurveillance(xml)).toEqual([
				{ type: 'way', id: 9, lon: 20.002, lat: 44.001, version: null, tags: { man_made: 'surveillance' } }
			]);
			const geojson = path.join(dir, 'export.geojson');
			await fs.writeFile(
				geojson,
				JSON.stringify({
					type: 'FeatureCollection',
					features: [
						{
							type: 'Feature',
							id: 'way/301',
							properties: { man_made: 'surveillance', '@version': 2 },
							geometry: {
								type: 'Polygon',
								coordinates: [
									[
										[20.45, 44.81],
										[20.451, 44.81],
										[20.451, 44.811],
										[20.45, 44.811],
										[20.45, 44.81]
									]
								]
							}
						}
					]
				})
			);
			expect(readSurveillance(geojson)).toEqual([
				{ type: 'way', id: 301, lon: 20.4505, lat: 44.8105, version: 2, tags: { man_made: 'surveillance' } }
			]);
		} finally {
			await fs.rm(dir, { recursive: true });
		}
	});

	it('refuses a file of another kind', () => {
		expect(() => readSurveillance('cameras.csv')).toThrow(OsmReadError);
	});
});
