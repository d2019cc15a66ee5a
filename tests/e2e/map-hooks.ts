/**
 * Reading the map page's MapLibre map from a test: the page exposes it as `window.__nadzorMap`
 * when `window.__nadzorTestHooks` is set before it loads.
 */
import type { Page } from '@playwright/test';

/**
 * Asks the pages this page opens to expose their map (call before the first goto), and reaches
 * for each page as a person would (a touch's pointerdown) until its map is there: the map page
 * and the report picker show the server's picture of their first view and start their map only
 * then (src/lib/components/map/when-wanted.ts; a touch before the page's script has run does
 * nothing, hence the repeat).
 */
export function exposeMap(page: Page) {
	return page.addInitScript(() => {
		window.__nadzorTestHooks = true;
		const timer = setInterval(() => {
			if (window.__nadzorMap) clearInterval(timer);
			else document.body?.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
		}, 100);
	});
}

/** Waits until the map has drawn everything for its view. */
export async function settled(page: Page) {
	await page.waitForFunction(() => {
		const map = window.__nadzorMap;
		return Boolean(map && map.loaded() && map.areTilesLoaded() && !map.isMoving());
	});
}

/** How many features of `layer` the settled map draws (0 when the layer is not on the map). */
export async function rendered(page: Page, layer: string): Promise<number> {
	await settled(page);
	return page.evaluate(
		(id) => (window.__nadzorMap!.getLayer(id) ? window.__nadzorMap!.queryRenderedFeatures({ layers: [id] }).length : 0),
		layer
	);
}
