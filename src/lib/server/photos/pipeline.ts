/**
 * The photo pipeline: accept JPEG, PNG and WebP by content (never by name or declared type),
 * bound decoding (size, pixel count, every other decoder blocked), apply the orientation,
 * strip every piece of metadata and re-encode a display size and a thumbnail. No original is
 * kept; the GPS position of the original is returned (for a report without coordinates) and
 * then forgotten.
 */
import { createHash } from 'node:crypto';
import exifr from 'exifr';
import sharp from 'sharp';

export type Variant = 'display' | 'thumb';

export interface Derivative {
	variant: Variant;
	bytes: Uint8Array;
	contentType: string;
	width: number;
	height: number;
	sha256: string;
}

export interface ProcessedPhoto {
	derivatives: Derivative[];
	gps?: { lat: number; lng: number };
}

export type PhotoErrorCode = 'unsupported_type' | 'too_large' | 'too_many_pixels' | 'corrupt' | 'heic';

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

export async function processPhoto(input: Uint8Array): Promise<ProcessedPhoto> {
	if (input.byteLength > MAX_BYTES) throw new PhotoError('too_large');
	const type = sniff(input);
	if (type === 'heic') throw new PhotoError('heic');
	if (!type) throw new PhotoError('unsupported_type');
	if (markup.test(Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('latin1'))) {
		throw new PhotoError('unsupported_type');
	}
	let metadata: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;
	try {
		metadata = await sharp(input, { limitInputPixels: false }).metadata();
	} catch {
		throw new PhotoError('corrupt');
	}
	if ((metadata.width ?? 0) * (metadata.height ?? 0) > MAX_PIXELS) throw new PhotoError('too_many_pixels');
	let gps: ProcessedPhoto['gps'];
	try {
		const found = await exifr.gps(Buffer.from(input));
		if (found && Number.isFinite(found.latitude) && Number.isFinite(found.longitude)) {
			gps = { lat: found.latitude, lng: found.longitude };
		}
	} catch {
		gps = undefined;
	}
	const derivatives: Derivative[] = [];
	// The original is decoded once, for the display size; the thumbnail is made from that
	// (already oriented, already stripped) image, which is far cheaper than decoding again.
	let source: Uint8Array = input;
	for (const variant of ['display', 'thumb'] as const) {
		try {
			const { data, info } = await sharp(source, { limitInputPixels: MAX_PIXELS, failOn: 'truncated' })
				.rotate()
				.resize({ width: sizes[variant], height: sizes[variant], fit: 'inside', withoutEnlargement: true })
				.webp({ quality: variant === 'display' ? 80 : 70, effort: 2 })
				.toBuffer({ resolveWithObject: true });
			derivatives.push({
				variant,
				bytes: new Uint8Array(data),
				contentType: 'image/webp',
				width: info.width,
				height: info.height,
				sha256: createHash('sha256').update(data).digest('hex')
			});
			source = data;
		} catch {
			throw new PhotoError('corrupt');
		}
	}
	return { derivatives, gps };
}
