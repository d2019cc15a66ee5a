/**
 * A statistic widget tells the page around it how tall it is, so the iframe can fit it
 * (the share snippet's script listens for `{ nadzor: 'resize', height }`). The height is all
 * it sends; any page may read it. Served as it is, no imports.
 */
// @ts-check
(function () {
	if (window.parent === window) return;
	let last = 0;
	function post() {
		// The widget itself, not the page: the page is at least as tall as the iframe.
		const widget = document.querySelector('[data-embed-size]') ?? document.body;
		const height = Math.ceil(widget.getBoundingClientRect().bottom + window.scrollY);
		if (height === last) return;
		last = height;
		window.parent.postMessage({ nadzor: 'resize', height }, '*');
	}
	addEventListener('load', post);
	if (typeof ResizeObserver === 'function')
		new ResizeObserver(post).observe(document.querySelector('[data-embed-size]') ?? document.body);
	post();
})();
