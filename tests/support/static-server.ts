/**
 * A minimal static file server with HTTP range requests, like the static hosts and CDNs a
 * snapshot is published on (PMTiles readers fetch byte ranges). For tests and benchmarks.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const types: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.geojson': 'application/geo+json',
	'.pmtiles': 'application/octet-stream'
};

export function serveStatic(root: string, port: number, host = '127.0.0.1'): Promise<http.Server> {
	const server = http.createServer((request, response) => {
		const name = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
		const file = path.join(root, name === '/' ? 'index.html' : name);
		if (!file.startsWith(root) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
			response.writeHead(404).end();
			return;
		}
		const size = fs.statSync(file).size;
		const headers = {
			'content-type': types[path.extname(file)] ?? 'application/octet-stream',
			'accept-ranges': 'bytes'
		};
		const range = /^bytes=(\d+)-(\d*)$/.exec(request.headers.range ?? '');
		if (range) {
			const start = Number(range[1]);
			const end = Math.min(range[2] ? Number(range[2]) : size - 1, size - 1);
			response.writeHead(206, {
				...headers,
				'content-range': `bytes ${start}-${end}/${size}`,
				'content-length': end - start + 1
			});
			fs.createReadStream(file, { start, end }).pipe(response);
			return;
		}
		response.writeHead(200, { ...headers, 'content-length': size });
		fs.createReadStream(file).pipe(response);
	});
	return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}
