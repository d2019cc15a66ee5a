/**
 * A small PMTiles v3 writer (https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md):
 * tiles are added in Hilbert tile-id order (`zxyToTileId` from the `pmtiles` package), so the
 * archive is "clustered"; identical tiles are stored once (consecutive ones as one run); the
 * directory is one root of at most 16 KiB, with leaf directories when the tiles do not fit.
 *
 * Layout: header (127 bytes) · root directory · JSON metadata · leaf directories · tile data.
 * Directories and metadata are gzipped; tiles are added already gzipped.
 *
 * Tile data is written to a temporary file as it comes, so an archive of any size needs memory
 * for its directory only (about 20 bytes a tile).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { gzipSync } from 'node:zlib';

export interface DirectoryEntry {
	tileId: number;
	/** Byte offset in the tile data section (or, in the root, the leaf section). */
	offset: number;
	length: number;
	/** How many consecutive tile ids share these bytes; 0: the entry points to a leaf directory. */
	runLength: number;
}

export const HEADER_BYTES = 127;
/** The header and the root directory must fit in the first 16 KiB (one request for a reader). */
const FIRST_REQUEST_BYTES = 16_384;

export const Compression = { none: 1, gzip: 2 } as const;
export const TileType = { mvt: 1 } as const;

/** Unsigned LEB128 up to 2^53 (tile ids and offsets stay below). */
function pushVarint(bytes: number[], value: number) {
	let rest = value;
	while (rest >= 0x80) {
		bytes.push((rest % 0x80) | 0x80);
		rest = Math.floor(rest / 0x80);
	}
	bytes.push(rest);
}

/** A directory as the spec lays it out: count, then columns of deltas, runs, lengths, offsets. */
export function serializeDirectory(entries: readonly DirectoryEntry[]): Buffer {
	const bytes: number[] = [];
	pushVarint(bytes, entries.length);
	let lastId = 0;
	for (const entry of entries) {
		pushVarint(bytes, entry.tileId - lastId);
		lastId = entry.tileId;
	}
	for (const entry of entries) pushVarint(bytes, entry.runLength);
	for (const entry of entries) pushVarint(bytes, entry.length);
	entries.forEach((entry, index) => {
		const previous = entries[index - 1];
		// 0: right after the previous entry's bytes; otherwise the offset plus one.
		if (previous && entry.offset === previous.offset + previous.length) pushVarint(bytes, 0);
		else pushVarint(bytes, entry.offset + 1);
	});
	return Buffer.from(bytes);
}

/** The root directory and the leaves, leaves as large as needed for the root to fit. */
export function buildDirectories(entries: readonly DirectoryEntry[]): { root: Buffer; leaves: Buffer } {
	const rootOnly = gzipSync(serializeDirectory(entries));
	if (rootOnly.length <= FIRST_REQUEST_BYTES - HEADER_BYTES) return { root: rootOnly, leaves: Buffer.alloc(0) };
	for (let leafSize = 4096; ; leafSize *= 2) {
		const rootEntries: DirectoryEntry[] = [];
		const leaves: Buffer[] = [];
		let offset = 0;
		for (let start = 0; start < entries.length; start += leafSize) {
			const chunk = entries.slice(start, start + leafSize);
			const leaf = gzipSync(serializeDirectory(chunk));
			rootEntries.push({ tileId: chunk[0].tileId, offset, length: leaf.length, runLength: 0 });
			leaves.push(leaf);
			offset += leaf.length;
		}
		const root = gzipSync(serializeDirectory(rootEntries));
		if (root.length <= FIRST_REQUEST_BYTES - HEADER_BYTES) return { root, leaves: Buffer.concat(leaves) };
	}
}

export interface ArchiveInfo {
	minZoom: number;
	maxZoom: number;
	/** [west, south, east, north] in degrees. */
	bounds: [number, number, number, number];
	center: [lng: number, lat: number, zoom: number];
	/** The TileJSON-like metadata (vector_layers, attribution, ...). */
	metadata: Record<string, unknown>;
}

export interface HeaderFields extends Omit<ArchiveInfo, 'metadata'> {
	rootOffset: number;
	rootLength: number;
	metadataOffset: number;
	metadataLength: number;
	leavesOffset: number;
	leavesLength: number;
	dataOffset: number;
	dataLength: number;
	addressedTiles: number;
	tileEntries: number;
	tileContents: number;
}

export function serializeHeader(fields: HeaderFields): Buffer {
	const header = Buffer.alloc(HEADER_BYTES);
	header.write('PMTiles', 0, 'ascii');
	header.writeUInt8(3, 7);
	const u64 = [
		fields.rootOffset,
		fields.rootLength,
		fields.metadataOffset,
		fields.metadataLength,
		fields.leavesOffset,
		fields.leavesLength,
		fields.dataOffset,
		fields.dataLength,
		fields.addressedTiles,
		fields.tileEntries,
		fields.tileContents
	];
	u64.forEach((value, index) => header.writeBigUInt64LE(BigInt(value), 8 + index * 8));
	header.writeUInt8(1, 96); // clustered
	header.writeUInt8(Compression.gzip, 97); // directories and metadata
	header.writeUInt8(Compression.gzip, 98); // tiles
	header.writeUInt8(TileType.mvt, 99);
	header.writeUInt8(fields.minZoom, 100);
	header.writeUInt8(fields.maxZoom, 101);
	const e7 = (degrees: number) => Math.round(degrees * 1e7);
	const [west, south, east, north] = fields.bounds;
	header.writeInt32LE(e7(west), 102);
	header.writeInt32LE(e7(south), 106);
	header.writeInt32LE(e7(east), 110);
	header.writeInt32LE(e7(north), 114);
	header.writeUInt8(fields.center[2], 118);
	header.writeInt32LE(e7(fields.center[0]), 119);
	header.writeInt32LE(e7(fields.center[1]), 123);
	return header;
}

/** Writes one archive; add tiles in increasing tile id order, then `finish`. */
export class PmtilesWriter {
	private readonly entries: DirectoryEntry[] = [];
	private readonly seen = new Map<string, { offset: number; length: number }>();
	private readonly dataPath: string;
	private readonly data: number;
	private dataLength = 0;
	private addressed = 0;
	private lastId = -1;

	constructor(private readonly path: string) {
		this.dataPath = `${path}.tiles.tmp`;
		this.data = fs.openSync(this.dataPath, 'w');
	}

	/** Adds the gzipped tile `gz` at `tileId` (greater than every id added before). */
	add(tileId: number, gz: Uint8Array) {
		if (tileId <= this.lastId) throw new Error(`tile ids must increase: ${tileId} after ${this.lastId}`);
		this.lastId = tileId;
		this.addressed++;
		const key = createHash('sha256').update(gz).digest('base64');
		let stored = this.seen.get(key);
		if (!stored) {
			stored = { offset: this.dataLength, length: gz.length };
			fs.writeSync(this.data, gz);
			this.dataLength += gz.length;
			this.seen.set(key, stored);
		}
		const last = this.entries.at(-1);
		if (last && last.offset === stored.offset && last.tileId + last.runLength === tileId) {
			last.runLength++;
			return;
		}
		this.entries.push({ tileId, offset: stored.offset, length: stored.length, runLength: 1 });
	}

	get tileCount(): number {
		return this.addressed;
	}

	/** Writes the archive to its path and removes the temporary tile data. */
	finish(info: ArchiveInfo): { bytes: number; tiles: number } {
		fs.closeSync(this.data);
		const { root, leaves } = buildDirectories(this.entries);
		const metadata = gzipSync(Buffer.from(JSON.stringify(info.metadata)));
		const rootOffset = HEADER_BYTES;
		const metadataOffset = rootOffset + root.length;
		const leavesOffset = metadataOffset + metadata.length;
		const dataOffset = leavesOffset + leaves.length;
		const header = serializeHeader({
			minZoom: info.minZoom,
			maxZoom: info.maxZoom,
			bounds: info.bounds,
			center: info.center,
			rootOffset,
			rootLength: root.length,
			metadataOffset,
			metadataLength: metadata.length,
			leavesOffset,
			leavesLength: leaves.length,
			dataOffset,
			dataLength: this.dataLength,
			addressedTiles: this.addressed,
			tileEntries: this.entries.length,
			tileContents: this.seen.size
		});
		const out = fs.openSync(this.path, 'w');
		try {
			for (const part of [header, root, metadata, leaves]) fs.writeSync(out, part);
			const input = fs.openSync(this.dataPath, 'r');
			const chunk = Buffer.alloc(1 << 20);
			try {
				let read: number;
				while ((read = fs.readSync(input, chunk, 0, chunk.length, null)) > 0) fs.writeSync(out, chunk, 0, read);
			} finally {
				fs.closeSync(input);
			}
		} finally {
			fs.closeSync(out);
			fs.rmSync(this.dataPath, { force: true });
		}
		return { bytes: dataOffset + this.dataLength, tiles: this.addressed };
	}

	/** Gives up: closes and removes the temporary file. */
	abort() {
		try {
			fs.closeSync(this.data);
		} catch {
			// already closed
		}
		fs.rmSync(this.dataPath, { force: true });
	}
}
