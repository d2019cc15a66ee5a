/**
 * A PMTiles archive written to disk, opened with the `pmtiles` reader (what a CDN-served map
 * would use), for checking what the snapshot writer produced.
 */
import fs from 'node:fs';
import { PMTiles, type RangeResponse, type Source } from 'pmtiles';

class BufferSource implements Source {
	constructor(
		private readonly bytes: Buffer,
		private readonly key: string
	) {}
	getKey() {
		return this.key;
	}
	async getBytes(offset: number, length: number): Promise<RangeResponse> {
		const slice = this.bytes.subarray(offset, offset + length);
		return { data: slice.buffer.slice(slice.byteOffset, slice.byteOffset + slice.byteLength) as ArrayBuffer };
	}
}

export function readArchive(file: string): PMTiles {
	return new PMTiles(new BufferSource(fs.readFileSync(file), file));
}
