import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
	fieldErrors,
	fieldMessages,
	FILE_IN_TEXT_FIELD,
	formObject,
	keyedWording
} from '../../../src/lib/schemas/form';

function formOf(entries: Iterable<[string, string | File]>): FormData {
	const form = new FormData();
	for (const [name, value] of entries) form.append(name, value);
	return form;
}

describe('a form as an object', () => {
	const form = formOf([
		['name', ' Ana '],
		['blank', '  '],
		['count', '4,5'],
		['tags', 'a'],
		['tags', ''],
		['tags', 'b'],
		['name', 'second'],
		['__proto__', 'x'],
		['token', 'secret'],
		['upload', new File(['x'], 'x.txt')]
	]);

	it('keeps the text as typed, the first of a repeated field, lists as lists, files marked', () => {
		expect(formObject(form, { skip: ['token'], lists: ['tags'] })).toEqual({
			name: ' Ana ',
			blank: '  ',
			count: '4,5',
			tags: ['a', 'b'],
			upload: FILE_IN_TEXT_FIELD
		});
	});

	it('reads only the fields asked for, numbers as people type them, blanks as not given', () => {
		const read = formObject(form, { only: ['name', 'blank', 'count', 'absent'], numbers: ['count'], dropBlank: true });
		expect(read).toEqual({ name: ' Ana ', count: 4.5 });
		expect(Object.getPrototypeOf(formObject(form))).toBe(Object.prototype);
	});

	it('passes the first file of a file input through as is, and text sent there as text', () => {
		const second = new File(['y'], 'y.txt');
		const upload = formObject(formOf([...form, ['upload', second]]), { only: ['upload'], files: ['upload'] }).upload;
		expect(upload).toBeInstanceOf(File);
		expect((upload as File).name).toBe('x.txt');
		expect(formObject(formOf([['upload', 'text']]), { files: ['upload'] })).toEqual({ upload: 'text' });
	});
});

describe('field errors in the reader’s language', () => {
	const schema = z.strictObject({
		username: z.string('account.error.usernameRequired').min(3, 'account.error.usernameInvalid'),
		password: z.string('account.error.passwordRequired').min(8, 'account.error.passwordTooShort')
	});
	const wording = keyedWording({
		paramsOf: (key) => (key === 'account.error.passwordTooShort' ? { min: 8 } : undefined)
	});

	it('says the first problem of each field, with its parameters, in each language', () => {
		const { error } = schema.safeParse({ username: 'ab', password: 'short' });
		const en = fieldErrors(error!.issues, 'en', wording);
		expect(Object.keys(en)).toEqual(['username', 'password']);
		expect(en.password).toContain('8');
		expect(fieldErrors(error!.issues, 'sr-Cyrl', wording).password).not.toBe(en.password);
		expect(fieldErrors(error!.issues, 'sr-Latn', wording).password).not.toBe(en.password);
	});

	it('puts unknown fields under the whole form unless each is to be named', () => {
		const { error } = schema.safeParse({ username: 'ana', password: 'long enough', role: 'admin' });
		expect(Object.keys(fieldErrors(error!.issues, 'en', wording))).toEqual(['form']);
		const naming = { ...wording, eachUnknownField: true };
		expect(Object.keys(fieldErrors(error!.issues, 'en', naming))).toEqual(['role']);
	});

	it('words a service’s answer (message keys) the same way', () => {
		expect(fieldMessages('en', { password: 'account.error.passwordTooShort' }, wording).password).toContain('8');
	});
});
