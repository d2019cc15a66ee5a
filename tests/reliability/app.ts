/**
 * The real production server (`node scripts/server.js`) as a child process with its own PORT,
 * DATA_DIR and ORIGIN, on a database of the private cluster: started, signalled, killed and
 * restarted by the scenarios, with its resident memory sampled from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve('.');
const SERVER_ENTRY = path.join(ROOT, 'scripts', 'server.js');

/**
 * The app port of scenario `index` (0–5): RELIABILITY_APP_PORT (3160 unless set) plus the index, so
 * two checkouts can run the suite at once on their own ports (with RELIABILITY_PG_PORT and TMPDIR).
 */
export function appPort(index: number): number {
	return Number(process.env.RELIABILITY_APP_PORT ?? 3160) + index;
}

export interface AppOptions {
	port: number;
	dataDir: string;
	databaseUrl: string;
	env?: Record<string, string>;
}

export interface RunningApp {
	child: ChildProcess;
	pid: number;
	origin: string;
	/** Everything the server wrote to stdout and stderr. */
	output(): string;
	/** Resolves with the exit code (null when killed by a signal) and the signal. */
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
	/** The largest resident set size seen so far, in bytes (sampled every 100 ms). */
	peakRss(): number;
	alive(): boolean;
	kill(signal: NodeJS.Signals): void;
	/** SIGKILL if still running, and wait for the exit. */
	stop(): Promise<void>;
}

function rssOf(pid: number): number {
	try {
		const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
		const match = /VmRSS:\s+(\d+) kB/.exec(status);
		return match ? Number(match[1]) * 1024 : 0;
	} catch {
		return 0;
	}
}

export async function startApp(options: AppOptions): Promise<RunningApp> {
	const origin = `http://localhost:${options.port}`;
	const child = spawn(process.execPath, [SERVER_ENTRY], {
		cwd: ROOT,
		env: {
			...process.env,
			PORT: String(options.port),
			HOST: '127.0.0.1',
			ORIGIN: origin,
			DATA_DIR: options.dataDir,
			DATABASE_URL: options.databaseUrl,
			SEED_DEMO: 'false',
			LOG_LEVEL: 'warn',
			BODY_SIZE_LIMIT: '64M',
			RATE_LIMIT_SUBMISSIONS_PER_HOUR: '1000000',
			RATE_LIMIT_SUBMISSIONS_PER_DAY: '1000000',
			...options.env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
		child.on('exit', (code, signal) => resolve({ code, signal }))
	);
	let peak = 0;
	const sampler = setInterval(() => (peak = Math.max(peak, rssOf(child.pid!))), 100);
	void exited.then(() => clearInterval(sampler));
	const killOnExit = () => child.kill('SIGKILL');
	process.once('exit', killOnExit);
	void exited.then(() => process.off('exit', killOnExit));

	const app: RunningApp = {
		child,
		pid: child.pid!,
		origin,
		output: () => output,
		exited,
		peakRss: () => peak,
		alive: () => child.exitCode === null && child.signalCode === null,
		kill: (signal) => child.kill(signal),
		async stop() {
			if (app.alive()) child.kill('SIGKILL');
			await exited;
			// The server's log, for looking into a failure.
			fs.writeFileSync(path.join(options.dataDir, '..', `${path.basename(options.dataDir)}.log`), output);
		}
	};
	const deadline = Date.now() + 90_000;
	for (;;) {
		if (!app.alive()) throw new Error(`the app exited during start-up:\n${output}`);
		// A server behind a balancer (ADDRESS_HEADER) needs the header the balancer always sets.
		const healthy = await fetch(`http://127.0.0.1:${options.port}/healthz`, {
			headers: { 'x-forwarded-for': '127.0.0.1' }
		})
			.then((response) => response.ok)
			.catch(() => false);
		if (healthy) return app;
		if (Date.now() > deadline) {
			await app.stop();
			throw new Error(`the app did not become healthy within 90 s:\n${output}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}
