import { expect, expectNoAxeViolations, test } from './fixtures';

const languages = [
	{ lang: 'sr-Latn', tagline: 'Građanska mapa nadzornih kamera' },
	{ lang: 'sr-Cyrl', tagline: 'Грађанска мапа надзорних камера' },
	{ lang: 'en', tagline: 'A citizen map of surveillance cameras' }
];

const pages = ['/', '/cameras/1', '/report', '/stats', '/models', '/login', '/signup'];

for (const path of pages) {
	for (const { lang, tagline } of languages) {
		test(`${path} in ${lang}: translated, accessible, nothing from other hosts`, async ({ page }) => {
			const response = await page.goto(`${path}?lang=${lang}`);
			expect(response?.status()).toBe(200);
			await expect(page.locator('html')).toHaveAttribute('lang', lang);
			await expect(page.getByText(tagline).first()).toBeAttached();
			await page.waitForLoadState('networkidle');
			await expectNoAxeViolations(page);
		});
	}
}

test('the language choice is remembered across pages', async ({ page }) => {
	await page.goto('/?lang=en');
	await page.goto('/cameras/1');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('health check reports the database', async ({ request }) => {
	const response = await request.get('/healthz');
	expect(response.status()).toBe(200);
	expect(await response.json()).toMatchObject({ status: 'ok', database: { state: 'up' } });
});
