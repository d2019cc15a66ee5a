import { test } from '@playwright/test';
const pages = (process.env.SHOTS ?? '/admin/areas').split(',');
const admin = !!process.env.SHOT_ADMIN;
for (const width of [390, 1280])
	for (const lang of ['sr-Latn', 'sr-Cyrl'])
		for (const path of pages)
			test(`${path} ${width} ${lang}`, async ({ page }) => {
				await page.setViewportSize({ width, height: 844 });
				if (admin) {
					await page.goto('/login?lang=en');
					await page.getByLabel('Username').fill('e2e-admin');
					await page.getByLabel('Password').fill('keeping the numbers honest');
					await page.getByRole('button', { name: 'Log in' }).click();
					await page.waitForURL((url) => !url.pathname.startsWith('/login'));
				}
				await page.goto(`${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
				await page.waitForLoadState('networkidle');
				const name = `${path.replace(/[^a-z0-9]+/gi, '_')}-${width}-${lang}`;
				await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: true });
				const sideways = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
				console.log(name, 'sideways scroll:', sideways);
			});
