import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { whenWanted } from '../../../src/lib/components/map/when-wanted';

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

	it.each(['pointerdown', 'touchstart', 'keydown', 'input', 'wheel', 'click', 'mousemove'])('starts on %s', (type) => {
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
});
