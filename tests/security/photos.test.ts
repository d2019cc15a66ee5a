/**
 * Uploads that are small on the wire but expensive to read (found by an adversarial probe): a PNG
 * with a zlib bomb in its colour profile, a PNG of a million and a half chunks, a progressive
 * JPEG of hundreds of scans. Each must cost bounded work: refused with a clear code, or processed
 * without the hidden cost. And one sender's photos must not hold up everyone else's.
 */
import { describe, expect, it } from 'vitest';
import { inTurn, PARALLEL_PHOTOS, PhotoError, processPhoto } from '../../src/lib/server/photos/pipeline';
import { iccpPng, manyChunkPng, manyScanJpeg } from '../support/hostile-images';

/** Runs `work` and reports the highest resident memory seen above the start, in MB. */
async function extraMemory<T>(work: () => Promise<T>): Promise<{ result: T | PhotoError; extraMb: number }> {
	global.gc?.();
	const before = process.memoryUsage().rss;
	let peak = before;
	const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
	try {
		const result = await work().catch((error: unknown) => {
			if (error instanceof PhotoError) return error;
			throw error;
		});
		peak = Math.max(peak, process.memoryUsage().rss);
		return { result, extraMb: (peak - before) / 2 ** 20 };
	} finally {
		clearInterval(sample);
	}
}

describe('hostile photos', () => {
	it('a 1 MB PNG whose colour profile inflates to 1 GB is processed without inflating it', async () => {
		const png = await iccpPng();
		expect(png.byteLength).toBeLessThan(1_100_000);
		const { result, extraMb } = await extraMemory(() => processPhoto(png));
		expect(result).not.toBeInstanceOf(PhotoError);
		expect(extraMb).toBeLessThan(200);
	});

	it('a PNG of 1.5 million chunks is refused as too complex, at small cost', async () => {
		const png = await manyChunkPng();
		const { result, extraMb } = await extraMemory(() => processPhoto(png));
		expect(result).toBeInstanceOf(PhotoError);
		expect((result as PhotoError).code).toBe('too_complex');
		expect(extraMb).toBeLessThan(200);
	});

	it('a 49-megapixel progressive JPEG of 880 scans is refused before decoding', async () => {
		const jpeg = await manyScanJpeg(880);
		expect(jpeg.byteLength).toBeLessThan(400_000);
		const { result } = await extraMemory(() => processPhoto(jpeg));
		expect(result).toBeInstanceOf(PhotoError);
		expect((result as PhotoError).code).toBe('too_complex');
	});

	it("one sender's queued photos do not hold up another sender's", async () => {
		const started: string[] = [];
		const releases: (() => void)[] = [];
		const job = (sender: string, name: string) =>
			inTurn(sender, async () => {
				started.push(name);
				await new Promise<void>((resolve) => releases.push(resolve));
			});
		// One sender fills every slot and queues as many again; then someone else sends one photo.
		const jobs = Array.from({ length: PARALLEL_PHOTOS * 2 }, (_, i) => job('busy', `busy-${i}`));
		await new Promise((resolve) => setImmediate(resolve));
		jobs.push(job('other', 'other'));
		await new Promise((resolve) => setImmediate(resolve));
		expect(started).toHaveLength(PARALLEL_PHOTOS);
		// The first slot that frees goes to the other sender, not to the busy one's next photo.
		releases.shift()!();
		await new Promise((resolve) => setImmediate(resolve));
		expect(started[PARALLEL_PHOTOS]).toBe('other');
		while (started.length < jobs.length || releases.length > 0) {
			releases.shift()?.();
			await new Promise((resolve) => setImmediate(resolve));
		}
		await Promise.all(jobs);
	});
});
