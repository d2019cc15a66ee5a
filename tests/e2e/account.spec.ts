import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, test } from './fixtures';

/**
 * A volunteer creates an account, logs out, logs back in and changes the password; the old
 * password stops working. Runs against the built app (see the Playwright config).
 */
/** `axe`: check accessibility on the way (axe runs as a script, so not without JavaScript). */
async function accountStory(page: Page, { axe }: { axe: boolean }) {
	const checkAccessibility = () => (axe ? expectNoAxeViolations(page) : Promise.resolve());
	const username = `volunteer${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
	const firstPassword = 'mapping cameras on a sunday';
	const secondPassword = 'a new and longer passphrase';

	await test.step('signs up with a username and a password only', async () => {
		await page.goto('/signup?lang=en');
		await expect(page.getByRole('heading', { name: 'Create an account' })).toBeVisible();
		await checkAccessibility();
		await page.getByLabel('Username').fill(username);
		await page.getByLabel('Password').fill('password');
		await page.getByRole('button', { name: 'Create account' }).click();
		// A common password is refused next to the field, and nothing else is lost.
		await expect(page.getByText('This password is among the most common ones')).toBeVisible();
		await expect(page.getByLabel('Username')).toHaveValue(username);
		await expect(page.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');
		await checkAccessibility();
		await page.getByLabel('Password').fill(firstPassword);
		await page.getByRole('button', { name: 'Create account' }).click();
		await expect(page).toHaveURL(/\/account$/);
		await expect(page.getByText(`Logged in as ${username} (contributor).`)).toBeVisible();
		await checkAccessibility();
	});

	await test.step('logs out', async () => {
		await page.getByRole('link', { name: 'Log out' }).click();
		await page.getByRole('button', { name: 'Log out' }).click();
		await expect(page).toHaveURL(/\/$/);
		await page.goto('/account');
		await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount$/);
	});

	await test.step('logs in and comes back to the account page', async () => {
		await page.getByLabel('Username').fill(username);
		await page.getByLabel('Password').fill('not my password');
		await page.getByRole('button', { name: 'Log in' }).click();
		await expect(page.getByRole('alert')).toHaveText('The username or the password is wrong.');
		await checkAccessibility();
		await page.getByLabel('Password').fill(firstPassword);
		await page.getByRole('button', { name: 'Log in' }).click();
		await expect(page).toHaveURL(/\/account$/);
	});

	await test.step('changes the password', async () => {
		await page.getByLabel('Current password').fill(firstPassword);
		await page.getByLabel('New password').fill(secondPassword);
		await page.getByRole('button', { name: 'Change password' }).click();
		await expect(page.getByRole('status')).toHaveText(
			'Your password was changed. You were logged out everywhere else.'
		);
		// Still logged in on this device, with a fresh session.
		await page.reload();
		await expect(page.getByText(`Logged in as ${username}`)).toBeVisible();
	});

	await test.step('the old password no longer works, the new one does', async () => {
		await page.context().clearCookies();
		await page.goto('/login?lang=en');
		await page.getByLabel('Username').fill(username);
		await page.getByLabel('Password').fill(firstPassword);
		await page.getByRole('button', { name: 'Log in' }).click();
		await expect(page.getByRole('alert')).toHaveText('The username or the password is wrong.');
		await page.getByLabel('Password').fill(secondPassword);
		await page.getByRole('button', { name: 'Log in' }).click();
		await expect(page).toHaveURL(/\/account$/);
	});
}

test('a volunteer signs up, logs out, logs in and changes the password', async ({ page }) => {
	await accountStory(page, { axe: true });
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });
	test('the same story works with plain form posts', async ({ page }) => {
		await accountStory(page, { axe: false });
	});
});
