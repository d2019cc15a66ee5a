/**
 * What the street basemap draws, read back from MapLibre (queryRenderedFeatures) on any page or
 * frame whose map exposes itself as `__nadzorMap` (set `window.__nadzorTestHooks` first).
 */
import { expect, type Frame, type Page } from '@playwright/test';

/** Terazije, central Belgrade: streets and names in every direction. */
export const TERAZIJE = { lat: 44.8129, lng: 20.4606 };
const CYRILLIC = /[\u0400-\u04ff]/;
export const locales = ['en', 'sr-Latn', 'sr-Cyrl'] as const;

/** Moves the map over `place` (Terazije) at zoom 16 and returns the basemap's roads and labels once drawn. */
export async function streetsDrawn(page: Page | Frame, place: { lat: number; lng: number } = TERAZIJE) {
	await page.waitForFunction(() => Boolean(window.__nadzorMap?.loaded()));
	await page.evaluate(({ lat, lng }) => window.__nadzorMap!.jumpTo({ center: [lng, lat], zoom: 16 }), place);
	const read = () =>
		page.evaluate(() => {
			const map = window.__nadzorMap!;
			if (!map.loaded() || !map.areTilesLoaded() || map.isMoving()) return { roads: 0, labels: [] as string[] };
			const labels = map
				.queryRenderedFeatures({ layers: ['streets-road-name'] })
				.map((feature) => String(feature.properties['name:latin'] ?? feature.properties.name ?? ''))
				.filter(Boolean);
			return { roads: map.queryRenderedFeatures({ layers: ['streets-road'] }).length, labels };
		});
	await expect.poll(async () => (await read()).labels.length, { timeout: 30_000 }).toBeGreaterThan(0);
	const drawn = await read();
	expect(drawn.roads).toBeGreaterThan(10);
	return drawn;
}

export function expectScript(labels: string[], locale: (typeof locales)[number]) {
	if (locale === 'sr-Cyrl') {
		expect(
			labels.some((name) => CYRILLIC.test(name)),
			labels.join(', ')
		).toBe(true);
	} else {
		expect(
			labels.filter((name) => CYRILLIC.test(name)),
			'names left in Cyrillic'
		).toEqual([]);
		expect(labels.some((name) => /[A-Za-zčćšžđ]/.test(name))).toBe(true);
	}
}
