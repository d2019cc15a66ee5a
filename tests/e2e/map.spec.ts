import { expect, expectNoAxeViolations, test } from './fixtures';

test('a resident opens the map, sees the demo cameras of Belgrade and opens one', async ({ page }) => {
	await page.goto('/?lang=en');
	await expect(page.getByTestId('map').locator('canvas')).toBeVisible();
	await expect(page.getByRole('note')).toContainText('Demo data');

	const list = page.getByText(/cameras? in view/);
	await expect(list).toBeVisible();
	await list.click();
	const cameras = page.getByRole('list', { name: 'Cameras in view' }).getByRole('link');
	await expect(cameras.first()).toBeVisible();
	expect(await cameras.count()).toBeGreaterThan(10);

	await cameras.first().click();
	await expect(page).toHaveURL(/\/cameras\/\d+$/);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Camera');
	await expectNoAxeViolations(page);
});

test('the view is kept in the address and restored from it', async ({ page }) => {
	await page.goto('/#map=17/44.8153/20.4604');
	await expect(page.getByTestId('map').locator('canvas')).toBeVisible();
	await expect(page).toHaveURL(/#map=17\/44\.815\d*\/20\.460\d*/);
	await page.reload();
	await expect(page).toHaveURL(/#map=17\/44\.815\d*\/20\.460\d*/);
});

test('switching the language changes the text without JavaScript', async ({ browser, baseURL }) => {
	const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
	const page = await context.newPage();
	await page.goto('/?lang=sr-Latn');
	await expect(page.getByRole('link', { name: 'Prijavi kameru' })).toBeVisible();
	await page.getByRole('link', { name: 'Српски (ћирилица)' }).click();
	await expect(page.getByRole('link', { name: 'Пријави камеру' })).toBeVisible();
	await page.getByRole('link', { name: 'English' }).click();
	await expect(page.getByRole('link', { name: 'Report a camera' })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await context.close();
});

test('an unknown camera is a clear 404', async ({ page }) => {
	const response = await page.goto('/cameras/999999?lang=en');
	expect(response?.status()).toBe(404);
	await expect(page.getByText('We could not find this page.')).toBeVisible();
});
