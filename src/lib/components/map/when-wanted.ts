/**
 * When to start a map whose first view the server has drawn (FirstView.svelte): MapLibre is
 * about 1 MB of script, and drawing a street map on a phone's CPU (or in any browser without a
 * GPU, where WebGL is rasterised in software on the page's main thread) blocks the page for
 * seconds. The picture shows the same streets and cameras meanwhile, so the map starts when the
 * person reaches for the page: a touch, a click, a key, focus moving, an input, the wheel or the
 * mouse moving anywhere on it.
 */

/** The events that start a waiting map. */
export const REACHES = [
	'pointerdown',
	'touchstart',
	'keydown',
	'focusin',
	'input',
	'wheel',
	'click',
	'mousemove'
] as const;

/** Calls `start` once, when the person first reaches for the page; returns a function that cancels it. */
export function whenWanted(start: () => void): () => void {
	let done = false;
	function cancel() {
		for (const type of REACHES) window.removeEventListener(type, go, { capture: true });
	}
	function go() {
		if (done) return;
		done = true;
		cancel();
		start();
	}
	for (const type of REACHES) window.addEventListener(type, go, { capture: true, passive: true });
	return () => {
		done = true;
		cancel();
	};
}

/** Whether two views show the same place (to a tenth of a pixel at their zoom, give or take). */
export function sameView(
	a: { lat: number; lng: number; zoom: number },
	b: { lat: number; lng: number; zoom: number }
): boolean {
	return Math.abs(a.zoom - b.zoom) < 1e-3 && Math.abs(a.lat - b.lat) < 1e-6 && Math.abs(a.lng - b.lng) < 1e-6;
}
