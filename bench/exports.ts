/**
 * Open-data export benchmark, run by hand against an existing camera database (read only):
 *
 *   BENCH_DATABASE_URL=postgres://nadzor:nadzor@127.0.0.1:5432/nadzor_bench_1000000 npx tsx bench/exports.ts
 *
 * Streams each format of the whole dataset (the same generator the endpoints and releases use)
 * into a byte counter and prints time, size, throughput and the largest growth of the resident
 * and heap memory over the start, sampled every 50 ms: constant memory means the growth does not
 * depend on the number of cameras.
 */
import { openDatabase } from '../src/lib/server/db';
import { exportChunks, exportFormats } from '../src/lib/server/exports/cameras';

const url = process.env.BENCH_DATABASE_URL;
if (!url) throw new Error('Set BENCH_DATABASE_URL to a database with cameras.');
const database = await openDatabase({ url, max: 2 });
const rows: string[][] = [];
try {
	for (const format of exportFormats) {
		global.gc?.();
		const start = { rss: process.memoryUsage().rss, heap: process.memoryUsage().heapUsed };
		let peakRss = 0;
		let peakHeap = 0;
		const sample = setInterval(() => {
			const now = process.memoryUsage();
			peakRss = Math.max(peakRss, now.rss - start.rss);
			peakHeap = Math.max(peakHeap, now.heapUsed - start.heap);
		}, 50);
		const started = performance.now();
		let bytes = 0;
		for await (const chunk of exportChunks(database.db, format, { filter: {} }, { origin: 'http://localhost' })) {
			bytes += Buffer.byteLength(chunk);
		}
		const seconds = (performance.now() - started) / 1000;
		clearInterval(sample);
		rows.push([
			format,
			seconds.toFixed(1),
			(bytes / 1e6).toFixed(1),
			(bytes / 1e6 / seconds).toFixed(1),
			(peakRss / 1e6).toFixed(1),
			(peakHeap / 1e6).toFixed(1)
		]);
	}
} finally {
	await database.close();
}
const header = ['format', 'seconds', 'MB', 'MB/s', 'max RSS growth (MB)', 'max heap growth (MB)'];
console.log(`| ${header.join(' | ')} |`);
console.log(`| ${header.map(() => '---').join(' | ')} |`);
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
