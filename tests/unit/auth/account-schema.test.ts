import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { accountWording, loginSchema, signupSchema } from '../../../src/lib/schemas/account';
import { fieldErrors, fieldProblems } from '../../../src/lib/schemas/form';

/** The first problem of each field, as message keys. */
function problems(error: z.ZodError) {
	return Object.fromEntries(
		Object.entries(fieldProblems(error.issues, accountWording)).map(([field, problem]) => [field, problem.key])
	);
}

function signupProblems(input: Record<string, unknown>) {
	const result = signupSchema.safeParse(input);
	return result.success ? {} : problems(result.error);
}

describe('sign-up schema', () => {
	it('accepts a username and password, e-mail optional', () => {
		expect(signupSchema.parse({ username: ' ana_B.1 ', password: 'x', email: '' })).toEqual({
			username: 'ana_B.1',
			password: 'x',
			email: undefined
		});
		expect(signupSchema.parse({ username: 'ana', password: 'x', email: ' a@b.rs ' }).email).toBe('a@b.rs');
	});

	it.each([
		[{}, { username: 'account.error.usernameRequired', password: 'account.error.passwordRequired' }],
		[
			{ username: '  ', password: '' },
			{ username: 'account.error.usernameRequired', password: 'account.error.passwordRequired' }
		],
		[{ username: 'ab', password: 'p' }, { username: 'account.error.usernameInvalid' }],
		[{ username: 'a'.repeat(33), password: 'p' }, { username: 'account.error.usernameInvalid' }],
		[{ username: 'ana marija', password: 'p' }, { username: 'account.error.usernameInvalid' }],
		[{ username: 'đorđe', password: 'p' }, { username: 'account.error.usernameInvalid' }],
		[{ username: 'Admin', password: 'p' }, { username: 'account.error.usernameReserved' }],
		[{ username: 'ana', password: 'p', email: 'not an address' }, { email: 'account.error.emailInvalid' }],
		[{ username: 'ana', password: 'p', email: `${'a'.repeat(250)}@b.rs` }, { email: 'account.error.emailInvalid' }],
		[
			{ username: 12, password: ['x'] },
			{ username: 'account.error.usernameRequired', password: 'account.error.passwordRequired' }
		]
	])('%j → %j', (input, expected) => {
		expect(signupProblems(input)).toEqual(expected);
	});

	it('puts problems into the reader language with their parameters', () => {
		const { error } = signupSchema.safeParse({ username: 'ab', password: '' });
		expect(fieldErrors(error!.issues, 'en', accountWording)).toEqual({
			username: 'Use 3 to 32 letters (a–z), digits, dots, dashes or underscores.',
			password: 'Enter a password.'
		});
		expect(fieldErrors(error!.issues, 'sr-Cyrl', accountWording).username).toBe(
			'Користите од 3 до 32 слова (a–z), цифре, тачке, цртице или доње црте.'
		);
	});
});

describe('login schema', () => {
	it('needs both fields', () => {
		const result = loginSchema.safeParse({ username: '', password: '' });
		expect(result.success).toBe(false);
		expect(problems(result.error!)).toEqual({
			username: 'account.error.usernameRequired',
			password: 'account.error.passwordRequired'
		});
	});
});
