/**
 * The phone journey the product promises: from `/report` to the status page in at most 8 taps
 * or inputs (Pixel 7, GPS emulated, one photo, one kind chosen), counted as the person acts, and
 * the same journey without JavaScript. The count is printed.
 */
import path from 'node:path';
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';

const JPEG = path.resolve('tests/e2e/fixtures/camera-gps-orientation6.jpg');
const STATUS_URL = /\/report\/status\/[A-Za-z0-9_-]{43}$/;
const MAX_ACTIONS = 8;

test.use({ locale: 'en-GB', geolocation: { latitude: 44.80871, longitude: 20.46311 }, permissions: ['geolocation'] });

/** Counts every tap and input the person makes. */
function person() {
	let actions = 0;
	return {
		tap: async (target: Locator) => {
			actions++;
			await target.tap();
		},
		choose: async (target: Locator, file: string) => {
			actions++;
			await target.setInputFiles(file);
		},
		get actions() {
			return actions;
		}
	};
}

test('a phone report from /report to its status page takes at most 8 taps or inputs', async ({ page }) => {
	const me = person();
	await page.goto('/report?lang=en');
	// The place comes from the GPS fix as the page opens.
	await expect(page.getByLabel('Latitude')).toHaveValue('44.808710');
	await me.tap(page.getByRole('button', { name: 'Next' }));
	await me.choose(page.getByLabel('Take photo'), JPEG);
	await expect(page.getByText('1 photo')).toBeVisible();
	await me.tap(page.getByRole('button', { name: 'Next' }));
	await me.tap(page.getByRole('radio', { name: 'Dome (half ball)' }));
	await expect(page.getByRole('radio', { name: 'Dome (half ball)' })).toBeChecked();
	await me.tap(page.getByRole('button', { name: 'Send report' }));
	await expect(page).toHaveURL(STATUS_URL);
	await expect(page.getByTestId('status-status')).toHaveText('Waiting for a moderator');
	await expect(page.getByText('Dome (half ball)')).toBeVisible();
	console.log(`phone report with JavaScript: ${me.actions} taps or inputs`);
	expect(me.actions).toBeLessThanOrEqual(MAX_ACTIONS);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the same journey is one plain form, the place read from the photo', async ({ page }) => {
		const me = person();
		await page.goto('/report?lang=en');
		await me.choose(page.getByLabel('Take photo'), JPEG);
		await me.tap(page.getByRole('radio', { name: 'Dome (half ball)' }));
		await expect(page.getByRole('radio', { name: 'Dome (half ball)' })).toBeChecked();
		await me.tap(page.getByRole('button', { name: 'Send report' }));
		await expect(page).toHaveURL(STATUS_URL);
		await expect(page.getByTestId('status-place')).toHaveText('44.817600, 20.457300 (read from your photo)');
		console.log(`phone report without JavaScript: ${me.actions} taps or inputs`);
		expect(me.actions).toBeLessThanOrEqual(MAX_ACTIONS);
	});
});
