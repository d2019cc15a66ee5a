/**
 * Areas under a tap on the map, from the `areas` tile layer (src/lib/server/tiles/layers.ts):
 * one entry per area, the smallest kind first (a municipality before the city around it), each
 * with its name in the reader's language and the address of its campaign page.
 */
import type { Locale } from '#lib/i18n/index.js';

export interface AreaFeature {
	slug: string;
	name: string;
	level: string;
	cameras: number;
	href: string;
}

/** Smaller kinds first; an unknown kind sorts with the custom areas. */
const LEVELS = ['neighbourhood', 'district', 'municipality', 'custom', 'city', 'region', 'country'];
const rank = (level: string) => (LEVELS.includes(level) ? LEVELS.indexOf(level) : LEVELS.indexOf('custom'));

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function toAreaFeatures(
	features: { properties?: Record<string, unknown> | null }[],
	locale: Locale
): AreaFeature[] {
	const found = new Map<string, AreaFeature>();
	for (const { properties } of features) {
		const slug = properties?.slug;
		if (typeof slug !== 'string' || !SLUG.test(slug) || found.has(slug)) continue;
		const names = {
			en: properties?.name_en,
			'sr-Latn': properties?.name_sr_latn,
			'sr-Cyrl': properties?.name_sr_cyrl
		};
		const name = names[locale] ?? names['sr-Latn'];
		found.set(slug, {
			slug,
			name: typeof name === 'string' && name ? name : slug,
			level: typeof properties?.level === 'string' ? properties.level : 'custom',
			cameras: Number(properties?.cameras ?? 0) || 0,
			href: `/areas/${slug}`
		});
	}
	return [...found.values()].sort((a, b) => rank(a.level) - rank(b.level) || a.name.localeCompare(b.name));
}
