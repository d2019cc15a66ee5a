/**
 * Accounts from the command line; the first administrator is made this way.
 *
 *   npm run user:create -- --username ana --role admin [--email ana@example.org] [--password-stdin]
 *   npm run user:role -- --username ana --role moderator
 *
 * The password comes from standard input (--password-stdin), else from NADZOR_PASSWORD, else
 * it is asked for when a terminal is attached; it is never taken as an argument, since
 * arguments are visible to every user of the machine. The same policy as the sign-up page
 * applies. Uses DATABASE_URL, or the embedded database under DATA_DIR (also while the app runs:
 * through its socket, src/lib/server/db/owner.ts).
 */
import './env.js';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { config } from '../src/lib/server/config';
import { openDatabase } from '../src/lib/server/db';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { checkPasswordPolicy, hashPassword } from '../src/lib/server/auth/password';
import * as audit from '../src/lib/server/audit/repository';
import * as users from '../src/lib/server/auth/repository';
import { USERNAME_PATTERN } from '../src/lib/schemas/account';

const USAGE =
	'Usage: tsx scripts/user.ts create --username NAME [--role contributor|moderator|admin] [--email ADDRESS] [--password-stdin]\n' +
	'       tsx scripts/user.ts role --username NAME --role contributor|moderator|admin';

const POLICY_TEXT = {
	tooShort: 'the password must have at least 8 characters',
	tooLong: 'the password can have at most 256 characters',
	common: 'the password is among the most common ones',
	sameAsUsername: 'the password must not be the same as the username'
} as const;

async function readStdin(): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
	// One trailing line break (from `echo` or a file) is not part of the password.
	return Buffer.concat(chunks)
		.toString('utf8')
		.replace(/\r?\n$/, '');
}

async function prompt(question: string): Promise<string> {
	const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
	// Echo nothing while the password is typed.
	const output = rl as unknown as { _writeToOutput: (text: string) => void };
	const write = output._writeToOutput.bind(rl);
	let asked = false;
	output._writeToOutput = (text: string) => {
		if (!asked) {
			asked = true;
			write(text);
		}
	};
	try {
		return await new Promise<string>((resolve) => rl.question(question, resolve));
	} finally {
		rl.close();
		process.stdout.write('\n');
	}
}

async function readPassword(fromStdin: boolean): Promise<string> {
	if (fromStdin) return readStdin();
	if (process.env.NADZOR_PASSWORD) return process.env.NADZOR_PASSWORD;
	if (process.stdin.isTTY) {
		const first = await prompt('Password: ');
		const second = await prompt('Repeat the password: ');
		if (first !== second) throw new Error('The two passwords differ.');
		return first;
	}
	throw new Error('No password: use --password-stdin, set NADZOR_PASSWORD, or run in a terminal.');
}

const { positionals, values } = parseArgs({
	allowPositionals: true,
	options: {
		username: { type: 'string' },
		role: { type: 'string', default: 'contributor' },
		email: { type: 'string' },
		'password-stdin': { type: 'boolean', default: false }
	}
});

async function main() {
	const command = positionals[0];
	const username = values.username?.trim() ?? '';
	if (!['create', 'role'].includes(command ?? '')) throw new Error(USAGE);
	if (!USERNAME_PATTERN.test(username)) {
		throw new Error('--username: 3 to 32 letters (a-z), digits, dots, dashes or underscores.');
	}
	const role = users.roles.find((known) => known === values.role);
	if (!role) throw new Error('--role: one of contributor, moderator, admin.');
	const password = command === 'create' ? await readPassword(values['password-stdin']) : '';
	if (command === 'create') {
		const problem = checkPasswordPolicy(password, username);
		if (problem) throw new Error(`Refused: ${POLICY_TEXT[problem]}.`);
	}

	const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
	try {
		await migrateToLatest(database.db);
		// Accounts made or changed from the command line are audited too (no acting user).
		if (command === 'create') {
			const passwordHash = await hashPassword(password);
			const { id } = await database.db.transaction().execute(async (trx) => {
				const created = await users.create(trx, { username, email: values.email, passwordHash, role });
				await audit.record(trx, {
					actorId: null,
					action: 'user.create',
					target: { type: 'user', id: created.id },
					details: { role, via: 'cli' }
				});
				return created;
			});
			console.log(`Created ${role} "${username}" (id ${id}).`);
		} else {
			const user = await users.findByUsername(database.db, username);
			if (!user) throw new Error(`No user "${username}".`);
			await database.db.transaction().execute(async (trx) => {
				await users.setRole(trx, user.id, role);
				await audit.record(trx, {
					actorId: null,
					action: 'user.set_role',
					target: { type: 'user', id: user.id },
					details: { from: user.role, to: role, via: 'cli' }
				});
			});
			console.log(`"${user.username}" is now ${role}.`);
		}
	} finally {
		await database.close();
	}
}

try {
	await main();
} catch (error) {
	console.error(
		error instanceof users.UsernameTakenError
			? 'Refused: this username is already taken.'
			: error instanceof Error
				? error.message
				: error
	);
	process.exitCode = 1;
}
