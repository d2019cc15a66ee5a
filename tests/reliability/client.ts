/**
 * A contributor's client: reports with photos posted to POST /api/v1/submissions with an
 * idempotency key, as the report page's outbox sends them, and the photos to send.
 */
import http from 'node:http';
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
	/** Why, for a network failure (e.g. ECONNREFUSED, ECONNRESET). */
	cause?: string;
}

export interface ReportOptions {
	key: string;
	lat: number;
	lng: number;
	photos: Uint8Array[];
	headers?: Record<string, string>;
	language?: string;
	signal?: AbortSignal;
	/**
	 * Connect from this loopback address (127.x.y.z), so a balancer in front sees one visitor per
	 * contributor (tests/cluster). fetch cannot choose its source address; node:http can.
	 */
	localAddress?: string;
}

export async function sendReport(origin: string, report: ReportOptions): Promise<Reply> {
	const body = new FormData();
	body.set('payload', JSON.stringify({ kind: 'new_camera', lat: report.lat, lng: report.lng, camera_type: 'dome' }));
	for (const [index, photo] of report.photos.entries()) {
		body.append('photos', new File([photo as BlobPart], `camera-${index}.jpg`, { type: 'image/jpeg' }));
	}
	const started = performance.now();
	const headers = {
		'idempotency-key': report.key,
		origin,
		accept: 'application/json',
		'accept-language': report.language ?? 'en',
		...report.headers
	};
	try {
		const request = new Request(`${origin}/api/v1/submissions`, {
			method: 'POST',
			body,
			signal: report.signal,
			headers
		});
		const response = report.localAddress ? await fromAddress(request, report.localAddress) : await fetch(request);
		const answer = (await response.json().catch(() => ({}))) as { id?: string; error?: string; message?: string };
		return {
			status: response.status,
			ms: performance.now() - started,
			id: answer.id,
			error: answer.error,
			message: answer.message,
			retryAfter: response.headers.get('retry-after')
		};
	} catch (error) {
		const cause = (error as { cause?: { code?: string; message?: string } }).cause;
		return { status: 0, ms: performance.now() - started, network: true, cause: cause?.code ?? cause?.message };
	}
}

/** Sends `request` over node:http from `localAddress` and answers with the response as fetch would. */
async function fromAddress(request: Request, localAddress: string): Promise<Response> {
	const body = Buffer.from(await request.arrayBuffer());
	const url = new URL(request.url);
	return new Promise((resolve, reject) => {
		const outgoing = http.request(
			{
				host: url.hostname,
				port: url.port,
				path: url.pathname + url.search,
				method: request.method,
				localAddress,
				headers: { ...Object.fromEntries(request.headers), 'content-length': String(body.length) },
				signal: request.signal
			},
			(incoming) => {
				const chunks: Buffer[] = [];
				incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
				incoming.on('error', reject);
				incoming.on('end', () => {
					const headers = new Headers();
					for (const [name, value] of Object.entries(incoming.headers)) {
						if (typeof value === 'string') headers.set(name, value);
					}
					resolve(new Response(Buffer.concat(chunks), { status: incoming.statusCode ?? 0, headers }));
				});
			}
		);
		// Shaped like fetch's failures, so a caller reads `cause.code` (ECONNRESET, ECONNREFUSED) either way.
		outgoing.on('error', (error) => reject(new TypeError('fetch failed', { cause: error })));
		outgoing.end(body);
	});
}

/**
 * A phone-sized photo (4000 × 3000, 12 megapixels): colour gradients with grain. The grain's
 * strength sets the file size, from about 1 MB (`grain` 0.03) to about 4 MB (0.12).
 */
export async function phonePhoto(grain: number, seed: number, width = 4000, height = 3000): Promise<Uint8Array> {
	const raw = Buffer.alloc(width * height * 3);
	let state = (seed * 2654435761) >>> 0;
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const i = (y * width + x) * 3;
			state = (state * 1103515245 + 12345) >>> 0;
			const noise = ((state >>> 24) - 128) * grain;
			raw[i] = Math.max(0, Math.min(255, (x * 255) / width + noise));
			raw[i + 1] = Math.max(0, Math.min(255, (y * 255) / height + noise));
			raw[i + 2] = Math.max(0, Math.min(255, ((seed * 40) % 256) + noise));
		}
	}
	return new Uint8Array(
		await sharp(raw, { raw: { width, height, channels: 3 } })
			.jpeg({ quality: 90 })
			.toBuffer()
	);
}

/** A small JPEG whose derivatives are unique to `seed` (so its stored files belong to one report only). */
export async function uniquePhoto(seed: number): Promise<Uint8Array> {
	const background = { r: seed % 256, g: Math.floor(seed / 256) % 256, b: 97 };
	const image = await sharp({ create: { width: 240, height: 180, channels: 3, background } })
		// A white square drawn by sharp itself: no image is decoded (the photo pipeline, loaded by the test
		// factories in the same process, blocks sharp's decoders but JPEG, PNG and WebP, so no SVG here).
		.composite([
			{
				input: { create: { width: 40, height: 40, channels: 3, background: '#ffffff' } },
				left: seed % 200,
				top: (seed * 7) % 140
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
