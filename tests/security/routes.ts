/**
 * Every request of the authorization matrix (docs/authorization.md), with its placeholders
 * resolved against a built app holding a pending, an approved and a rejected report: the
 * security tests probe exactly the routes the matrix lists, so a new route (which the
 * authorization test forces into the matrix) is covered here without touching these tests.
 */
import fs from 'node:fs';
import path from 'node:path';
import { form, type TestApp } from '../integration/app';
import { createUser } from '../support/factories';
import { arrangeReports, resolvePlaceholders } from '../integration/moderation/factories';

export interface MatrixRequest {
	method: string;
	/** As written in the matrix, placeholders included. */
	pattern: string;
	/** With the placeholders resolved. */
	target: string;
}

export function matrixRows(): { method: string; pattern: string }[] {
	const doc = fs.readFileSync(path.resolve('docs/authorization.md'), 'utf8');
	const table = doc.split('<!-- matrix:start -->')[1]?.split('<!-- matrix:end -->')[0] ?? '';
	const rows: { method: string; pattern: string }[] = [];
	for (const line of table.split('\n')) {
		const request = /^\|\s*`(GET|POST|PUT|PATCH|DELETE) (\S+)`\s*\|/.exec(line);
		if (request) rows.push({ method: request[1], pattern: request[2] });
	}
	if (rows.length < 20) throw new Error('docs/authorization.md: matrix not found');
	return rows;
}

export interface Arranged {
	requests: MatrixRequest[];
	things: Record<string, string>;
	/** An admin (allowed everywhere): the signed-in visitor of these tests. */
	admin: { username: string; password: string };
}

export async function arrange(app: TestApp): Promise<Arranged> {
	const contributor = await createUser(app.db);
	const moderator = await createUser(app.db, { role: 'moderator' });
	const admin = await createUser(app.db, { role: 'admin' });
	const things = await arrangeReports(app, contributor, moderator);
	const requests = matrixRows().map((row) => ({ ...row, target: resolvePlaceholders(row.pattern, things) }));
	return { requests, things, admin };
}

let address = 0;
/** A different client address per request keeps the throttles out of the way. */
export function nextAddress(): string {
	address += 1;
	return `10.9.${Math.floor(address / 250) % 250}.${(address % 250) + 1}`;
}

/** Signs in through the log-in form; the session cookie header to send. */
export async function signIn(app: TestApp, account: { username: string; password: string }): Promise<string> {
	const { body, headers } = form(account);
	const reply = await app.request('/login', {
		method: 'POST',
		body,
		address: nextAddress(),
		headers: { ...headers, origin: app.origin }
	});
	const token = reply.cookies.session?.value;
	if (reply.status !== 303 || !token) throw new Error(`log-in failed: ${reply.status}`);
	return `session=${token}`;
}

/**
 * What must never appear in an answer: stack traces, database error messages, file-system
 * paths. (Patterns match what servers and drivers print, not the hostile input itself, which a
 * form may rightly show back to the person who typed it.)
 */
export const LEAKS: { name: string; pattern: RegExp }[] = [
	{ name: 'stack trace', pattern: /\bat (async )?[\w.<>$]+ \((file:|node:|\/)|\bat (file:\/\/|node:)[^\s]+:\d+:\d+/ },
	{ name: 'node_modules', pattern: /node_modules/ },
	{ name: 'file-system path', pattern: /\/(home|work|tmp|usr\/lib|var\/lib|root|srv|opt)\/[\w.-]+\// },
	{
		name: 'database error',
		pattern:
			/syntax error at or near|invalid input syntax for|relation "[^"]*" does not exist|column "[^"]*" does not exist|violates [\w ]*constraint|unterminated quoted|operator does not exist|out of range for type|current transaction is aborted|duplicate key value|\bpg_catalog\b|\bPGlite\b|\bkysely\b/i
	},
	{ name: 'error class', pattern: /\b(TypeError|ReferenceError|SyntaxError|RangeError|DatabaseError|ZodError)\b/ }
];

export function leaksIn(body: string): string[] {
	return LEAKS.filter(({ pattern }) => pattern.test(body)).map(({ name }) => name);
}
