import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { REACHES, sameView, whenWanted } from '../../../src/lib/components/map/when-wanted';

describe('whenWanted', () => {
	beforeEach(() => {
		// The page's window, as far as the function uses it: a target for events.
		vi.stubGlobal('window', new EventTarget());
	});
	afterEach(() => vi.unstubAllGlobals());

	it('waits for the person to reach for the page, then starts once', () => {
		const start = vi.fn();
		whenWanted(start);
		window.dispatchEvent(new Event('load'));
		window.dispatchEvent(new Event('scroll'));
		expect(start).not.toHaveBeenCalled();
		window.dispatchEvent(new Event('pointerdown'));
		window.dispatchEvent(new Event('keydown'));
		window.dispatchEvent(new Event('touchstart'));
		expect(start).toHaveBeenCalledTimes(1);
	});

	it.each(REACHES)('starts on %s', (type) => {
		const start = vi.fn();
		whenWanted(start);
		window.dispatchEvent(new Event(type));
		expect(start).toHaveBeenCalledTimes(1);
	});

	it('does not start once cancelled (the map was destroyed first)', () => {
		const start = vi.fn();
		const cancel = whenWanted(start);
		cancel();
		window.dispatchEvent(new Event('pointerdown'));
		expect(start).not.toHaveBeenCalled();
	});

	it('tells the picture’s view from another', () => {
		const view = { lat: 44.8125, lng: 20.4612, zoom: 15 };
		expect(sameView(view, { ...view })).toBe(true);
		expect(sameView(view, { ...view, zoom: 15.5 })).toBe(false);
		expect(sameView(view, { ...view, lat: 44.8126 })).toBe(false);
		expect(sameView(view, { ...view, lng: 20.4613 })).toBe(false);
	});
});
