import { describe, expect, it } from 'vitest';
import { toAreaFeatures } from '../../../src/lib/geo/area-features';

const city = { slug: 'beograd', name_sr_latn: 'Beograd', name_sr_cyrl: 'Београд', name_en: 'Belgrade', level: 'city' };
const municipality = {
	slug: 'stari-grad',
	name_sr_latn: 'Stari grad',
	name_sr_cyrl: 'Стари град',
	name_en: 'Stari Grad',
	level: 'municipality',
	cameras: 40
};

describe('areas under a tap', () => {
	it('lists each area once, the smallest kind first, named in the reader’s language, linked to its page', () => {
		const features = [city, municipality, municipality].map((properties) => ({ properties }));
		expect(toAreaFeatures(features, 'sr-Cyrl')).toEqual([
			{ slug: 'stari-grad', name: 'Стари град', level: 'municipality', cameras: 40, href: '/areas/stari-grad' },
			{ slug: 'beograd', name: 'Београд', level: 'city', cameras: 0, href: '/areas/beograd' }
		]);
		expect(toAreaFeatures(features, 'en').map((area) => area.name)).toEqual(['Stari Grad', 'Belgrade']);
	});

	it('drops features without a usable slug and copes with a tile that has no kind', () => {
		const features = [
			{ properties: { slug: '../admin', name_en: 'x' } },
			{ properties: null },
			{ properties: { slug: 'novi-beograd', name_sr_latn: 'Novi Beograd' } }
		];
		expect(toAreaFeatures(features, 'en')).toEqual([
			{ slug: 'novi-beograd', name: 'Novi Beograd', level: 'custom', cameras: 0, href: '/areas/novi-beograd' }
		]);
	});
});
