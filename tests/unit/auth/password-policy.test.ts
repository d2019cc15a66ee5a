import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy } from '../../../src/lib/server/auth/password';
import { commonPasswords } from '../../../src/lib/server/auth/common-passwords';

describe('password policy', () => {
	it.each([
		['', 'tooShort'],
		['seven77', 'tooShort'],
		// 8 characters counted as a person counts them, not as UTF-16 units.
		['žžžžžžž', 'tooShort'],
		['😀😀😀😀😀😀😀', 'tooShort'],
		['x'.repeat(257), 'tooLong'],
		['password', 'common'],
		['PassWord', 'common'],
		['iloveyou', 'common'],
		['lozinka123', 'common'],
		['marko_1990', 'sameAsUsername'],
		['MARKO_1990', 'sameAsUsername'],
		['eight888', null],
		['žžžžžžžž', null],
		['x'.repeat(256), null],
		['correct horse battery staple', null]
	])('%s → %s', (password, problem) => {
		expect(checkPasswordPolicy(password, 'Marko_1990')).toBe(problem);
	});

	it('ships about a thousand common passwords, all lower case and at least 8 characters', () => {
		expect(commonPasswords.length).toBeGreaterThanOrEqual(1000);
		expect(new Set(commonPasswords).size).toBe(commonPasswords.length);
		expect(commonPasswords.every((word) => word === word.toLowerCase() && word.length >= 8)).toBe(true);
		for (const word of commonPasswords) expect(checkPasswordPolicy(word, 'someone')).toBe('common');
	});
});
