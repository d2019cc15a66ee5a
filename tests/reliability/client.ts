/**
 * A contributor's client: reports with photos posted to POST /api/v1/submissions with an
 * idempotency key, as the report page's outbox sends them, and the photos to send.
 */
import sharp from 'sharp';

export interface Reply {
	status: number;
	ms: number;
	id?: string;
	error?: string;
	message?: string;
	retryAfter?: string | null;
	/** The request failed without an HTTP answer (connection refused or reset). */
	network?: boolean;
}

export interface ReportOptions {
	key: string;
	lat: number;
	lng: number;
	photos: Uint8Array[];
	headers?: Record<string, string>;
	language?: string;
	signal?: AbortSignal;
}

export async function sendReport(origin: string, report: ReportOptions): Promise<Reply> {
	const body = new FormData();
	body.set('payload', JSON.stringify({ kind: 'new_camera', lat: report.lat, lng: report.lng, camera_type: 'dome' }));
	for (const [index, photo] of report.photos.entries()) {
		body.append('photos', new File([photo as BlobPart], `camera-${index}.jpg`, { type: 'image/jpeg' }));
	}
	const started = performance.now();
	try {
		const response = await fetch(`${origin}/api/v1/submissions`, {
			method: 'POST',
			body,
			signal: report.signal,
			headers: {
				'idempotency-key': report.key,
				origin,
				accept: 'application/json',
				'accept-language': report.language ?? 'en',
				...report.headers
			}
		});
		const answer = (await response.json().catch(() => ({}))) as { id?: string; error?: string; message?: string };
		return {
			status: response.status,
			ms: performance.now() - started,
			id: answer.id,
			error: answer.error,
			message: answer.message,
			retryAfter: response.headers.get('retry-after')
		};
	} catch {
		return { status: 0, ms: performance.now() - started, network: true };
	}
}

/** A JPEG of random noise of about `bytes` bytes (noise is the encoder's worst case: big files, few pixels). */
export async function noisePhoto(bytes: number, seed: number): Promise<Uint8Array> {
	// Noise at quality 90 costs about 2.2 bytes per pixel; one correction step gets within ~10 %.
	let pixels = bytes / 2.2;
	for (let attempt = 0; ; attempt++) {
		const width = Math.round(Math.sqrt((pixels * 4) / 3));
		const height = Math.round((width * 3) / 4);
		const raw = Buffer.alloc(width * height * 3);
		let state = seed * 2654435761 + 1;
		for (let i = 0; i < raw.length; i++) {
			state = (state * 1103515245 + 12345) >>> 0;
			raw[i] = state >>> 24;
		}
		const jpeg = await sharp(raw, { raw: { width, height, channels: 3 } })
			.jpeg({ quality: 90 })
			.toBuffer();
		if (attempt === 1 || Math.abs(jpeg.length - bytes) < bytes * 0.1) return new Uint8Array(jpeg);
		pixels *= bytes / jpeg.length;
	}
}

/** A small JPEG whose derivatives are unique to `seed` (so its stored files belong to one report only). */
export async function uniquePhoto(seed: number): Promise<Uint8Array> {
	const background = { r: seed % 256, g: Math.floor(seed / 256) % 256, b: 97 };
	const image = await sharp({ create: { width: 240, height: 180, channels: 3, background } })
		.composite([
			{
				input: Buffer.from(
					`<svg width="240" height="180"><rect x="${seed % 200}" y="${(seed * 7) % 140}" width="40" height="40" fill="#fff"/></svg>`
				)
			}
		])
		.jpeg({ quality: 90 })
		.toBuffer();
	return new Uint8Array(image);
}

export function percentile(values: number[], p: number): number {
	if (values.length === 0) return 0;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
