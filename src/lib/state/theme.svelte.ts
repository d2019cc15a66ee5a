/**
 * Light or dark: the system's preference (prefers-color-scheme) unless the person chose one
 * with the toggle, which is remembered in localStorage. The choice is applied as
 * `<html data-theme>`; an inline script in app.html applies a stored choice before the first
 * paint, so a dark page never flashes light. The map reads `theme.resolved` for its colours.
 */
import type { Theme } from '#lib/components/map/style.js';

export const THEME_KEY = 'nadzor-theme';

class ThemeState {
	/** The person's choice; null: follow the system. */
	chosen = $state<Theme | null>(null);
	systemDark = $state(false);
	resolved = $derived<Theme>(this.chosen ?? (this.systemDark ? 'dark' : 'light'));

	#users = 0;
	#stop: (() => void) | undefined;

	/** Reads the stored choice and follows the system's (once, however many callers); returns the cleanup. */
	start(): () => void {
		if (this.#users++ === 0) {
			const query = matchMedia('(prefers-color-scheme: dark)');
			this.systemDark = query.matches;
			this.chosen = readStored();
			const follow = (event: MediaQueryListEvent) => (this.systemDark = event.matches);
			query.addEventListener('change', follow);
			this.#stop = () => query.removeEventListener('change', follow);
		}
		return () => {
			if (--this.#users === 0) this.#stop?.();
		};
	}

	choose(theme: Theme) {
		this.chosen = theme;
		document.documentElement.dataset.theme = theme;
		try {
			localStorage.setItem(THEME_KEY, theme);
		} catch {
			// Storage refused (private mode): the choice lasts for this page only.
		}
	}
}

function readStored(): Theme | null {
	try {
		const value = localStorage.getItem(THEME_KEY);
		return value === 'light' || value === 'dark' ? value : null;
	} catch {
		return null;
	}
}

export const theme = new ThemeState();
