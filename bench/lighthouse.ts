/**
 * Lighthouse (mobile: its default emulated phone, simulated slow 4G and 4× CPU slowdown) on the
 * public pages — the map `/`, `/report`, a camera page and `/stats` — against the production
 * build on the embedded database with the demo data, in Debian's Chromium, headless. Each page
 * is measured RUNS times; the run with the median performance score is reported.
 *
 *   npm run build && npx tsx bench/lighthouse.ts [--port 3166] [--runs 3] [--pages /,/report,camera,/stats]
 *
 * Prints a table of scores and metrics, then what held each page back; results go to
 * bench/RESULTS.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import lighthouse from 'lighthouse';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../tests/e2e/chromium';

const { values } = parseArgs({
	options: {
		port: { type: 'string', default: '3166' },
		'debug-port': { type: 'string', default: '3167' },
		runs: { type: 'string', default: '3' },
		/** A comma-separated subset, e.g. `/,/report` (`camera` for the camera page); all four by default. */
		pages: { type: 'string', default: '/,/report,camera,/stats' },
		chromium: { type: 'string', default: CHROMIUM_PATH }
	}
});
const PORT = Number(values.port);
const RUNS = Number(values.runs);
const ORIGIN = `http://localhost:${PORT}`;
if (!fs.existsSync('build/index.js')) throw new Error('build first: npm run build');

async function waitFor(url: string, child: ChildProcess, what: string) {
	for (let attempt = 0; attempt < 1500; attempt++) {
		if (child.exitCode !== null) throw new Error(`${what} exited`);
		if (
			await fetch(url).then(
				(response) => response.ok,
				() => false
			)
		)
			return;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`${what} did not start`);
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nadzor-lighthouse-'));
const app = spawn(process.execPath, ['build/index.js'], {
	env: {
		...process.env,
		PORT: String(PORT),
		HOST: '127.0.0.1',
		ORIGIN,
		DATA_DIR: dataDir,
		DATABASE_URL: '',
		LOG_LEVEL: 'warn'
	},
	stdio: ['ignore', 'inherit', 'inherit']
});
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'nadzor-lighthouse-chromium-'));
const chromium = spawn(
	values.chromium!,
	[
		'--headless=new',
		`--remote-debugging-port=${values['debug-port']}`,
		`--user-data-dir=${profile}`,
		...CHROMIUM_FLAGS,
		'about:blank'
	],
	{ stdio: 'ignore' }
);
const cleanup = () => {
	chromium.kill('SIGKILL');
	app.kill('SIGTERM');
	// Chromium may still be writing its profile as it dies.
	setTimeout(() => fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5 }), 500).unref();
};
process.once('exit', () => {
	chromium.kill('SIGKILL');
	app.kill('SIGTERM');
});

try {
	await waitFor(`${ORIGIN}/healthz`, app, 'the app');
	await waitFor(`http://127.0.0.1:${values['debug-port']}/json/version`, chromium, 'Chromium');
	const cameras = (await (await fetch(`${ORIGIN}/api/v1/cameras.geojson?bbox=20.2,44.6,20.7,45.0`)).json()) as {
		features: { id?: number; properties: { id?: number } }[];
	};
	const first = cameras.features[0];
	const cameraId = first?.id ?? first?.properties.id;
	if (cameraId === undefined) throw new Error('no demo camera found');
	const pages = values.pages!.split(',').map((name) => (name === 'camera' ? `/cameras/${cameraId}` : name));

	interface Run {
		performance: number;
		accessibility: number;
		metrics: Record<string, number>;
		failing: string[];
		opportunities: string[];
	}
	const metricIds = {
		FCP: 'first-contentful-paint',
		LCP: 'largest-contentful-paint',
		TBT: 'total-blocking-time',
		CLS: 'cumulative-layout-shift',
		SI: 'speed-index'
	};
	const results: { page: string; median: Run; scores: number[] }[] = [];
	for (const page of pages) {
		const runs: Run[] = [];
		for (let run = 0; run < RUNS; run++) {
			const result = await lighthouse(`${ORIGIN}${page}`, {
				port: Number(values['debug-port']),
				output: 'json',
				logLevel: 'error',
				onlyCategories: ['performance', 'accessibility']
			});
			if (!result) throw new Error(`no Lighthouse result for ${page}`);
			const { lhr } = result;
			const audits = lhr.audits;
			runs.push({
				performance: Math.round((lhr.categories.performance.score ?? 0) * 100),
				accessibility: Math.round((lhr.categories.accessibility.score ?? 0) * 100),
				metrics: Object.fromEntries(
					Object.entries(metricIds).map(([name, id]) => [name, audits[id]?.numericValue ?? NaN])
				),
				failing: lhr.categories.accessibility.auditRefs
					.filter((ref) => ref.weight > 0 && audits[ref.id]?.score !== null && (audits[ref.id]?.score ?? 1) < 1)
					.map((ref) => `${ref.id}: ${audits[ref.id].title}`),
				opportunities: Object.values(audits)
					.filter(
						(audit) =>
							audit.details?.type === 'opportunity' &&
							(audit.score ?? 1) < 0.9 &&
							((audit.details as { overallSavingsMs?: number }).overallSavingsMs ?? 0) > 0
					)
					.map(
						(audit) =>
							`${audit.id} (${Math.round((audit.details as { overallSavingsMs?: number }).overallSavingsMs ?? 0)} ms)`
					)
			});
		}
		const sorted = [...runs].sort((a, b) => a.performance - b.performance);
		results.push({ page, median: sorted[Math.floor(sorted.length / 2)], scores: runs.map((run) => run.performance) });
	}

	const ms = (value: number) => (value >= 1000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`);
	console.log(
		`\nLighthouse ${(await import('lighthouse/package.json', { with: { type: 'json' } })).default.version}, mobile, ${RUNS} runs per page (median by performance); load average ${os
			.loadavg()
			.map((v) => v.toFixed(1))
			.join(' / ')}\n`
	);
	console.log('| page | performance (runs) | accessibility | FCP | LCP | TBT | CLS | Speed Index |');
	console.log('| ---- | ------------------ | ------------- | --- | --- | --- | --- | ----------- |');
	for (const { page, median, scores } of results) {
		const m = median.metrics;
		console.log(
			`| ${page.startsWith('/cameras/') ? '/cameras/{id}' : page} | ${median.performance} (${scores.join(', ')}) | ${median.accessibility} | ${ms(m.FCP)} | ${ms(m.LCP)} | ${ms(m.TBT)} | ${m.CLS.toFixed(3)} | ${ms(m.SI)} |`
		);
	}
	for (const { page, median } of results) {
		if (median.failing.length === 0 && median.opportunities.length === 0) continue;
		console.log(`\n${page}:`);
		for (const line of median.failing) console.log(`  accessibility: ${line}`);
		for (const line of median.opportunities) console.log(`  performance: ${line}`);
	}
} finally {
	cleanup();
	await new Promise((resolve) => setTimeout(resolve, 1000));
	fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
	fs.rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 });
}
process.exit(0);
