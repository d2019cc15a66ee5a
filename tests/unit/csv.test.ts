import { describe, expect, it } from 'vitest';
import { csv, csvCell, parseCsv } from '../../src/lib/csv';

describe('CSV out', () => {
	it('defuses cells a spreadsheet would run as formulas', () => {
		expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
		expect(csvCell('+1')).toBe(`"'+1"`);
		expect(csvCell('-2+3')).toBe(`"'-2+3"`);
		expect(csvCell('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
		expect(csvCell('\tx')).toBe(`"'\tx"`);
		// Numbers stay numbers, negative ones included.
		expect(csvCell(-12.5)).toBe('-12.5');
		expect(csvCell(null)).toBe('');
		expect(csvCell('Novi Beograd, "centar"')).toBe('"Novi Beograd, ""centar"""');
	});

	it('writes a header and CRLF rows', () => {
		expect(
			csv(
				['a', 'b'],
				[
					[1, 'x'],
					[2, null]
				]
			)
		).toBe('a,b\r\n1,x\r\n2,\r\n');
	});
});

describe('CSV in', () => {
	it('reads semicolon or comma files with quotes and blank lines', () => {
		expect(parseCsv('lokacija;lat;lng\r\n"Trg; bana";45,81;15,97\r\n\r\nIlica;45,8;15,9')).toEqual([
			['lokacija', 'lat', 'lng'],
			['Trg; bana', '45,81', '15,97'],
			['Ilica', '45,8', '15,9']
		]);
		expect(parseCsv('a,b\n"say ""hi""",2\n')).toEqual([
			['a', 'b'],
			['say "hi"', '2']
		]);
	});
});

describe('CSV in, strictly (the files we write)', () => {
	it('reads what csv() writes, line breaks and quotes inside cells included', () => {
		const rows = [
			['a', 'b,c'],
			['line\r\nbreak', 'say "hi"']
		];
		expect(parseCsv(csv(rows[0], [rows[1]]), { strict: true })).toEqual(rows);
	});

	it('refuses anything RFC 4180 does not allow', () => {
		expect(() => parseCsv('a,b\n1,2\r\n', { strict: true })).toThrow(/bare line break/);
		expect(() => parseCsv('a,b"c"\r\n', { strict: true })).toThrow(/quote inside an unquoted cell/);
		expect(() => parseCsv('a,b\r\n1,2', { strict: true })).toThrow(/does not end with CRLF/);
		// Semicolons are data, not separators, in a file we wrote.
		expect(parseCsv('a;b,c\r\n', { strict: true })).toEqual([['a;b', 'c']]);
	});
});
