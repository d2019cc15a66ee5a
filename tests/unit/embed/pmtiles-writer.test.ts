/**
 * The PMTiles v3 writer against the reference reader (the `pmtiles` package): every tile comes
 * back at its z/x/y, with root-only and leaf directories, runs of equal tiles and duplicates.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { PMTiles, zxyToTileId, tileIdToZxy } from 'pmtiles';
import { readArchive } from '../../support/pmtiles';
import { HEADER_BYTES, PmtilesWriter, serializeDirectory } from '../../../src/lib/server/snapshot/pmtiles-writer';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pmtiles-test-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, tiles: Map<number, Buffer>): { file: string; archive: PMTiles } {
	const file = path.join(dir, name);
	const writer = new PmtilesWriter(file);
	for (const id of [...tiles.keys()].sort((a, b) => a - b)) writer.add(id, gzipSync(tiles.get(id)!));
	writer.finish({
		minZoom: 0,
		maxZoom: 14,
		bounds: [20.2, 44.7, 20.65, 44.9],
		center: [20.45, 44.8, 10],
		metadata: { name: 'test', vector_layers: [{ id: 'cameras', fields: {} }] }
	});
	return { file, archive: readArchive(file) };
}

async function expectTiles(archive: PMTiles, tiles: Map<number, Buffer>) {
	for (const [id, bytes] of tiles) {
		const [z, x, y] = tileIdToZxy(id);
		const got = await archive.getZxy(z, x, y);
		expect(got, `${z}/${x}/${y}`).toBeDefined();
		// The reader gunzips tiles itself: tile_compression says gzip in the header.
		expect(Buffer.from(got!.data)).toEqual(bytes);
	}
}

describe('PMTiles writer', () => {
	it('writes a header the reference reader understands', async () => {
		const tiles = new Map([
			[zxyToTileId(0, 0, 0), Buffer.from('world')],
			[zxyToTileId(10, 568, 368), Buffer.from('belgrade')]
		]);
		const { file, archive } = write('small.pmtiles', tiles);
		const header = await archive.getHeader();
		expect(fs.readFileSync(file).subarray(0, 7).toString()).toBe('PMTiles');
		expect(header.specVersion).toBe(3);
		expect(header.clustered).toBe(true);
		expect(header.tileType).toBe(1);
		expect(header.tileCompression).toBe(2);
		expect(header.internalCompression).toBe(2);
		expect([header.minZoom, header.maxZoom]).toEqual([0, 14]);
		expect(header.minLon).toBeCloseTo(20.2, 6);
		expect(header.maxLat).toBeCloseTo(44.9, 6);
		expect(header.rootDirectoryOffset).toBe(HEADER_BYTES);
		expect(header.numAddressedTiles).toBe(2);
		expect(header.leafDirectoryLength).toBe(0);
		expect(await archive.getMetadata()).toMatchObject({ name: 'test' });
		await expectTiles(archive, tiles);
		expect(await archive.getZxy(10, 568, 369)).toBeUndefined();
	});

	it('stores runs of equal tiles once and duplicates once', async () => {
		const tiles = new Map<number, Buffer>();
		for (let x = 0; x < 8; x++) tiles.set(zxyToTileId(3, x, 0), Buffer.from('sea'));
		tiles.set(zxyToTileId(3, 2, 5), Buffer.from('land'));
		tiles.set(zxyToTileId(3, 7, 7), Buffer.from('land'));
		const { archive } = write('runs.pmtiles', tiles);
		const header = await archive.getHeader();
		expect(header.numAddressedTiles).toBe(10);
		expect(header.numTileContents).toBe(2);
		expect(header.numTileEntries).toBeLessThan(10);
		await expectTiles(archive, tiles);
	});

	it('splits a large directory into leaves with the root in the first 16 KiB', async () => {
		const tiles = new Map<number, Buffer>();
		// 50,000 distinct tiles of irregular ids and sizes: far more than a 16 KiB root holds.
		let seed = 7;
		const next = () => {
			// mulberry32
			seed = (seed + 0x6d2b79f5) | 0;
			let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
			t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
			return (t ^ (t >>> 14)) >>> 0;
		};
		let id = zxyToTileId(12, 0, 0);
		for (let i = 0; i < 50_000; i++) {
			id += 1 + (next() % 500);
			tiles.set(id, Buffer.from(`tile ${i} `.repeat(1 + (next() % 60))));
		}
		const { archive } = write('leaves.pmtiles', tiles);
		const header = await archive.getHeader();
		expect(header.leafDirectoryLength).toBeGreaterThan(0);
		expect(header.rootDirectoryOffset + header.rootDirectoryLength).toBeLessThanOrEqual(16_384);
		const sample = new Map([...tiles].filter((_, index) => index % 997 === 0));
		await expectTiles(archive, sample);
		// 50,000 tiles written and read back: CPU-bound, seconds on a busy 2-core machine.
	}, 60_000);

	it('refuses tiles out of order (the archive is clustered)', () => {
		const writer = new PmtilesWriter(path.join(dir, 'order.pmtiles'));
		writer.add(5, gzipSync('a'));
		expect(() => writer.add(3, gzipSync('b'))).toThrow(/increase/);
		writer.abort();
		expect(fs.existsSync(path.join(dir, 'order.pmtiles.tiles.tmp'))).toBe(false);
	});

	it('encodes directories as the specification lays them out', () => {
		const bytes = serializeDirectory([
			{ tileId: 0, offset: 0, length: 10, runLength: 1 },
			{ tileId: 5, offset: 10, length: 300, runLength: 2 },
			{ tileId: 9, offset: 0, length: 10, runLength: 1 }
		]);
		// count; tile id deltas 0,5,4; runs 1,2,1; lengths 10,300 (two bytes),10; offsets 0+1, 0 (contiguous), 0+1.
		expect([...bytes]).toEqual([3, 0, 5, 4, 1, 2, 1, 10, 0xac, 0x02, 10, 1, 0, 1]);
	});
});
