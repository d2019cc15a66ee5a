/**
 * The photo pipeline on real images: what is accepted, what is refused, and that nothing of
 * the original's metadata survives in what is stored (checked with exiftool, an independent reader).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { PhotoError, processPhoto } from '../../../src/lib/server/photos/pipeline';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nadzor-photos-'));

/** exiftool's view of a file: every tag, grouped (`-a -G1`). */
function exif(bytes: Uint8Array): Record<string, unknown> {
	const file = path.join(dir, `probe-${Math.random().toString(36).slice(2)}`);
	fs.writeFileSync(file, bytes);
	return JSON.parse(execFileSync('exiftool', ['-a', '-G1', '-j', file], { encoding: 'utf8' }))[0];
}

/** A 400×200 JPEG, left half red, right half blue, with GPS, camera serial, owner, date, XMP, IPTC and orientation 6. */
let phoneJpeg: Buffer;
beforeAll(async () => {
	const left = await sharp({ create: { width: 200, height: 200, channels: 3, background: '#ff0000' } })
		.png()
		.toBuffer();
	const plain = await sharp({ create: { width: 400, height: 200, channels: 3, background: '#0000ff' } })
		.composite([{ input: left, left: 0, top: 0 }])
		.jpeg({ quality: 90 })
		.toBuffer();
	const file = path.join(dir, 'phone.jpg');
	fs.writeFileSync(file, plain);
	execFileSync('exiftool', [
		'-q',
		'-overwrite_original',
		'-GPSLatitude=44.8153',
		'-GPSLatitudeRef=N',
		'-GPSLongitude=20.4604',
		'-GPSLongitudeRef=E',
		'-Orientation#=6',
		'-SerialNumber=CAM-12345',
		'-OwnerName=Jelena Petrović',
		'-DateTimeOriginal=2026:11:20 14:03:00',
		'-Make=PhonemakerX',
		'-XMP-dc:Creator=Jelena',
		'-IPTC:By-line=Jelena',
		file
	]);
	phoneJpeg = fs.readFileSync(file);
});

const forbidden =
	/GPS|Serial|Owner|DateTime|Create|Modify|Make|Model|Creator|By-line|Thumbnail|Orientation|Artist|Copyright|Software/i;

describe('photo pipeline', () => {
	it('reads the GPS position from the original', async () => {
		const { gps } = await processPhoto(phoneJpeg);
		expect(gps?.lat).toBeCloseTo(44.8153, 4);
		expect(gps?.lng).toBeCloseTo(20.4604, 4);
	});

	it('stores derivatives without any metadata at all', async () => {
		expect(Object.keys(exif(phoneJpeg)).some((tag) => /GPS/.test(tag))).toBe(true);
		const { derivatives } = await processPhoto(phoneJpeg);
		expect(derivatives.map((d) => d.variant).sort()).toEqual(['display', 'thumb']);
		for (const derivative of derivatives) {
			const tags = exif(derivative.bytes);
			const groups = new Set(Object.keys(tags).map((tag) => tag.split(':')[0]));
			const allowed = new Set(['SourceFile', 'ExifTool', 'System', 'File', 'RIFF', 'Composite']);
			expect([...groups].filter((group) => !allowed.has(group))).toEqual([]);
			expect(Object.keys(tags).filter((tag) => forbidden.test(tag) && !tag.startsWith('System:'))).toEqual([]);
			expect(JSON.stringify(tags)).not.toMatch(/CAM-12345|Jelena|PhonemakerX|2026:11:20/);
		}
	});

	it('applies the orientation: a 400×200 photo turned 90° clockwise is 200×400 with red on top', async () => {
		const display = (await processPhoto(phoneJpeg)).derivatives.find((d) => d.variant === 'display')!;
		expect([display.width, display.height]).toEqual([200, 400]);
		const { data, info } = await sharp(display.bytes).raw().toBuffer({ resolveWithObject: true });
		const pixel = (x: number, y: number) => {
			const i = (y * info.width + x) * info.channels;
			return [data[i], data[i + 1], data[i + 2]];
		};
		const [r1, , b1] = pixel(100, 50);
		const [r2, , b2] = pixel(100, 350);
		expect(r1).toBeGreaterThan(200);
		expect(b1).toBeLessThan(60);
		expect(b2).toBeGreaterThan(200);
		expect(r2).toBeLessThan(60);
	});

	it('accepts PNG and WebP by their content', async () => {
		const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#336699' } })
			.png()
			.toBuffer();
		const webp = await sharp(png).webp().toBuffer();
		for (const input of [png, webp]) {
			const { derivatives } = await processPhoto(input);
			expect(derivatives[0].contentType).toBe('image/webp');
			expect(derivatives[0].width).toBe(64);
		}
	});
});

describe('photo pipeline refuses', () => {
	async function refusal(input: Uint8Array): Promise<string> {
		try {
			await processPhoto(input);
		} catch (error) {
			expect(error).toBeInstanceOf(PhotoError);
			return (error as PhotoError).code;
		}
		throw new Error('accepted');
	}

	it('a 16000×16000 PNG bomb (under 1 MB) without decoding it', async () => {
		const bomb = await sharp({
			create: { width: 16000, height: 16000, channels: 3, background: '#000' },
			limitInputPixels: false
		})
			.png({ compressionLevel: 9 })
			.toBuffer();
		expect(bomb.byteLength).toBeLessThan(1_000_000);
		expect(await refusal(bomb)).toBe('too_many_pixels');
		// Encoding the 256-megapixel test image is CPU-bound: seconds on a busy 2-core machine.
	}, 60_000);

	it.each([
		['SVG', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', 'unsupported_type'],
		['HTML', '<!doctype html><html><body>hi</body></html>', 'unsupported_type'],
		['PDF', '%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF', 'unsupported_type'],
		[
			'GIF',
			'GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;',
			'unsupported_type'
		],
		['HEIC', '\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic', 'heic'],
		['empty', '', 'unsupported_type']
	])('%s', async (_name, text, code) => {
		expect(await refusal(Buffer.from(text, 'latin1'))).toBe(code);
	});

	it('random bytes', async () => {
		const random = Buffer.alloc(4096);
		for (let i = 0; i < random.length; i++) random[i] = (i * 7919 + 13) % 251;
		expect(await refusal(random)).toBe('unsupported_type');
	});

	it('a JPEG+HTML polyglot', async () => {
		const polyglot = Buffer.concat([phoneJpeg, Buffer.from('<html><script>alert(document.cookie)</script></html>')]);
		expect(await refusal(polyglot)).toBe('unsupported_type');
	});

	it('a truncated JPEG', async () => {
		expect(await refusal(phoneJpeg.subarray(0, Math.floor(phoneJpeg.length * 0.6)))).toBe('corrupt');
	});
});
