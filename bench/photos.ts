/**
 * Photo pipeline: a 12-megapixel phone photo through `processPhoto` (p50/p95 of 15 runs) and
 * the rejection of a 16000×16000 PNG bomb (time and extra resident memory).
 * Run: node --import tsx bench/photos.ts
 */
import os from 'node:os';
import sharp from 'sharp';
import { processPhoto } from '../src/lib/server/photos/pipeline';

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

const rows = [
	['machine', `${os.cpus()[0].model}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB`],
	[
		'12 MP JPEG (4000×3000) p50 / p95',
		`${percentile(times, 50).toFixed(0)} ms / ${percentile(times, 95).toFixed(0)} ms`
	],
	['12 MP input size', `${(photo.byteLength / 1e6).toFixed(1)} MB`],
	['16000×16000 PNG bomb size', `${(bomb.byteLength / 1e3).toFixed(0)} KB`],
	['bomb rejected p50 / max', `${percentile(bombTimes, 50).toFixed(1)} ms / ${Math.max(...bombTimes).toFixed(1)} ms`],
	['extra RSS while rejecting', `${((peak - rssBefore) / 2 ** 20).toFixed(1)} MB`]
];
console.log('| measure | result |\n|---|---|');
for (const [name, value] of rows) console.log(`| ${name} | ${value} |`);
