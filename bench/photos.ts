/**
 * Photo pipeline: a 12-megapixel phone photo through `processPhoto` (p50/p95 of 15 runs), the
 * rejection of a 16000×16000 PNG bomb (time and extra resident memory), and the hostile uploads of
 * tests/support/hostile-images.ts (a 1 MB PNG whose iCCP profile inflates to 1 GB, a PNG of 1.5
 * million chunks, a 49-megapixel progressive JPEG of 880 scans): time, extra resident memory and
 * the longest the event loop was blocked, per file.
 * Run: node --import tsx bench/photos.ts
 */
import os from 'node:os';
import sharp from 'sharp';
import { processPhoto } from '../src/lib/server/photos/pipeline';
import { iccpPng, manyChunkPng, manyScanJpeg } from '../tests/support/hostile-images';

const percentile = (values: number[], p: number) =>
	[...values].sort((a, b) => a - b)[Math.ceil((p / 100) * values.length) - 1];

// A noisy 4000×3000 JPEG: noise keeps the encoder honest, like a real photo's texture.
const noise = Buffer.alloc(4000 * 3000 * 3);
for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
const photo = await sharp(noise, { raw: { width: 4000, height: 3000, channels: 3 } })
	.jpeg({ quality: 88 })
	.withExif({ IFD0: { Make: 'Bench', Orientation: '6' } })
	.toBuffer();

const times: number[] = [];
await processPhoto(photo); // warm-up
for (let i = 0; i < 15; i++) {
	const started = performance.now();
	await processPhoto(photo);
	times.push(performance.now() - started);
}

const bomb = await sharp({
	create: { width: 16000, height: 16000, channels: 3, background: '#000' },
	limitInputPixels: false
})
	.png({ compressionLevel: 9 })
	.toBuffer();
global.gc?.();
const rssBefore = process.memoryUsage().rss;
const bombTimes: number[] = [];
let peak = rssBefore;
for (let i = 0; i < 10; i++) {
	const started = performance.now();
	await processPhoto(bomb).catch(() => undefined);
	bombTimes.push(performance.now() - started);
	peak = Math.max(peak, process.memoryUsage().rss);
}

/** One hostile file: outcome, time, extra RSS (sampled every 5 ms) and the longest event-loop stall. */
async function hostile(name: string, file: Buffer): Promise<string[]> {
	global.gc?.();
	const before = process.memoryUsage().rss;
	let peak = before;
	let stall = 0;
	let last = performance.now();
	const sampler = setInterval(() => {
		const now = performance.now();
		stall = Math.max(stall, now - last - 5);
		last = now;
		peak = Math.max(peak, process.memoryUsage().rss);
	}, 5);
	const started = performance.now();
	const outcome = await processPhoto(file).then(
		() => 'processed',
		(error: { code?: string }) => `refused (${error.code})`
	);
	const ms = performance.now() - started;
	// A refusal found synchronously settles without the sampler ever running: count that stall too.
	stall = Math.max(stall, performance.now() - last - 5);
	clearInterval(sampler);
	peak = Math.max(peak, process.memoryUsage().rss);
	return [
		`${name} (${(file.byteLength / 1e3).toFixed(0)} KB)`,
		`${outcome}, ${ms.toFixed(0)} ms, +${((peak - before) / 2 ** 20).toFixed(0)} MB RSS, event loop blocked ≤ ${Math.max(0, stall).toFixed(0)} ms`
	];
}
const hostileRows = [
	await hostile('PNG with a 1 GB iCCP profile', await iccpPng()),
	await hostile('PNG of 1.5 million chunks', await manyChunkPng()),
	await hostile('49 MP progressive JPEG, 880 scans', await manyScanJpeg(880))
];

const rows = [
	['machine', `${os.cpus()[0].model}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB`],
	[
		'12 MP JPEG (4000×3000) p50 / p95',
		`${percentile(times, 50).toFixed(0)} ms / ${percentile(times, 95).toFixed(0)} ms`
	],
	['12 MP input size', `${(photo.byteLength / 1e6).toFixed(1)} MB`],
	['16000×16000 PNG bomb size', `${(bomb.byteLength / 1e3).toFixed(0)} KB`],
	['bomb rejected p50 / max', `${percentile(bombTimes, 50).toFixed(1)} ms / ${Math.max(...bombTimes).toFixed(1)} ms`],
	['extra RSS while rejecting', `${((peak - rssBefore) / 2 ** 20).toFixed(1)} MB`],
	['load average (1 min) at the end', os.loadavg()[0].toFixed(1)],
	...hostileRows
];
console.log('| measure | result |\n|---|---|');
for (const [name, value] of rows) console.log(`| ${name} | ${value} |`);
