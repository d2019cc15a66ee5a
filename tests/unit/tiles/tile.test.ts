import { describe, expect, it } from 'vitest';
import { cameraFilterQuery, isDefaultFilter, parseCameraFilter } from '../../../src/lib/schemas/camera-filter';
import { ByteLru } from '../../../src/lib/server/tiles/cache';
import { parseTileRequest } from '../../../src/lib/server/tiles/server';
import { fromMercator } from '../../../src/lib/geo/earth';
import { isValidTile, tileBounds } from '../../../src/lib/server/tiles/tile';
import { cellOf, tileAt } from '../../support/tiles';

describe('tile math', () => {
	it('computes bounds exactly as ST_TileEnvelope does', () => {
		// SELECT ST_AsText(ST_TileEnvelope(14, 8000, 5000)) on PostGIS.
		expect(tileBounds({ z: 14, x: 8000, y: 5000 })).toEqual({
			minX: -469629.10178412125,
			minY: 7805137.8322559185,
			maxX: -467183.11687899753,
			maxY: 7807583.817161044
		});
		expect(tileBounds({ z: 0, x: 0, y: 0 })).toEqual({
			minX: -20037508.342789244,
			minY: -20037508.342789244,
			maxX: 20037508.342789244,
			maxY: 20037508.342789244
		});
	});
	it('accepts only tiles that exist', () => {
		expect(isValidTile({ z: 0, x: 0, y: 0 })).toBe(true);
		expect(isValidTile({ z: 3, x: 7, y: 7 })).toBe(true);
		expect(isValidTile({ z: 3, x: 8, y: 0 })).toBe(false);
		expect(isValidTile({ z: -1, x: 0, y: 0 })).toBe(false);
		expect(isValidTile({ z: 17, x: 0, y: 0 })).toBe(false);
		expect(isValidTile({ z: 2, x: 1.5, y: 0 })).toBe(false);
	});
	it('finds the tile and the cell of a place', () => {
		const belgrade = tileAt(20.4573, 44.8176, 14);
		expect(belgrade).toEqual({ z: 14, x: 9123, y: 5905 });
		const b = tileBounds(belgrade);
		const { cx, cy } = cellOf((b.minX + b.maxX) / 2, (b.minY + b.maxY) / 2, 18);
		expect([cx >> 4, cy >> 4]).toEqual([9123, 5905]);
		const [lng, lat] = fromMercator((b.minX + b.maxX) / 2, (b.minY + b.maxY) / 2);
		expect(tileAt(lng, lat, 14)).toEqual(belgrade);
	});
});

describe('camera filter', () => {
	const parse = (query: string) => parseCameraFilter(new URLSearchParams(query));
	it('reads comma lists, sorts them and drops duplicates', () => {
		expect(parse('type=camera,ALPR,camera&operator=police&capability=plate_reading,face_recognition')).toEqual({
			ok: true,
			filter: { type: ['ALPR', 'camera'], operator: ['police'], capability: ['face_recognition', 'plate_reading'] }
		});
	});
	it('treats empty values and removed=0 as not given, and ignores other parameters', () => {
		const result = parse('type=&removed=0&biometric=0&v=3&lang=en');
		expect(result).toEqual({ ok: true, filter: {} });
		expect(result.ok && isDefaultFilter(result.filter)).toBe(true);
	});
	it.each([
		['type=car', 'type'],
		['type=camera,,ALPR', 'type'],
		['operator=POLICE', 'operator'],
		['capability=x-ray', 'capability'],
		['confidence=certain', 'confidence'],
		['removed=yes', 'removed'],
		['biometric=true', 'biometric'],
		['biometric=1&biometric=1', 'biometric'],
		['type=camera&type=ALPR', 'type']
	])('refuses %s', (query, field) => {
		const result = parse(query);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.field).toBe(field);
	});
	it('writes a canonical query string', () => {
		const result = parse('removed=1&confidence=verified&type=camera,ALPR');
		expect(result.ok && cameraFilterQuery(result.filter)).toBe('type=ALPR,camera&confidence=verified&removed=1');
		const biometric = parse('biometric=1&capability=plate_reading');
		expect(biometric).toEqual({ ok: true, filter: { capability: ['plate_reading'], biometric: true } });
		expect(biometric.ok && isDefaultFilter(biometric.filter)).toBe(false);
		expect(biometric.ok && cameraFilterQuery(biometric.filter)).toBe('capability=plate_reading&biometric=1');
	});
});

describe('tile addresses', () => {
	const parse = (path: string, query = '') => parseTileRequest(path, new URLSearchParams(query));
	it('reads tiles and TileJSON', () => {
		expect(parse('cameras/14/9123/5894.mvt', 'v=7')).toEqual({
			kind: 'tile',
			layer: 'cameras',
			tile: { z: 14, x: 9123, y: 5894 },
			filter: {},
			version: 7
		});
		expect(parse('areas.json')).toEqual({ kind: 'tilejson', layer: 'areas', filter: {} });
	});
	it.each([
		['cameras/14/9123/5894.png', 404, 'tiles.path'],
		['cameras/14/9123.mvt', 404, 'tiles.path'],
		['roads/1/0/0.mvt', 404, 'tiles.layer'],
		['cameras/1.5/0/0.mvt', 400, 'tiles.number'],
		['cameras/-1/0/0.mvt', 400, 'tiles.number'],
		['cameras/3/8/0.mvt', 404, 'tiles.range'],
		['cameras/99/0/0.mvt', 404, 'tiles.range'],
		['fov/12/0/0.mvt', 404, 'tiles.zoom']
	])('refuses %s with %i', (path, status, key) => {
		expect(parse(path)).toMatchObject({ kind: 'error', status, key });
	});
	it('refuses bad filters and versions with 400', () => {
		expect(parse('cameras/1/0/0.mvt', 'confidence=high')).toMatchObject({ status: 400, key: 'filter.confidence' });
		expect(parse('cameras/1/0/0.mvt', 'v=abc')).toMatchObject({ status: 400, key: 'tiles.version' });
	});
});

describe('byte-bounded LRU', () => {
	it('evicts the least recently used entries to stay within its bytes', () => {
		const cache = new ByteLru<string>(100);
		cache.set('a', 'A', 40);
		cache.set('b', 'B', 40);
		expect(cache.get('a')).toBe('A');
		cache.set('c', 'C', 40);
		expect(cache.get('b')).toBeUndefined();
		expect(cache.get('a')).toBe('A');
		expect(cache.bytes).toBe(80);
		cache.set('huge', 'H', 101);
		expect(cache.get('huge')).toBeUndefined();
		cache.clear();
		expect(cache.size).toBe(0);
	});
});
