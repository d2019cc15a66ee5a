/**
 * Body size limits (an oversized body is refused before it is read), path traversal on photo,
 * tile and static URLs, and regressions found by the fuzzer.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { form, startApp, type TestApp } from '../integration/app';
import { testBackend } from '../integration/harness';
import { arrange, leaksIn, nextAddress, type Arranged } from './routes';
import { SMALL_BODY_BYTES } from '../../src/lib/server/http/security';
import { MAX_REQUEST_BYTES } from '../../src/lib/server/submissions/http';

interface SlowReply {
	status: number;
	/** Bytes of the body written before the answer arrived. */
	sentBeforeAnswer: number;
	head: string;
}

/**
 * Declares `declared` bytes and sends the body 100 bytes at a time, one piece every 50 ms;
 * resolves with the answer's status and how much of the body had gone out by then.
 */
function slowBody(app: TestApp, path: string, declared: number, contentType: string): Promise<SlowReply> {
	const url = new URL(app.origin);
	return new Promise((resolve, reject) => {
		const socket = net.connect(app.port, '127.0.0.1');
		let sent = 0;
		let received = '';
		let timer: ReturnType<typeof setInterval> | undefined;
		const giveUp = setTimeout(() => {
			socket.destroy();
			reject(new Error(`no answer after ${sent} bytes`));
		}, 20_000);
		socket.on('connect', () => {
			socket.write(
				`POST ${path} HTTP/1.1\r\nhost: ${url.host}\r\norigin: ${app.origin}\r\n` +
					`x-forwarded-for: ${nextAddress()}\r\ncontent-type: ${contentType}\r\n` +
					`content-length: ${declared}\r\n\r\n`
			);
			timer = setInterval(() => {
				if (socket.writable) {
					socket.write('x'.repeat(100));
					sent += 100;
				}
			}, 50);
		});
		socket.on('data', (chunk) => {
			received += chunk.toString('latin1');
			const status = /^HTTP\/1\.1 (\d{3})/.exec(received);
			if (!status) return;
			clearInterval(timer);
			clearTimeout(giveUp);
			socket.destroy();
			resolve({ status: Number(status[1]), sentBeforeAnswer: sent, head: received.split('\r\n\r\n')[0] });
		});
		socket.on('error', (error) => {
			clearInterval(timer);
			clearTimeout(giveUp);
			reject(error);
		});
	});
}

describe(`limits and path traversal, built app (${testBackend()})`, () => {
	let app: TestApp;
	let arranged: Arranged;

	beforeAll(async () => {
		app = await startApp();
		arranged = await arrange(app);
	});
	afterAll(() => app?.close());

	it('an oversized report is refused with 413 before its body is sent', async () => {
		const reply = await slowBody(app, '/api/v1/submissions', 10 * 1024 ** 3, 'multipart/form-data; boundary=x');
		expect(reply.status).toBe(413);
		expect(reply.sentBeforeAnswer).toBeLessThan(10_000);
		const declaredJustOver = await slowBody(app, '/report', MAX_REQUEST_BYTES + 1, 'multipart/form-data; boundary=x');
		expect(declaredJustOver.status).toBe(413);
	});

	it('every other route refuses a body over the small limit with 413 before reading it', async () => {
		for (const path of [
			'/login',
			'/signup',
			'/api/v1/exposure',
			`/report/status/${arranged.things['a-status']}?/answer`
		]) {
			const reply = await slowBody(app, path, SMALL_BODY_BYTES + 1, 'application/x-www-form-urlencoded');
			expect(reply.status, path).toBe(413);
			expect(reply.sentBeforeAnswer, path).toBeLessThan(10_000);
		}
		// At the limit, the request goes on to the route (a log-in form that is merely wrong).
		const { body, headers } = form({ username: 'nobody', password: 'x'.repeat(1000) });
		const reply = await app.request('/login', {
			method: 'POST',
			body,
			address: nextAddress(),
			headers: { ...headers, origin: app.origin }
		});
		expect(reply.status).toBe(400);
	});

	it('a chunked body (no length) is refused outside the report uploads', async () => {
		const reply = await new Promise<number>((resolve, reject) => {
			const socket = net.connect(app.port, '127.0.0.1', () => {
				socket.write(
					`POST /login HTTP/1.1\r\nhost: ${new URL(app.origin).host}\r\norigin: ${app.origin}\r\n` +
						`content-type: application/x-www-form-urlencoded\r\ntransfer-encoding: chunked\r\n\r\n5\r\nuser=\r\n`
				);
			});
			socket.on('data', (chunk) => {
				resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(chunk.toString('latin1'))?.[1]));
				socket.destroy();
			});
			socket.on('error', reject);
		});
		expect(reply).toBe(411);
	});

	it('a report larger than the server lets through is a 413, not a 400', async () => {
		// The test server runs with adapter-node's default BODY_SIZE_LIMIT (512 KB), below MAX_REQUEST_BYTES.
		const boundary = 'b0undary';
		const body = `--${boundary}\r\ncontent-disposition: form-data; name="note"\r\n\r\n${'x'.repeat(600_000)}\r\n--${boundary}--\r\n`;
		const reply = await app.request('/api/v1/submissions', {
			method: 'POST',
			body,
			address: nextAddress(),
			headers: {
				'content-type': `multipart/form-data; boundary=${boundary}`,
				'idempotency-key': 'a-large-report-0001',
				origin: app.origin,
				accept: 'application/json'
			}
		});
		expect(reply.status).toBe(413);
	});

	// (`%2e%2e` alone is a dot segment: `/photos/%2e%2e` is `/`, the home page, not a traversal.)
	const TRAVERSALS = [
		'..%2f..%2f..%2fpackage.json',
		'%2e%2e%2f%2e%2e%2fpackage.json',
		'%252e%252e%252fpackage.json',
		'..%5c..%5cpackage.json',
		'....%2f%2fpackage.json',
		'..%00.webp',
		'%00',
		'..%c0%af..%c0%afetc%c0%afpasswd',
		'..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
		'%2fetc%2fpasswd',
		'..%2f..%2fdata%2fphotos'
	];

	function expectNothingOutside(path: string, reply: { status: number; body: string }) {
		// 404, or 400 where the path is not even valid UTF-8 once decoded (`%c0%af`).
		expect([400, 404], `${path} (${reply.status})`).toContain(reply.status);
		expect(reply.body, path).not.toContain('"name": "nadzor"');
		expect(reply.body, path).not.toContain('root:x:0:0');
		expect(leaksIn(reply.body), path).toEqual([]);
	}

	it('photo URLs with traversal, encoded or not, are refused and never a file outside the store', async () => {
		const published = arranged.things['camera-photo'];
		expect((await app.request(`/photos/${published}`, { address: nextAddress() })).status).toBe(200);
		for (const attempt of [
			...TRAVERSALS,
			`${published}%2f..%2f..%2fpackage.json`,
			`..%2f${published.slice(0, 2)}%2f${published}`,
			published.toUpperCase(),
			`${published}%00`,
			arranged.things['a-photo'],
			arranged.things['rejected-photo']
		]) {
			const path = `/photos/${attempt}`;
			expectNothingOutside(path, await app.request(path, { address: nextAddress() }));
		}
	});

	it('tile, basemap and glyph URLs with traversal are refused and never a file outside the store', async () => {
		for (const attempt of TRAVERSALS) {
			for (const path of [
				`/tiles/${attempt}`,
				`/tiles/cameras/${attempt}`,
				`/tiles/cameras/14/9123/${attempt}`,
				`/basemap/tiles/${attempt}`,
				`/basemap/latin/14/9123/${attempt}`,
				`/basemap/fonts/${attempt}/0-255.pbf`,
				`/basemap/fonts/Noto%20Sans%20Regular/${attempt}`
			]) {
				const reply = await app.request(path, { address: nextAddress() });
				expect([400, 404], `${path} (${reply.status})`).toContain(reply.status);
				expect(reply.body, path).not.toContain('"name": "nadzor"');
				expect(reply.body, path).not.toContain('root:x:0:0');
				expect(leaksIn(reply.body), path).toEqual([]);
			}
		}
	});

	it('static and other URLs with traversal stay inside the app', async () => {
		for (const attempt of TRAVERSALS) {
			for (const path of [`/${attempt}`, `/_app/${attempt}`, `/_app/immutable/${attempt}`]) {
				expectNothingOutside(path, await app.request(path, { address: nextAddress() }));
			}
		}
	});

	it('regression: a malformed multipart body to a form action is a 400, not a 500', async () => {
		for (const target of ['/login', `/report/status/${arranged.things['a-status']}?/answer`, '/signup']) {
			const reply = await app.request(target, {
				method: 'POST',
				body: '-77',
				address: nextAddress(),
				headers: { 'content-type': 'multipart/form-data', origin: app.origin }
			});
			expect(reply.status, target).toBe(400);
		}
	});

	it('regression: report form fields named __proto__ or constructor get field messages, not a 500', async () => {
		for (const name of ['__proto__', 'constructor', 'toString']) {
			const body = `${encodeURIComponent(name)}=x&note=y`;
			const reply = await app.request('/report', {
				method: 'POST',
				body,
				address: nextAddress(),
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					origin: app.origin,
					accept: 'application/json',
					'x-sveltekit-action': 'true'
				}
			});
			// (SvelteKit 3 answers an action's failure with the failure's own status.)
			expect(reply.status, name).toBe(422);
			expect((JSON.parse(reply.body) as { type: string; status: number }).type, name).toBe('failure');
		}
	});
});
