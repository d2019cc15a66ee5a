import { describe, expect, it } from 'vitest';
import { parseAreaClaim } from '../../../src/lib/schemas/area-claim';

const valid = { cameras: '120', source: 'MUP, odgovor na zahtev', statedOn: '2021-02-15', url: '' };

describe('an official claim about an area', () => {
	it('reads the number, source, date and an optional link', () => {
		expect(parseAreaClaim(valid, 'en')).toEqual({
			success: true,
			data: { cameras: 120, source: 'MUP, odgovor na zahtev', statedOn: '2021-02-15', url: null }
		});
		const linked = parseAreaClaim({ ...valid, cameras: ' 0 ', url: 'https://example.org/a' }, 'en');
		expect(linked.success && linked.data).toMatchObject({ cameras: 0, url: 'https://example.org/a' });
	});

	it('says what is wrong with each field in the reader’s language', () => {
		const bad = { cameras: '-5', source: ' ', statedOn: '2021-02-30', url: 'ftp://x' };
		expect(parseAreaClaim(bad, 'en')).toEqual({
			success: false,
			fields: {
				cameras: 'The number of cameras cannot be negative.',
				source: 'Say who made the claim and where (e.g. “Ministry of the Interior, answer of 3 March”).',
				statedOn: 'Enter the date of the statement as a date, such as 2021-02-15.',
				url: 'Enter a web address starting with https://, or leave it empty.'
			}
		});
		const latin = parseAreaClaim({ ...valid, cameras: 'sto' }, 'sr-Latn');
		expect(latin).toEqual({
			success: false,
			fields: { cameras: 'Unesite broj kamera kao ceo broj, na primer 120.' }
		});
		const cyrillic = parseAreaClaim({ ...valid, cameras: '-1' }, 'sr-Cyrl');
		expect(cyrillic).toEqual({ success: false, fields: { cameras: 'Број камера не може бити негативан.' } });
		const url = parseAreaClaim({ ...valid, url: 'nije adresa' }, 'sr-Cyrl');
		expect(!url.success && url.fields.url).toBe('Унесите веб адресу која почиње са https://, или оставите празно.');
	});

	it('refuses a missing field, a fraction, a huge number and a date in the future', () => {
		const missing = parseAreaClaim({ cameras: '3', statedOn: '2021-01-01' }, 'en');
		expect(!missing.success && Object.keys(missing.fields)).toEqual(['source']);
		for (const cameras of ['1.5', '1e3', '99999999', '']) {
			const result = parseAreaClaim({ ...valid, cameras }, 'en');
			expect(!result.success && result.fields.cameras).toBe(
				'Enter the number of cameras as a whole number, such as 120.'
			);
		}
		const future = parseAreaClaim({ ...valid, statedOn: '2999-01-01' }, 'en');
		expect(!future.success && future.fields.statedOn).toBe('The date of the statement cannot be in the future.');
		const extra = parseAreaClaim({ ...valid, note: 'x' }, 'en');
		expect(extra.success).toBe(false);
	});
});
