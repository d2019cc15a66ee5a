/**
 * Numbers each scenario records (appended to a JSON-lines file, since test files run in their
 * own workers) and the tables printed at the end of the run, for bench/RESULTS.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Which suite is recording (the cluster suite's config sets NADZOR_RESULTS_SUITE=cluster). */
const SUITE = process.env.NADZOR_RESULTS_SUITE ?? 'reliability';

export const RESULTS_FILE = path.join(os.tmpdir(), `nadzor-${SUITE}-results-${process.env.USER ?? 'user'}.jsonl`);

export type Row = [measure: string, value: string | number];

export function record(scenario: string, rows: Row[]): void {
	fs.appendFileSync(RESULTS_FILE, JSON.stringify({ scenario, rows }) + '\n');
}

export function printResults(settings: Record<string, string>, seconds: number, title = 'Reliability suite'): void {
	if (!fs.existsSync(RESULTS_FILE)) return;
	const lines = fs.readFileSync(RESULTS_FILE, 'utf8').trim().split('\n').filter(Boolean);
	const out: string[] = [
		'',
		`${title}: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, load average ${os
			.loadavg()
			.map((value) => value.toFixed(1))
			.join(' / ')}; node ${process.version}`,
		`Private PostgreSQL cluster: ${Object.entries(settings)
			.map(([name, value]) => `${name} ${value}`)
			.join(', ')}`,
		`Wall time: ${seconds.toFixed(0)} s`
	];
	for (const line of lines) {
		const { scenario, rows } = JSON.parse(line) as { scenario: string; rows: Row[] };
		const width = Math.max(7, ...rows.map(([label]) => label.length));
		const valueWidth = Math.max(5, ...rows.map(([, value]) => String(value).length));
		out.push('', `### ${scenario}`, '');
		out.push(`| ${'measure'.padEnd(width)} | ${'value'.padEnd(valueWidth)} |`);
		out.push(`| ${'-'.repeat(width)} | ${'-'.repeat(valueWidth)} |`);
		for (const [label, value] of rows) out.push(`| ${label.padEnd(width)} | ${String(value).padEnd(valueWidth)} |`);
	}
	console.log(out.join('\n'));
}
