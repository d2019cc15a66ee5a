import { describe, expect, it } from 'vitest';
import { translate } from '../../../src/lib/i18n';
import { parseBBox } from '../../../src/lib/schemas/bbox';

describe('parseBBox', () => {
	it('accepts a box around Belgrade', () => {
		expect(parseBBox('20.2,44.7,20.6,44.9')).toEqual({ ok: true, bbox: [20.2, 44.7, 20.6, 44.9] });
	});

	const malformed: [string | null, string][] = [
		[null, 'bbox.missing'],
		['', 'bbox.missing'],
		['   ', 'bbox.missing'],
		['20.2,44.7,20.6', 'bbox.count'],
		['20.2,44.7,20.6,44.9,1', 'bbox.count'],
		['20.2;44.7;20.6;44.9', 'bbox.count'],
		['NaN,44.7,20.6,44.9', 'bbox.number'],
		['Infinity,44.7,20.6,44.9', 'bbox.number'],
		['20.2,,20.6,44.9', 'bbox.number'],
		['a,b,c,d', 'bbox.number'],
		['0x14,44.7,20.6,44.9', 'bbox.number'],
		['1e1,44.7,20.6,44.9', 'bbox.number'],
		['20.2,44.7,20.6,44.9;DROP TABLE cameras', 'bbox.number'],
		['-181,44.7,20.6,44.9', 'bbox.longitude'],
		['20.2,44.7,180.5,44.9', 'bbox.longitude'],
		['20.2,-91,20.6,44.9', 'bbox.latitude'],
		['20.2,44.7,20.6,90.1', 'bbox.latitude'],
		['20.6,44.7,20.2,44.9', 'bbox.order'],
		['20.2,44.9,20.6,44.7', 'bbox.order'],
		['20.2,44.7,20.2,44.9', 'bbox.order'],
		['-180,-90,180,90', 'bbox.size'],
		['10,40,20,45', 'bbox.size'],
		['20,40,21,44.5', 'bbox.size']
	];

	it.each(malformed)('rejects %j with %s', (raw, error) => {
		expect(parseBBox(raw)).toEqual({ ok: false, error });
	});

	it('explains each error in every language', () => {
		for (const [, error] of malformed) {
			const key = error as Parameters<typeof translate>[1];
			expect(translate('en', key)).not.toBe(key);
			expect(translate('sr-Latn', key)).not.toBe(translate('en', key));
			expect(translate('sr-Cyrl', key)).toMatch(/[\u0400-\u04FF]/);
		}
	});
});
