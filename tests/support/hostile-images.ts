/**
 * Hostile uploads that are valid images and small on the wire but expensive to read: shared by
 * the regression tests (tests/security/photos.test.ts) and the photo benchmark (bench/photos.ts).
 */
import zlib from 'node:zlib';
import sharp from 'sharp';

function chunk(type: string, data: Buffer): Buffer {
	const head = Buffer.alloc(8);
	head.writeUInt32BE(data.length, 0);
	head.write(type, 4, 'latin1');
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])), 0);
	return Buffer.concat([head, data, crc]);
}

/** The chunks of a PNG (signature left out), in order. */
function chunks(png: Buffer): { type: string; data: Buffer }[] {
	const out: { type: string; data: Buffer }[] = [];
	for (let at = 8; at + 12 <= png.length;) {
		const length = png.readUInt32BE(at);
		out.push({ type: png.toString('latin1', at + 4, at + 8), data: png.subarray(at + 8, at + 8 + length) });
		at += 12 + length;
	}
	return out;
}

const SIGNATURE = Buffer.from('\x89PNG\r\n\x1a\n', 'latin1');

async function smallPng(): Promise<Buffer> {
	return sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a6' } })
		.png()
		.toBuffer();
}

/**
 * A small PNG whose iCCP chunk is `compressedBytes` of zlib data that inflates to about a
 * thousand times as much (zeros): ~1 GB for the 1 MB the probe used.
 */
export async function iccpPng(compressedBytes = 1_000_000): Promise<Buffer> {
	const parts = chunks(await smallPng());
	const zeros = Buffer.alloc(1024 * 1024);
	const deflate = zlib.createDeflate({ level: 9 });
	const pieces: Buffer[] = [];
	let size = 0;
	deflate.on('data', (piece: Buffer) => {
		pieces.push(piece);
		size += piece.length;
	});
	while (size < compressedBytes) {
		deflate.write(zeros);
		await new Promise<void>((resolve) => deflate.flush(zlib.constants.Z_NO_FLUSH, () => resolve()));
	}
	await new Promise<void>((resolve) => deflate.end(() => resolve()));
	const profile = Buffer.concat([Buffer.from('icc\0\0', 'latin1'), Buffer.concat(pieces)]);
	const [ihdr, ...rest] = parts;
	return Buffer.concat([
		SIGNATURE,
		chunk(ihdr.type, ihdr.data),
		chunk('iCCP', profile),
		...rest.map((part) => chunk(part.type, part.data))
	]);
}

/** A small PNG with `count` empty private ancillary chunks before its image data (12 bytes each). */
export async function manyChunkPng(count = 1_500_000): Promise<Buffer> {
	const [ihdr, ...rest] = chunks(await smallPng());
	const empty = chunk('prVt', Buffer.alloc(0));
	const filler = Buffer.alloc(empty.length * count);
	for (let i = 0; i < count; i++) empty.copy(filler, i * empty.length);
	return Buffer.concat([SIGNATURE, chunk(ihdr.type, ihdr.data), filler, ...rest.map((p) => chunk(p.type, p.data))]);
}

/**
 * A flat-grey progressive JPEG of `width`×`height` (49 megapixels by default: under the pixel
 * limit) whose scan script is repeated until it has about `scans` scans; each extra scan is a
 * few bytes but makes the decoder pass over every block of the image again.
 */
export async function manyScanJpeg(scans = 880, width = 7000, height = 7000): Promise<Buffer> {
	const base = await sharp({ create: { width, height, channels: 3, background: '#808080' }, limitInputPixels: false })
		.jpeg({ progressive: true, quality: 50 })
		.toBuffer();
	// Split the file into its header (up to the first scan), the scans (each from its SOS marker
	// to the next one) and the end marker, then repeat the refinement scans (all but the first).
	const markers: number[] = [];
	for (let at = 2; at < base.length - 1; at++) {
		if (base[at] === 0xff && base[at + 1] === 0xda) markers.push(at);
	}
	const end = base.length - 2;
	const header = base.subarray(0, markers[0]);
	const scanParts = markers.map((start, i) => base.subarray(start, markers[i + 1] ?? end));
	// Only the small scans are repeated (AC scans of one component, a few dozen bytes: all their
	// blocks are empty runs), so the file stays small while every scan still visits every block.
	const refinements = scanParts.slice(1).filter((part) => part.length < 1000);
	const out: Buffer[] = [header, scanParts[0]];
	let total = 1;
	while (total < scans) {
		for (const part of refinements) {
			if (total >= scans) break;
			out.push(part);
			total++;
		}
	}
	out.push(base.subarray(end));
	return Buffer.concat(out);
}
