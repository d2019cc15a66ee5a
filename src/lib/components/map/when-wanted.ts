/**
 * When to start a map that is not needed at once: MapLibre is about 1 MB of script, and drawing
 * a street map on a phone's CPU (or in any browser without a GPU, where WebGL is rasterised in
 * software on the page's main thread) blocks the page for seconds. So the page is shown and made
 * usable first, and the map starts when the person reaches for it: a touch, a click, a key or
 * the wheel anywhere on the page (a map's "show the map" button is one such click).
 */

/** Calls `start` once, at the person's first touch, click, key or wheel; returns a function that cancels it. */
export function whenWanted(start: () => void): () => void {
	let done = false;
	const reach = ['pointerdown', 'touchstart', 'keydown', 'wheel', 'click'] as const;
	function cancel() {
		for (const type of reach) window.removeEventListener(type, go, { capture: true });
	}
	function go() {
		if (done) return;
		done = true;
		cancel();
		start();
	}
	for (const type of reach) window.addEventListener(type, go, { capture: true, passive: true });
	return () => {
		done = true;
		cancel();
	};
}
