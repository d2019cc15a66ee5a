/**
 * sqlmap (https://sqlmap.org, Debian package `sqlmap`) against the parameterised routes of the
 * built app: bbox, ids in paths, map filters, statistics, nearby cameras, the log-in form and
 * the report form, and the session cookie. Bounded: PostgreSQL payloads only,
 * boolean/error/stacked/time/UNION techniques at level 1 and risk 1 (level 2 for the cookie),
 * 1 s for time-based checks. Every target runs against PostgreSQL + PostGIS; against the
 * embedded database (the same queries, another engine build) the quicker half of them, to keep
 * the suite within minutes. Each run must have tested every parameter it was given and found
 * none injectable; a run that tested nothing fails.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../integration/app';
import { testBackend } from '../integration/harness';
import { arrange, type Arranged } from './routes';

interface Target {
	name: string;
	/** Path and query; `*` marks an injection point inside the path. */
	path: (things: Record<string, string>) => string;
	/** A form body to POST. */
	data?: (things: Record<string, string>) => string;
	/** The parameters sqlmap must report as tested (`URI #1*` for a `*` mark). */
	parameters: string[];
	/** Extra sqlmap arguments. */
	args?: string[];
	/** Also run against the embedded database. */
	embedded?: boolean;
}

const TARGETS: Target[] = [
	{
		name: 'bbox',
		path: () => '/api/v1/cameras.geojson?bbox=20.2,44.7,20.6,44.9',
		parameters: ['GET bbox'],
		embedded: true
	},
	{ name: 'camera id', path: (t) => `/api/v1/cameras/${t.camera}*.json`, parameters: ['URI #1*'], embedded: true },
	{ name: 'camera page id', path: (t) => `/cameras/${t.camera}*`, parameters: ['URI #1*'] },
	{
		name: 'map filters',
		path: () => '/tiles/cameras/14/9123/5905.mvt?type=camera&operator=police&confidence=verified',
		parameters: ['GET type', 'GET operator', 'GET confidence'],
		embedded: true
	},
	{ name: 'statistics', path: () => '/stats?area=belgrade', parameters: ['GET area'] },
	{
		name: 'official list',
		path: (t) => `/api/v1/official-lists/${t['official-list']}*/comparison.json`,
		parameters: ['URI #1*']
	},
	{
		name: 'nearby',
		path: () => '/api/v1/cameras/nearby?lat=44.8176&lng=20.4573&radius=25',
		parameters: ['GET lat', 'GET lng', 'GET radius'],
		embedded: true
	},
	{
		name: 'session cookie',
		path: () => '/account',
		parameters: ['Cookie session'],
		args: ['--cookie', `session=${'a'.repeat(32)}.${'b'.repeat(32)}`, '--level=2', '-p', 'session']
	},
	{
		name: 'log-in form',
		path: () => '/login',
		data: () => 'username=someone&password=not+the+password',
		parameters: ['POST username', 'POST password']
	},
	{
		name: 'report form',
		path: () => '/report',
		data: (t) => `kind=confirmation&camera_id=${t.camera}&idempotency_key=sqlmap-report-000001&note=seen+today`,
		parameters: ['POST kind', 'POST camera_id', 'POST idempotency_key', 'POST note'],
		embedded: true
	}
];

interface Run {
	output: string;
	code: number | null;
	tested: Set<string>;
	notInjectable: Set<string>;
}

function runSqlmap(args: string[]): Promise<Run> {
	return new Promise((resolve, reject) => {
		const child = spawn('sqlmap', args, { stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.on('error', (error) =>
			reject(new Error(`sqlmap could not be started (apt-get install sqlmap): ${error.message}`))
		);
		child.on('close', (code) => {
			const names = (pattern: RegExp) =>
				new Set([...output.matchAll(pattern)].map((match) => `${match[1]} ${match[2]}`));
			resolve({
				output,
				code,
				tested: names(/testing for SQL injection on (\w+) parameter '([^']+)'/g),
				notInjectable: names(/(\w+) parameter '([^']+)' does not seem to be injectable/g)
			});
		});
	});
}

/** Why a run does not show the parameters safe; empty when it does. */
function problems(run: Run, expected: string[]): string[] {
	const found: string[] = [];
	if (run.code !== 0) found.push(`sqlmap exited with ${run.code}`);
	for (const parameter of expected) if (!run.tested.has(parameter)) found.push(`${parameter} was not tested`);
	for (const parameter of run.tested) {
		if (!run.notInjectable.has(parameter)) found.push(`${parameter}: no "does not seem to be injectable" verdict`);
	}
	// An injection found, or a database error message in an answer (the heuristic names the DBMS).
	const alarm =
		/identified the following injection point|appears to be '.*' injectable|is vulnerable|possible DBMS: /.exec(
			run.output
		);
	if (alarm) found.push(`sqlmap says: ${alarm[0]}`);
	if (!run.output.includes('all tested parameters do not appear to be injectable')) found.push('no final verdict');
	return found;
}

describe(`sqlmap finds nothing injectable, built app (${testBackend()})`, () => {
	let app: TestApp;
	let arranged: Arranged;
	let outputDir: string;
	const backend = testBackend();

	beforeAll(async () => {
		app = await startApp();
		arranged = await arrange(app);
		outputDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nadzor-sqlmap-'));
	});
	afterAll(async () => {
		await app?.close();
		if (outputDir) fs.rmSync(outputDir, { recursive: true, force: true });
	});

	for (const target of TARGETS.filter((target) => backend === 'postgis' || target.embedded)) {
		it(target.name, async () => {
			const url = `http://127.0.0.1:${app.port}${target.path(arranged.things)}`;
			const run = await runSqlmap([
				'-u',
				url,
				...(target.data ? ['--data', target.data(arranged.things)] : []),
				// Same-site requests (the CSRF check) from a client address (what the proxy in front
				// adds), another one for every payload (the throttles).
				'--headers',
				`Origin: ${app.origin}\nX-Forwarded-For: 192.0.2.77`,
				'--tamper',
				'xforwardedfor',
				'--batch',
				'--dbms',
				'PostgreSQL',
				'--level=1',
				'--risk=1',
				'--technique=BEUST',
				'--time-sec=1',
				'--timeout=15',
				'--retries=1',
				'--threads=4',
				'--flush-session',
				'--disable-coloring',
				'--output-dir',
				outputDir,
				...(target.args ?? [])
			]);
			expect(problems(run, target.parameters), `${target.name}:\n${run.output.slice(-3000)}`).toEqual([]);
		});
	}

	it('the parser counts a run that tested nothing as a failure', async () => {
		// The health check takes no parameters, and the offer to inject into the path is declined.
		const run = await runSqlmap([
			'-u',
			`http://127.0.0.1:${app.port}/healthz`,
			'--batch',
			'--answers=URI injections=N',
			'--output-dir',
			outputDir
		]);
		expect(run.tested.size).toBe(0);
		// sqlmap's closing line alone proves nothing: it says the same after testing nothing.
		expect(run.output).toContain('all tested parameters do not appear to be injectable');
		expect(problems(run, ['URI #1*'])).toContain('URI #1* was not tested');
	});
});
