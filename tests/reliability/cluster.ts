/**
 * A private PostgreSQL + PostGIS cluster for the reliability suite: made with initdb in a
 * temporary directory, listening on 127.0.0.1:5499 only, and stopped, restarted and removed by
 * the suite alone (never the machine's shared cluster). initdb refuses to run as root, so as root
 * the cluster belongs to the `postgres` user. The cluster suite (tests/cluster) makes its primary
 * here too, on another port and directory prefix, and a streaming replica of it (`createReplica`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export const CLUSTER_PORT = Number(process.env.RELIABILITY_PG_PORT ?? 5499);
const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const USER = 'nadzor';
const PASSWORD = 'reliability';

/** What the test files need to reach and control the cluster (passed with `provide`). */
export interface ClusterInfo {
	dataDir: string;
	port: number;
	adminUrl: string;
	settings: Record<string, string>;
}

const asRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL program as the cluster's owner. */
function run(
	program: string,
	args: string[],
	options: { allowFailure?: boolean; env?: Record<string, string> } = {}
): string {
	const command = asRoot ? 'runuser' : path.join(BIN, program);
	const argv = asRoot ? ['-u', 'postgres', '--', path.join(BIN, program), ...args] : args;
	const result = spawnSync(command, argv, { encoding: 'utf8', env: { ...process.env, ...options.env } });
	if (result.status !== 0 && !options.allowFailure) {
		throw new Error(`${program} ${args.join(' ')} failed:\n${result.stderr}${result.stdout}`);
	}
	return result.stdout;
}

export function urlFor(database: string, port = CLUSTER_PORT): string {
	return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

/** Clusters a run that was interrupted (Ctrl-C, a killed runner) left running: they hold the port. */
function removeLeftovers(prefix: string): void {
	for (const name of fs.readdirSync(os.tmpdir())) {
		if (!name.startsWith(prefix)) continue;
		const dir = path.join(os.tmpdir(), name);
		if (!fs.statSync(dir).isDirectory()) continue;
		if (fs.existsSync(path.join(dir, 'postmaster.pid'))) {
			run('pg_ctl', ['-D', dir, '-m', 'immediate', '-w', 'stop'], { allowFailure: true });
		}
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

export interface ClusterOptions {
	port?: number;
	/** Names the temporary directories (and the leftovers of an interrupted run to remove). */
	prefix?: string;
	/** Server settings (`-c name=value`) given at every start. */
	serverSettings?: Record<string, string>;
}

const DEFAULTS = { port: CLUSTER_PORT, prefix: 'nadzor-reliability-pg-' };

export async function createCluster(options: ClusterOptions = {}): Promise<ClusterInfo> {
	const { port, prefix } = { ...DEFAULTS, ...options };
	removeLeftovers(prefix);
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	const passwordFile = path.join(dataDir, '..', `${path.basename(dataDir)}.pw`);
	fs.writeFileSync(passwordFile, PASSWORD);
	if (asRoot) execFileSync('chown', ['postgres:postgres', dataDir, passwordFile]);
	try {
		run('initdb', [
			'-D',
			dataDir,
			'-U',
			USER,
			'--pwfile',
			passwordFile,
			'--auth',
			'scram-sha-256',
			'--no-sync',
			'-E',
			'UTF8',
			'--locale',
			'C'
		]);
	} finally {
		fs.rmSync(passwordFile, { force: true });
	}
	writeSettings(dataDir, options.serverSettings);
	start(dataDir, port);
	const adminUrl = urlFor('postgres', port);
	return { dataDir, port, adminUrl, settings: await settingsOf(adminUrl) };
}

/** Settings every start uses (in postgresql.auto.conf, which pg_basebackup copies to a replica). */
function writeSettings(dataDir: string, settings: Record<string, string> = {}): void {
	const lines = Object.entries(settings).map(([name, value]) => `${name} = '${value}'\n`);
	if (lines.length > 0) fs.appendFileSync(path.join(dataDir, 'postgresql.auto.conf'), lines.join(''));
}

async function settingsOf(adminUrl: string): Promise<Record<string, string>> {
	const client = new pg.Client({ connectionString: adminUrl });
	await client.connect();
	const names = [
		'server_version',
		'shared_buffers',
		'work_mem',
		'max_connections',
		'fsync',
		'synchronous_commit',
		'jit'
	];
	const { rows } = await client.query<{ name: string; value: string }>(
		'SELECT name, current_setting(name) AS value FROM unnest($1::text[]) AS name',
		[names]
	);
	await client.end();
	return Object.fromEntries(rows.map((row) => [row.name, row.value]));
}

/**
 * A streaming replica of `primary` on `port`: `pg_basebackup -R` (which writes standby.signal and
 * the connection to the primary) into a directory of its own, then started as a hot standby.
 */
export async function createReplica(primary: ClusterInfo, port: number, prefix: string): Promise<ClusterInfo> {
	removeLeftovers(prefix);
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	if (asRoot) execFileSync('chown', ['postgres:postgres', dataDir]);
	// A fast checkpoint to start from: the default spreads it over most of checkpoint_timeout (minutes).
	run(
		'pg_basebackup',
		[
			'-h',
			'127.0.0.1',
			'-p',
			String(primary.port),
			'-U',
			USER,
			'-D',
			dataDir,
			'-R',
			'-X',
			'stream',
			'--no-sync',
			'--checkpoint=fast'
		],
		{ env: { PGPASSWORD: PASSWORD } }
	);
	// The backup holds the primary's pid file and log; the replica writes its own.
	fs.rmSync(path.join(dataDir, 'server.log'), { force: true });
	start(dataDir, port);
	const adminUrl = urlFor('postgres', port);
	return { dataDir, port, adminUrl, settings: await settingsOf(adminUrl) };
}

export function start(dataDir: string, port = CLUSTER_PORT): void {
	run('pg_ctl', [
		'-D',
		dataDir,
		'-l',
		path.join(dataDir, 'server.log'),
		'-w',
		'-o',
		`-p ${port} -c listen_addresses=127.0.0.1 -k ${dataDir}`,
		'start'
	]);
}

/** Fast shutdown: sessions are terminated, in-flight transactions roll back. */
export function stop(dataDir: string): void {
	run('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
}

export function isReady(port = CLUSTER_PORT): boolean {
	return spawnSync(path.join(BIN, 'pg_isready'), ['-q', '-h', '127.0.0.1', '-p', String(port)]).status === 0;
}

export function removeCluster(dataDir: string): void {
	run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop'], { allowFailure: true });
	fs.rmSync(dataDir, { recursive: true, force: true });
}

/** A fresh database on the cluster, with PostGIS (the app migrates it on start). */
export async function createDatabase(adminUrl: string, name: string): Promise<string> {
	const client = new pg.Client({ connectionString: adminUrl });
	await client.connect();
	await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
	await client.query(`CREATE DATABASE ${name}`);
	await client.end();
	return urlFor(name, Number(new URL(adminUrl).port));
}
