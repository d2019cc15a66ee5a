import { describe, expect, it } from 'vitest';
import { formatDate, negotiateLocale, translate } from '../../../src/lib/i18n';
import { toCyrillic, toLatin } from '../../../src/lib/i18n/transliterate';

describe('Serbian transliteration', () => {
	it('maps the digraphs lj, nj and dž to single letters', () => {
		expect(toCyrillic('Ljubljana, njiva, džep, Džon, NJEGOŠ')).toBe('Љубљана, њива, џеп, Џон, ЊЕГОШ');
	});
	it('maps every Latin letter of the Serbian alphabet', () => {
		expect(toCyrillic('Građanska mapa nadzornih kamera: čćšžđ')).toBe('Грађанска мапа надзорних камера: чћшжђ');
	});
	it('keeps file formats and product names in Latin letters', () => {
		expect(toCyrillic('Preuzmite CSV, JSON ili GeoJSON; grafikon kao PNG ili SVG (OpenStreetMap, ALPR)')).toBe(
			'Преузмите CSV, JSON или GeoJSON; графикон као PNG или SVG (OpenStreetMap, ALPR)'
		);
		expect(toCyrillic('PNGovi i CSVfajl')).toBe('ПНГови и ЦСВфајл');
	});
	it('leaves digits and punctuation alone', () => {
		expect(toCyrillic('Blok 45, 2026.')).toBe('Блок 45, 2026.');
	});
	it('reads Cyrillic street names back in Latin, digraphs in capitals only beside capitals', () => {
		expect(toLatin('Улица Љубе Недића')).toBe('Ulica Ljube Nedića');
		expect(toLatin('ЊЕГОШЕВА 12а')).toBe('NJEGOŠEVA 12a');
		expect(toLatin('Џон, Ђорђа, Ћирила, чшжђ')).toBe('Džon, Đorđa, Ćirila, čšžđ');
		expect(toLatin('Trg 45 — Ω')).toBe('Trg 45 — Ω');
	});
	it('round-trips every Serbian Latin letter', () => {
		const text = 'Ljubljana njiva džep Građanska čćšžđ ABVGDĐEŽZIJKLMNOPRSTĆUFHCČŠ';
		expect(toLatin(toCyrillic(text))).toBe(text);
	});
});

describe('translate', () => {
	it('uses Serbian plural forms one / few / other', () => {
		const forms = [1, 2, 4, 5, 11, 21, 22, 25, 101].map((count) => translate('sr-Latn', 'cameras.count', { count }));
		expect(forms).toEqual([
			'1 kamera',
			'2 kamere',
			'4 kamere',
			'5 kamera',
			'11 kamera',
			'21 kamera',
			'22 kamere',
			'25 kamera',
			'101 kamera'
		]);
	});
	it('derives Cyrillic from Latin but keeps parameters as given', () => {
		expect(translate('sr-Cyrl', 'cameras.count', { count: 3 })).toBe('3 камере');
		expect(translate('sr-Cyrl', 'app.tagline')).toBe('Грађанска мапа надзорних камера');
	});
	it('uses English plurals in English and groups thousands', () => {
		expect(translate('en', 'cameras.count', { count: 1 })).toBe('1 camera');
		expect(translate('en', 'cameras.count', { count: 1234 })).toBe('1,234 cameras');
		expect(translate('sr-Latn', 'cameras.count', { count: 1234 })).toBe('1.234 kamere');
	});
});

describe('negotiateLocale', () => {
	it.each([
		['sr-RS,sr;q=0.9', 'sr-Latn'],
		['sr-Cyrl-RS', 'sr-Cyrl'],
		['en-GB,en;q=0.8', 'en'],
		['de-DE,en;q=0.5', 'en'],
		['fr-FR', 'sr-Latn'],
		['', 'sr-Latn'],
		['hr-HR', 'sr-Latn'],
		['en;q=0.4,sr-Cyrl;q=0.9', 'sr-Cyrl']
	])('%s → %s', (header, expected) => {
		expect(negotiateLocale(header)).toBe(expected);
	});
});

describe('formatDate', () => {
	it('formats a day without a time in each language', () => {
		expect(formatDate('en', '2026-03-05')).toBe('5 March 2026');
		expect(formatDate('sr-Latn', '2026-03-05')).toMatch(/5\. mart 2026/);
		expect(formatDate('sr-Cyrl', '2026-03-05')).toMatch(/5\. март 2026/);
	});
});
