/**
 * Shared e2e fixtures: every test fails if the page requested anything from a host other than
 * the app's own, and `expectNoAxeViolations` runs axe with the WCAG 2.x A/AA rules.
 */
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';

export const test = base.extend<{ foreignRequests: string[] }>({
	foreignRequests: [
		async ({ page, baseURL }, use) => {
			const own = new URL(baseURL!).origin;
			const foreign: string[] = [];
			page.on('request', (request) => {
				const url = request.url();
				if (url.startsWith('data:') || url.startsWith('blob:')) return;
				if (new URL(url).origin !== own) foreign.push(url);
			});
			await use(foreign);
			expect(foreign, 'requests to other hosts').toEqual([]);
		},
		{ auto: true }
	]
});

export { expect };

export async function expectNoAxeViolations(page: Page) {
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	expect(summary, 'axe violations').toEqual([]);
}
