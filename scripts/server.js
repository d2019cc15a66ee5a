// The production server: adapter-node's handler (build/handler.js) behind a fast path that
// answers requests already in memory (cached tiles, see src/lib/server/http/fast-path.ts)
// without the framework. `npm start`, `npm run serve`, the tests and the benchmarks run this;
// `node build/index.js` still works and gives the same answers, only slower ones.
//
// The same variables as adapter-node's own server: HOST, PORT (or SOCKET_PATH),
// SHUTDOWN_TIMEOUT, KEEP_ALIVE_TIMEOUT, HEADERS_TIMEOUT (socket activation is not supported here:
// use build/index.js for that). FULL_PATH_PORT, when set, opens a second listener on HOST that
// sends everything through the framework, for comparing the two paths (tests, bench/tiles.ts).
//
// On SIGTERM or SIGINT it stops accepting connections, closes idle ones, lets the requests in
// flight finish (at most SHUTDOWN_TIMEOUT seconds), then emits `sveltekit:shutdown`, on which the
// app closes its database (src/hooks.server.ts), as adapter-node's server does.
import http from 'node:http';
import process from 'node:process';

const build = new URL('../build/', import.meta.url);
// Importing the handler starts the app: its `init` hook opens the database and registers the
// fast path's sources before the first request is taken.
const { handler } = await import(new URL('handler.js', build).href);
const answerFast = globalThis[Symbol.for('nadzor.fast-path')] ?? (() => false);

const seconds = (name, fallback) => {
	const value = process.env[name];
	if (value === undefined || value === '') return fallback;
	const number = Number(value);
	if (!Number.isFinite(number) || number < 0) throw new Error(`${name} must be a number of seconds, not "${value}"`);
	return number;
};
const shutdownTimeout = seconds('SHUTDOWN_TIMEOUT', 30);
const keepAliveTimeout = seconds('KEEP_ALIVE_TIMEOUT', undefined);
const headersTimeout = seconds('HEADERS_TIMEOUT', undefined);

function notFound(req, res) {
	res.statusCode = 404;
	res.end();
}

/** adapter-node's handler, with a last resort for anything it lets escape. */
function framework(req, res) {
	Promise.resolve(handler(req, res, () => notFound(req, res))).catch((error) => {
		console.error(error);
		if (res.headersSent) res.destroy();
		else res.writeHead(500).end('Internal Server Error');
	});
}

let stopping = false;
const servers = [];

function listen(listener, options, label) {
	const server = http.createServer();
	if (keepAliveTimeout !== undefined) server.keepAliveTimeout = keepAliveTimeout * 1000;
	if (headersTimeout !== undefined) server.headersTimeout = headersTimeout * 1000;
	server.on('request', (req, res) => {
		res.on('close', () => {
			// While stopping, a keep-alive connection is closed as soon as its request is answered.
			if (stopping) server.closeIdleConnections();
		});
		listener(req, res);
	});
	server.listen(options, () => {
		const address = server.address();
		const where = typeof address === 'string' ? address : `http://${options.host}:${address?.port}`;
		console.log(`Listening on ${where}${label}`);
	});
	servers.push(server);
}

const socketPath = process.env.SOCKET_PATH || undefined;
const host = process.env.HOST || '0.0.0.0';
listen(
	(req, res) => {
		if (!answerFast(req, res)) framework(req, res);
	},
	socketPath ? { path: socketPath } : { host, port: Number(process.env.PORT || 3000) },
	''
);
if (process.env.FULL_PATH_PORT)
	listen(framework, { host, port: Number(process.env.FULL_PATH_PORT) }, ' (framework only)');

function shutdown(reason) {
	if (stopping) return;
	stopping = true;
	let open = servers.length;
	const deadline = setTimeout(() => servers.forEach((server) => server.closeAllConnections()), shutdownTimeout * 1000);
	for (const server of servers) {
		// close() waits for keep-alive connections to time out unless they are closed first.
		server.closeIdleConnections();
		server.close(() => {
			if (--open > 0) return;
			clearTimeout(deadline);
			process.emit('sveltekit:shutdown', reason);
		});
	}
}

process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
