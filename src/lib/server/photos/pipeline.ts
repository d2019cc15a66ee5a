/**
 * The photo pipeline: accept JPEG, PNG and WebP by content (never by name or declared type),
 * bound decoding (size, pixel count, every other decoder blocked), apply the orientation,
 * strip every piece of metadata and re-encode a display size and a thumbnail. No original is
 * kept; the GPS position of the original is returned (for a report without coordinates) and
 * then forgotten.
 */
import { createHash } from 'node:crypto';
import os from 'node:os';
import sharp from 'sharp';
import { checkScanWork, ContainerError, inspect } from './structure';
import type { PhotoContentType } from '../db/schema';

export type Variant = 'display' | 'thumb';

export interface Derivative {
	variant: Variant;
	bytes: Uint8Array;
	contentType: PhotoContentType;
	width: number;
	height: number;
	sha256: string;
}

export interface ProcessedPhoto {
	derivatives: Derivative[];
	gps?: { lat: number; lng: number };
}

export type PhotoErrorCode = 'unsupported_type' | 'too_large' | 'too_many_pixels' | 'too_complex' | 'corrupt' | 'heic';

export class PhotoError extends Error {
	constructor(
		readonly code: PhotoErrorCode,
		message = code
	) {
		super(message);
		this.name = 'PhotoError';
	}
}

// Only the three formats we accept may be decoded at all: every other libvips loader (SVG,
// PDF, GIF, HEIF, TIFF, magick, ...) is switched off for the whole process.
sharp.block({ operation: ['VipsForeignLoad'] });
sharp.unblock({ operation: ['VipsForeignLoadJpegBuffer', 'VipsForeignLoadPngBuffer', 'VipsForeignLoadWebpBuffer'] });

const MAX_BYTES = 25 * 1024 * 1024;
const MAX_PIXELS = 50_000_000;
/** A backstop behind the scan limit: no photo may keep a decoder busy longer than this. */
const DECODE_TIMEOUT_SECONDS = 10;
const sizes: Record<Variant, number> = { display: 1600, thumb: 320 };

function sniff(bytes: Uint8Array): 'jpeg' | 'png' | 'webp' | 'heic' | null {
	const ascii = (start: number, end: number) => Buffer.from(bytes.subarray(start, end)).toString('latin1');
	if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
	if (ascii(0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
	if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
	if (ascii(4, 8) === 'ftyp' && /^(heic|heix|mif1|msf1|hevc)$/.test(ascii(8, 12))) return 'heic';
	return null;
}

/**
 * Markup hidden in an image (a JPEG+HTML polyglot, say) is refused outright: we re-encode, so
 * the stored file could never carry it, but such an upload is an attack, not a photo.
 */
const markup = /<(script|html|!doctype|svg|iframe|body|\?php)[\s>/]/i;

/**
 * At most this many photos are decoded and encoded at once; the others wait their turn here.
 * sharp runs on libuv's small thread pool (4 threads), which also does the database driver's
 * password hashing and file writes: 50 reports at once queued dozens of decodes in front of
 * them, so opening a database connection took over 15 s and reports failed with 503
 * (tests/reliability/load.test.ts). Waiting here also bounds memory: one decoded 12-megapixel
 * photo is ~36 MB.
 *
 * The turns are fair between senders (their client keys): a free slot goes to the waiting photo
 * whose sender has the fewest photos in work, the earliest first among equals, so one sender's
 * many expensive photos delay someone else's by at most the photos already in work.
 */
export const PARALLEL_PHOTOS = Math.max(1, Math.min(os.availableParallelism(), 3));
let running = 0;
const runningBySender = new Map<string, number>();
const waiting: { sender: string; start: () => void }[] = [];

function begin(sender: string) {
	running++;
	runningBySender.set(sender, (runningBySender.get(sender) ?? 0) + 1);
}

function finish(sender: string) {
	running--;
	const left = (runningBySender.get(sender) ?? 1) - 1;
	if (left > 0) runningBySender.set(sender, left);
	else runningBySender.delete(sender);
	if (waiting.length === 0 || running >= PARALLEL_PHOTOS) return;
	let chosen = 0;
	for (let i = 1; i < waiting.length; i++) {
		const busy = runningBySender.get(waiting[i].sender) ?? 0;
		if (busy < (runningBySender.get(waiting[chosen].sender) ?? 0)) chosen = i;
	}
	const [next] = waiting.splice(chosen, 1);
	begin(next.sender);
	next.start();
}

/** Runs `work` when a photo slot is free and it is `sender`'s turn. */
export async function inTurn<T>(sender: string, work: () => Promise<T>): Promise<T> {
	if (running < PARALLEL_PHOTOS) begin(sender);
	else await new Promise<void>((start) => waiting.push({ sender, start }));
	try {
		return await work();
	} finally {
		finish(sender);
	}
}

/** Processes one upload in `sender`'s turn (a client key as hex; anything that tells senders apart). */
export function processPhoto(input: Uint8Array, sender = ''): Promise<ProcessedPhoto> {
	return inTurn(sender, () => processNow(input));
}

async function processNow(input: Uint8Array): Promise<ProcessedPhoto> {
	if (input.byteLength > MAX_BYTES) throw new PhotoError('too_large');
	const type = sniff(input);
	if (type === 'heic') throw new PhotoError('heic');
	if (!type) throw new PhotoError('unsupported_type');
	if (markup.test(Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('latin1'))) {
		throw new PhotoError('unsupported_type');
	}
	let container: ReturnType<typeof inspect>;
	try {
		container = inspect(type, input);
	} catch (error) {
		if (error instanceof ContainerError) throw new PhotoError(error.code);
		throw new PhotoError('corrupt');
	}
	let metadata: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;
	try {
		metadata = await sharp(container.image, { limitInputPixels: false }).metadata();
	} catch {
		throw new PhotoError('corrupt');
	}
	const width = metadata.width ?? 0;
	const height = metadata.height ?? 0;
	if (width * height > MAX_PIXELS) throw new PhotoError('too_many_pixels');
	if (type === 'jpeg') {
		try {
			checkScanWork(container.scans, width, height);
		} catch (error) {
			if (error instanceof ContainerError) throw new PhotoError(error.code);
			throw error;
		}
	}
	const gps = container.gps;
	const derivatives: Derivative[] = [];
	// The original is decoded once, for the display size; the thumbnail is made from that
	// (already oriented, already stripped) image, which is far cheaper than decoding again.
	let source: Uint8Array = container.image;
	for (const variant of ['display', 'thumb'] as const) {
		try {
			const { data, info } = await sharp(source, { limitInputPixels: MAX_PIXELS, failOn: 'truncated' })
				.rotate()
				.resize({ width: sizes[variant], height: sizes[variant], fit: 'inside', withoutEnlargement: true })
				.webp({ quality: variant === 'display' ? 80 : 70, effort: 2 })
				.timeout({ seconds: DECODE_TIMEOUT_SECONDS })
				.toBuffer({ resolveWithObject: true });
			derivatives.push(derivative(variant, data, info.width, info.height));
			source = data;
		} catch (error) {
			throw new PhotoError(error instanceof Error && /timeout/i.test(error.message) ? 'too_complex' : 'corrupt');
		}
	}
	return { derivatives, gps };
}

/** A rectangle to blur, as fractions (0–1) of the image's width and height. */
export interface BlurRegion {
	x: number;
	y: number;
	w: number;
	h: number;
}

function derivative(variant: Variant, data: Buffer, width: number, height: number): Derivative {
	return {
		variant,
		bytes: new Uint8Array(data),
		contentType: 'image/webp',
		width,
		height,
		sha256: createHash('sha256').update(data).digest('hex')
	};
}

/**
 * Blurs regions of a stored display image (faces, plates) and derives the thumbnail again from
 * the result, so no stored size keeps the detail. Each region is first pixelated down to a
 * handful of blocks and then blurred: a plain blur of text can sometimes be reversed, blocks of
 * averaged colour cannot.
 */
export async function blurRegions(display: Uint8Array, regions: readonly BlurRegion[]): Promise<Derivative[]> {
	const image = sharp(display, { limitInputPixels: MAX_PIXELS, failOn: 'truncated' });
	const { width = 0, height = 0 } = await image.metadata();
	const patches = await Promise.all(
		regions.map(async (region) => {
			const left = Math.max(0, Math.floor(region.x * width));
			const top = Math.max(0, Math.floor(region.y * height));
			const w = Math.max(1, Math.min(width - left, Math.ceil(region.w * width)));
			const h = Math.max(1, Math.min(height - top, Math.ceil(region.h * height)));
			const blocks = { width: Math.max(1, Math.round(w / 16)), height: Math.max(1, Math.round(h / 16)) };
			const small = await sharp(display).extract({ left, top, width: w, height: h }).resize(blocks).toBuffer();
			const input = await sharp(small)
				.resize({ width: w, height: h, kernel: 'nearest' })
				.blur(Math.max(2, Math.min(w, h) / 12))
				.toBuffer();
			return { input, left, top };
		})
	);
	const { data, info } = await image
		.composite(patches)
		.webp({ quality: 80, effort: 2 })
		.toBuffer({ resolveWithObject: true });
	const thumb = await sharp(data)
		.resize({ width: sizes.thumb, height: sizes.thumb, fit: 'inside', withoutEnlargement: true })
		.webp({ quality: 70, effort: 2 })
		.toBuffer({ resolveWithObject: true });
	return [
		derivative('display', data, info.width, info.height),
		derivative('thumb', thumb.data, thumb.info.width, thumb.info.height)
	];
}
