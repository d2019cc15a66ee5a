/**
 * When to start a map that is not needed at once: MapLibre is about 1 MB of script, and drawing
 * a street map on a phone's CPU (or in any browser without a GPU, where WebGL is rasterised in
 * software on the page's main thread) blocks the page for seconds. So the page is shown and made
 * usable first, and the map starts when the person reaches for it: a touch, a click, a key, an
 * input, the wheel or the mouse moving anywhere on the page (a map's "show the map" button is
 * one such click). Someone who only looks at a phone sees the button until they touch it.
 */

/** Calls `start` once, when the person first reaches for the page; returns a function that cancels it. */
export function whenWanted(start: () => void): () => void {
	let done = false;
	// On a desktop the mouse moving in is enough: the map is there by the time it is pointed at.
	// Typing or pasting into a field counts (a paste from a phone's menu sends no key).
	const reach = ['pointerdown', 'touchstart', 'keydown', 'input', 'wheel', 'click', 'mousemove'] as const;
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
