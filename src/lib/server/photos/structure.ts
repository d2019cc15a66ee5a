/**
 * A bounded look at an upload's container before any decoder sees it: the segments of a JPEG,
 * the chunks of a PNG, the RIFF chunks of a WebP. It reads the GPS position from the Exif block
 * (uncompressed TIFF, read in place) and never inflates anything, so a hostile file costs at most
 * one pass over its own bytes: no compressed profile or text chunk is decompressed here, and
 * none reaches the decoder either (PNGs are rebuilt from their image chunks only).
 *
 * Limits, each refused as `too_complex`:
 * - a PNG with more than MAX_PNG_CHUNKS chunks (encoders write image data in 8–64 KB chunks:
 *   a 25 MB PNG has a few thousand);
 * - a WebP with more than MAX_WEBP_CHUNKS chunks;
 * - a JPEG with more than MAX_JPEG_SCANS scans, or whose scans × megapixels exceed
 *   MAX_SCAN_MEGAPIXELS: every scan of a progressive JPEG makes the decoder visit every block of
 *   the image again, so the decoding work is their product (a camera's progressive JPEG has about
 *   ten scans).
 */

export const MAX_PNG_CHUNKS = 20_000;
export const MAX_WEBP_CHUNKS = 1_000;
export const MAX_JPEG_SCANS = 100;
export const MAX_SCAN_MEGAPIXELS = 1_000;
/** Entries read from one TIFF directory at most (real Exif blocks have a few dozen). */
const MAX_IFD_ENTRIES = 512;

export type ContainerProblem = 'corrupt' | 'too_complex';

export class ContainerError extends Error {
	constructor(readonly code: ContainerProblem) {
		super(code);
		this.name = 'ContainerError';
	}
}

export interface Container {
	/** The bytes to hand to the decoder (for a PNG: rebuilt from its image chunks only). */
	image: Uint8Array;
	gps?: { lat: number; lng: number };
	/** Scans in a JPEG (1 for a baseline one), 0 for other formats. */
	scans: number;
}

export function inspect(type: 'jpeg' | 'png' | 'webp', bytes: Uint8Array): Container {
	const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	if (type === 'jpeg') return inspectJpeg(buffer);
	if (type === 'png') return inspectPng(buffer);
	return inspectWebp(buffer);
}

/**
 * Refuses a JPEG whose scans would cost too much to decode (`width × height` from the decoder's
 * header read, which does not decode any scan).
 */
export function checkScanWork(scans: number, width: number, height: number): void {
	if (scans > MAX_JPEG_SCANS || scans * ((width * height) / 1e6) > MAX_SCAN_MEGAPIXELS) {
		throw new ContainerError('too_complex');
	}
}

function inspectJpeg(buffer: Buffer): Container {
	let gps: Container['gps'];
	let scans = 0;
	let at = 2;
	while (at + 4 <= buffer.length) {
		if (buffer[at] !== 0xff) throw new ContainerError('corrupt');
		const marker = buffer[at + 1];
		if (marker === 0xff) {
			at++; // fill byte
			continue;
		}
		if (marker === 0xd9) break; // end of image
		if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
			at += 2;
			continue;
		}
		const length = buffer.readUInt16BE(at + 2);
		if (length < 2 || at + 2 + length > buffer.length) throw new ContainerError('corrupt');
		if (marker === 0xe1 && gps === undefined && buffer.toString('latin1', at + 4, at + 10) === 'Exif\0\0') {
			gps = gpsFromTiff(buffer.subarray(at + 10, at + 2 + length));
		}
		at += 2 + length;
		if (marker === 0xda) {
			scans++;
			if (scans > MAX_JPEG_SCANS) throw new ContainerError('too_complex');
			// Entropy-coded data runs to the next marker that is neither a stuffed 0xFF00 nor a restart.
			for (;;) {
				const next = buffer.indexOf(0xff, at);
				if (next < 0 || next + 1 >= buffer.length) {
					at = buffer.length;
					break;
				}
				const after = buffer[next + 1];
				if (after === 0x00 || (after >= 0xd0 && after <= 0xd7) || after === 0xff) {
					at = next + (after === 0xff ? 1 : 2);
					continue;
				}
				at = next;
				break;
			}
		}
	}
	return { image: buffer, gps, scans };
}

const PNG_SIGNATURE_LENGTH = 8;
/** The chunks a PNG's pixels are made of; every other chunk (profiles, text, Exif, time, animation) is left out. */
const IMAGE_CHUNKS = new Set(['IHDR', 'PLTE', 'tRNS', 'IDAT', 'IEND']);

function inspectPng(buffer: Buffer): Container {
	const kept: Buffer[] = [buffer.subarray(0, PNG_SIGNATURE_LENGTH)];
	let gps: Container['gps'];
	let count = 0;
	let at = PNG_SIGNATURE_LENGTH;
	while (at + 12 <= buffer.length) {
		if (++count > MAX_PNG_CHUNKS) throw new ContainerError('too_complex');
		const length = buffer.readUInt32BE(at);
		const end = at + 12 + length;
		if (end > buffer.length) throw new ContainerError('corrupt');
		const type = buffer.toString('latin1', at + 4, at + 8);
		if (IMAGE_CHUNKS.has(type)) kept.push(buffer.subarray(at, end));
		else if (type === 'eXIf' && gps === undefined) gps = gpsFromTiff(buffer.subarray(at + 8, at + 8 + length));
		at = end;
		if (type === 'IEND') break;
	}
	return { image: Buffer.concat(kept), gps, scans: 0 };
}

function inspectWebp(buffer: Buffer): Container {
	let gps: Container['gps'];
	let count = 0;
	let at = 12;
	while (at + 8 <= buffer.length) {
		if (++count > MAX_WEBP_CHUNKS) throw new ContainerError('too_complex');
		const type = buffer.toString('latin1', at, at + 4);
		const length = buffer.readUInt32LE(at + 4);
		const end = at + 8 + length;
		if (end > buffer.length) throw new ContainerError('corrupt');
		if (type === 'EXIF' && gps === undefined) {
			let tiff = buffer.subarray(at + 8, end);
			// Some writers keep the JPEG-style "Exif\0\0" prefix.
			if (tiff.toString('latin1', 0, 6) === 'Exif\0\0') tiff = tiff.subarray(6);
			gps = gpsFromTiff(tiff);
		}
		at = end + (length % 2); // chunks are padded to an even length
	}
	return { image: buffer, gps, scans: 0 };
}

/**
 * The GPS position in a TIFF (Exif) block: IFD0's GPS pointer, then latitude and longitude as
 * three rationals each with their N/S and E/W references. Anything out of place gives no position.
 */
function gpsFromTiff(tiff: Buffer): Container['gps'] {
	if (tiff.length < 8) return undefined;
	const order = tiff.toString('latin1', 0, 2);
	if (order !== 'II' && order !== 'MM') return undefined;
	const little = order === 'II';
	const u16 = (offset: number) => (little ? tiff.readUInt16LE(offset) : tiff.readUInt16BE(offset));
	const u32 = (offset: number) => (little ? tiff.readUInt32LE(offset) : tiff.readUInt32BE(offset));
	const inside = (offset: number, length: number) => offset >= 0 && offset + length <= tiff.length;

	function entries(ifd: number): Map<number, { type: number; count: number; valueAt: number }> {
		const found = new Map<number, { type: number; count: number; valueAt: number }>();
		if (!inside(ifd, 2)) return found;
		const count = Math.min(u16(ifd), MAX_IFD_ENTRIES);
		for (let i = 0; i < count; i++) {
			const entry = ifd + 2 + i * 12;
			if (!inside(entry, 12)) break;
			found.set(u16(entry), { type: u16(entry + 2), count: u32(entry + 4), valueAt: entry + 8 });
		}
		return found;
	}

	const ifd0 = entries(u32(4));
	const pointer = ifd0.get(0x8825);
	if (!pointer) return undefined;
	const gpsIfd = entries(u32(pointer.valueAt));
	const reference = (tag: number) => {
		const entry = gpsIfd.get(tag);
		return entry && entry.type === 2 ? String.fromCharCode(tiff[entry.valueAt]) : undefined;
	};
	const degrees = (tag: number) => {
		const entry = gpsIfd.get(tag);
		if (!entry || entry.type !== 5 || entry.count !== 3) return undefined;
		const at = u32(entry.valueAt);
		if (!inside(at, 24)) return undefined;
		const parts = [0, 1, 2].map((i) => u32(at + i * 8) / u32(at + i * 8 + 4));
		const value = parts[0] + parts[1] / 60 + parts[2] / 3600;
		return Number.isFinite(value) ? value : undefined;
	};
	const lat = degrees(2);
	const lng = degrees(4);
	if (lat === undefined || lng === undefined) return undefined;
	const signedLat = reference(1) === 'S' ? -lat : lat;
	const signedLng = reference(3) === 'W' ? -lng : lng;
	if (Math.abs(signedLat) > 90 || Math.abs(signedLng) > 180) return undefined;
	return { lat: signedLat, lng: signedLng };
}
