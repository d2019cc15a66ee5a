/**
 * One PMTiles v3 archive of vector tiles, read with random access from a local file: the header
 * and directories through the `pmtiles` reader (its directory cache), each tile as the bytes
 * stored in the archive (gzip-compressed MVT, served as they are: no decompression on the way).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { Compression, PMTiles, TileType, type Header, type RangeResponse, type Source } from 'pmtiles';

/** A tile as stored: gzip-compressed MVT (or, for an uncompressed archive, plain MVT). */
export interface StoredTile {
	bytes: Buffer;
	gzip: boolean;
}

export interface ArchiveInfo {
	/** Changes whenever the archive's contents do: part of every tile address. */
	version: string;
	minzoom: number;
	maxzoom: number;
	/** [west, south, east, north]. */
	bounds: [number, number, number, number];
	center: [number, number, number];
	/** The archive's `vector_layers` (TileJSON), when its metadata has them. */
	vectorLayers: unknown[];
	attribution?: string;
}

/** Reads byte ranges of a file; remembers which reads are tile data, so they stay compressed. */
class FileRangeSource implements Source {
	readonly tileReads = new WeakSet<ArrayBuffer>();
	tileData: [number, number] = [Infinity, Infinity];

	constructor(
		private readonly handle: fs.FileHandle,
		private readonly key: string
	) {}

	getKey() {
		return this.key;
	}

	async getBytes(offset: number, length: number): Promise<RangeResponse> {
		const buffer = Buffer.alloc(length);
		const { bytesRead } = await this.handle.read(buffer, 0, length, offset);
		const data = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + bytesRead) as ArrayBuffer;
		if (offset >= this.tileData[0] && offset < this.tileData[1]) this.tileReads.add(data);
		return { data };
	}
}

export class ArchiveError extends Error {}

export class BasemapArchive {
	private constructor(
		private readonly handle: fs.FileHandle,
		private readonly reader: PMTiles,
		readonly header: Header,
		readonly info: ArchiveInfo
	) {}

	/** Opens and checks `file`: a PMTiles v3 archive of vector tiles. Throws ArchiveError. */
	static async open(file: string): Promise<BasemapArchive> {
		let handle: fs.FileHandle;
		try {
			handle = await fs.open(file, 'r');
		} catch (cause) {
			const code = (cause as NodeJS.ErrnoException).code;
			throw new ArchiveError(code === 'ENOENT' ? 'file not found' : `cannot open (${code ?? 'error'})`);
		}
		try {
			const source = new FileRangeSource(handle, file);
			const reader = new PMTiles(source, undefined, async (data, compression) => {
				if (source.tileReads.has(data) || compression === Compression.None) return data;
				if (compression !== Compression.Gzip) throw new ArchiveError(`compression ${compression} is not supported`);
				const plain = gunzipSync(Buffer.from(data));
				return plain.buffer.slice(plain.byteOffset, plain.byteOffset + plain.byteLength) as ArrayBuffer;
			});
			let header: Header;
			let metadata: unknown;
			try {
				header = await reader.getHeader();
				metadata = await reader.getMetadata();
			} catch (cause) {
				throw new ArchiveError(`not a PMTiles v3 archive (${(cause as Error).message})`);
			}
			if (header.tileType !== TileType.Mvt) throw new ArchiveError('its tiles are not vector tiles (MVT)');
			if (header.tileCompression !== Compression.Gzip && header.tileCompression !== Compression.None) {
				throw new ArchiveError('its tiles must be gzip-compressed or uncompressed');
			}
			if (header.maxZoom > 22 || header.minZoom > header.maxZoom) throw new ArchiveError('its zoom range is invalid');
			source.tileData = [header.tileDataOffset, header.tileDataOffset + (header.tileDataLength ?? Infinity)];
			const firstBytes = Buffer.alloc(header.jsonMetadataOffset + header.jsonMetadataLength);
			await handle.read(firstBytes, 0, firstBytes.length, 0);
			const meta = (metadata ?? {}) as { vector_layers?: unknown[]; attribution?: string };
			const info: ArchiveInfo = {
				version: createHash('sha256').update(firstBytes).digest('base64url').slice(0, 12),
				minzoom: header.minZoom,
				maxzoom: header.maxZoom,
				bounds: [header.minLon, header.minLat, header.maxLon, header.maxLat],
				center: [header.centerLon, header.centerLat, header.centerZoom],
				vectorLayers: Array.isArray(meta.vector_layers) ? meta.vector_layers : [],
				attribution: typeof meta.attribution === 'string' ? meta.attribution : undefined
			};
			const archive = new BasemapArchive(handle, reader, header, info);
			return archive;
		} catch (error) {
			await handle.close();
			throw error;
		}
	}

	/** The stored tile, or undefined where the archive has none (an empty tile). */
	async tile(z: number, x: number, y: number): Promise<StoredTile | undefined> {
		const found = await this.reader.getZxy(z, x, y);
		if (!found || found.data.byteLength === 0) return undefined;
		return { bytes: Buffer.from(found.data), gzip: this.header.tileCompression === Compression.Gzip };
	}

	async close(): Promise<void> {
		await this.handle.close();
	}
}
