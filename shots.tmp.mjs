// One-off screenshots of the report steps and the moderation workspace (not part of the project).
import { chromium, devices } from '@playwright/test';
const BASE = process.env.BASE;
const OUT = process.env.OUT;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const photo = 'tests/e2e/fixtures/camera-gps-orientation6.jpg';
for (const lang of ['sr-Latn', 'sr-Cyrl']) {
	const context = await browser.newContext({
		...devices['Pixel 7'],
		viewport: { width: 390, height: 844 },
		geolocation: { latitude: 44.81761, longitude: 20.45725 },
		permissions: ['geolocation']
	});
	const page = await context.newPage();
	await page.goto(`${BASE}/report?lang=${lang}`);
	await page.waitForTimeout(3000);
	await page.screenshot({ path: `${OUT}/report-1-${lang}.png` });
	await page.locator('button.primary').first().click();
	await page.getByLabel(/Fotografiši|Фотографиши/).setInputFiles(photo);
	await page.waitForTimeout(1500);
	await page.screenshot({ path: `${OUT}/report-2-${lang}.png` });
	await page.locator('section:not([hidden]) button.primary').first().click();
	await page.waitForTimeout(1500);
	await page.locator('.picture').first().click();
	await page.screenshot({ path: `${OUT}/report-3-${lang}.png` });
	await page.screenshot({ path: `${OUT}/report-3-full-${lang}.png`, fullPage: true });
	await page.locator('button[type=submit]').click();
	await page.waitForURL(/status/);
	await page.screenshot({ path: `${OUT}/report-status-${lang}.png` });
	const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
	console.log(lang, 'status scrollWidth', scroll);
	await context.close();
}
// Moderation workspace (desktop), logged in as the moderator.
for (const lang of ['sr-Latn', 'sr-Cyrl']) {
	const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
	const page = await context.newPage();
	await page.goto(`${BASE}/login?lang=${lang}`);
	await page.waitForLoadState('networkidle');
	await page.locator('input[name=username]').fill('shots-moderator');
	await page.locator('input[name=password]').fill('checking cameras all day long');
	await page.locator('form button[type=submit]').click();
	await page.waitForURL(/moderate/);
	await page.locator('[data-testid=queue-item] a').first().click();
	await page.waitForTimeout(4000);
	await page.screenshot({ path: `${OUT}/moderate-${lang}.png` });
	await context.close();
}
await browser.close();
