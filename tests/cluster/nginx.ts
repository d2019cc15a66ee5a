/**
 * nginx from Debian as the load balancer in front of the app servers, set up as the README's
 * deployment section asks: it always sets X-Forwarded-For (the servers run with
 * ADDRESS_HEADER=x-forwarded-for and XFF_DEPTH=1), passes the Host, allows report bodies of
 * 64 MB, and takes a server that refused a connection out of rotation for `FAIL_TIMEOUT_S`.
 * Its access log names the server each request went to.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const FAIL_TIMEOUT_S = 10;

export interface Balancer {
	origin: string;
	/** Access log lines: ms since the epoch, upstream address(es) tried, their status(es), the answer's status. */
	log(): { at: number; upstream: string; upstreamStatus: string; status: number }[];
	stop(): Promise<void>;
}

export async function startNginx(options: { port: number; servers: number[] }): Promise<Balancer> {
	// A directory of its own that nginx's workers can reach: started as root, they run as nobody and
	// write request bodies to the temporary directory.
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nadzor-cluster-nginx-'));
	fs.chmodSync(dir, 0o755);
	for (const sub of ['temp', 'logs']) fs.mkdirSync(path.join(dir, sub));
	fs.chmodSync(path.join(dir, 'temp'), 0o777);
	const access = path.join(dir, 'logs', 'access.log');
	const upstreams = options.servers
		.map((port) => `\t\tserver 127.0.0.1:${port} max_fails=1 fail_timeout=${FAIL_TIMEOUT_S}s;`)
		.join('\n');
	const conf = `
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/logs/error.log warn;
events { worker_connections 1024; }
http {
	client_body_temp_path ${dir}/temp/body;
	proxy_temp_path ${dir}/temp/proxy;
	fastcgi_temp_path ${dir}/temp/fastcgi;
	uwsgi_temp_path ${dir}/temp/uwsgi;
	scgi_temp_path ${dir}/temp/scgi;
	log_format upstreams '$msec|$upstream_addr|$upstream_status|$status';
	access_log ${access} upstreams;
	client_max_body_size 64m;
	upstream nadzor {
${upstreams}
		keepalive 32;
	}
	server {
		listen 127.0.0.1:${options.port};
		location / {
			proxy_pass http://nadzor;
			proxy_http_version 1.1;
			proxy_set_header Connection "";
			proxy_set_header Host $http_host;
			proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
			proxy_set_header X-Forwarded-Proto $scheme;
			proxy_read_timeout 120s;
		}
	}
}
`;
	const confFile = path.join(dir, 'nginx.conf');
	fs.writeFileSync(confFile, conf);
	const test = spawnSync('nginx', ['-t', '-q', '-c', confFile, '-p', dir], { encoding: 'utf8' });
	if (test.status !== 0) throw new Error(`nginx -t failed:\n${test.stderr}`);
	const child: ChildProcess = spawn('nginx', ['-c', confFile, '-p', dir, '-g', 'daemon off;'], {
		stdio: ['ignore', 'ignore', 'pipe']
	});
	let errors = '';
	child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
	const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
	const killOnExit = () => child.kill('SIGKILL');
	process.once('exit', killOnExit);
	const origin = `http://localhost:${options.port}`;
	const deadline = Date.now() + 10_000;
	for (;;) {
		const up = await fetch(`${origin}/healthz`)
			.then((response) => response.ok)
			.catch(() => false);
		if (up) break;
		if (child.exitCode !== null || Date.now() > deadline) throw new Error(`nginx did not start:\n${errors}`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	return {
		origin,
		log() {
			if (!fs.existsSync(access)) return [];
			return fs
				.readFileSync(access, 'utf8')
				.trim()
				.split('\n')
				.filter(Boolean)
				.map((line) => {
					const [msec, upstream, upstreamStatus, status] = line.split('|');
					return { at: Number(msec) * 1000, upstream, upstreamStatus, status: Number(status) };
				});
		},
		async stop() {
			process.off('exit', killOnExit);
			// SIGQUIT: graceful stop (SIGTERM is nginx's fast stop); SIGKILL if it lingers.
			child.kill('SIGQUIT');
			const stopped = await Promise.race([
				exited.then(() => true),
				new Promise((r) => setTimeout(() => r(false), 5000))
			]);
			if (!stopped) {
				child.kill('SIGKILL');
				await exited;
			}
			fs.rmSync(dir, { recursive: true, force: true });
		}
	};
}
