/**
 * From a resident's report to a verified camera: an anonymous person reports a camera with a
 * photo showing a bystander; a moderator finds it in the queue, blurs the bystander, corrects an
 * attribute and approves; the camera is on the public map and its page, the photo blurred; a
 * second person's confirmation, approved from the keyboard, raises its confidence.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { checkerboardJpeg, detailIn } from '../photo-detail';
import { MODERATOR } from './accounts';
import { expect, expectNoAxeViolations, test } from './fixtures';

// Far enough from the demo cameras' clusters to be a new place; unique in the queue.
const PLACE = { latitude: 44.80512, longitude: 20.48123 };

/** A photo full of fine detail, as a file to pick in the report form. */
async function detailedPhoto(): Promise<string> {
	const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'nadzor-e2e-photo-')), 'bystander.jpg');
	await fs.writeFile(file, await checkerboardJpeg());
	return file;
}

async function reportAnonymously(browser: Browser, setup: (page: Page) => Promise<void>): Promise<string> {
	const context = await browser.newContext({
		geolocation: PLACE,
		permissions: ['geolocation'],
		locale: 'en-GB'
	});
	const page = await context.newPage();
	await page.goto('/report?lang=en');
	await page.getByRole('button', { name: 'Locate me' }).click();
	await expect(page.getByLabel('Latitude')).toHaveValue(PLACE.latitude.toFixed(6));
	await setup(page);
	await page.getByRole('button', { name: 'Send report' }).click();
	await expect(page).toHaveURL(/\/report\/status\/[A-Za-z0-9_-]{43}$/);
	const statusUrl = page.url();
	await context.close();
	return statusUrl;
}

test.use({ locale: 'en-GB' });

test('a report becomes a verified camera with its bystander blurred, and a confirmation from the same client counts once', async ({
	page,
	browser,
	request
}) => {
	test.setTimeout(150_000);
	const photo = await detailedPhoto();
	let cameraId = '';

	const statusUrl = await test.step('an anonymous person reports a camera', () =>
		reportAnonymously(browser, async (reporter) => {
			await reporter.getByRole('button', { name: 'Next' }).click();
			await reporter.getByLabel('Choose from gallery').setInputFiles(photo);
			await reporter.getByRole('button', { name: 'Next' }).click();
			await reporter.getByRole('radio', { name: 'Dome (half ball)' }).check();
		}));

	await test.step('a moderator signs in and finds it in the queue', async () => {
		// A moderator's login lands on the queue.
		await page.goto('/login?lang=en');
		await page.getByLabel('Username').fill(MODERATOR.username);
		await page.getByLabel('Password').fill(MODERATOR.password);
		await page.getByRole('button', { name: 'Log in' }).click();
		await expect(page).toHaveURL((url) => url.pathname === '/moderate');
		await expect(page.getByRole('heading', { name: 'Review queue' })).toBeVisible();
		await expect(page.getByTestId('pending-count')).toHaveText(/^\d+/);
		await expectNoAxeViolations(page);
		const row = page.getByTestId('queue-item').filter({ hasText: '44.80512, 20.48123' });
		await expect(row).toHaveCount(1);
		await row.getByRole('link', { name: 'Review' }).click();
		await expect(page.getByRole('heading', { name: 'Review: New camera' })).toBeVisible();
		await expect(page.getByTestId('track-record')).toHaveText('Sent without an account: no record to show.');
	});

	await test.step('blurs the bystander, corrects the operator and approves', async () => {
		const frame = page.getByTestId('blur-frame');
		await expect.poll(() => frame.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(800);
		await expectNoAxeViolations(page);
		const box = (await frame.boundingBox())!;
		await page.mouse.move(box.x + box.width * 0.25, box.y + box.height * 0.25);
		await page.mouse.down();
		await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5, { steps: 5 });
		await page.mouse.move(box.x + box.width * 0.75, box.y + box.height * 0.75, { steps: 5 });
		await page.mouse.up();
		await expect(page.getByText('1 region marked')).toBeVisible();
		await expect(page.getByRole('radio', { name: /Blur the marked regions/ })).toBeChecked();
		await page.getByLabel('Operated by').selectOption('police');
		await page.getByRole('button', { name: 'Approve' }).click();
		const message = page.getByTestId('decision-message');
		await expect(message).toContainText('Approved: camera');
		cameraId = /camera (\d+) is on the map/.exec((await message.textContent())!)![1];

		// The page now shows what was published: the blurred photo, read from the pixels on screen.
		const shown = page.getByRole('img', { name: 'Photo 1 of the report' });
		await expect.poll(() => shown.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
		const pixels = await shown.screenshot();
		const outside = await detailIn(pixels, { x: 0, y: 0, w: 0.2, h: 0.2 });
		const inside = await detailIn(pixels, { x: 0.3, y: 0.3, w: 0.4, h: 0.4 });
		expect(outside).toBeGreaterThan(40);
		expect(inside).toBeLessThan(outside / 4);
	});

	await test.step('the camera is on the public map and its page shows the blurred photo', async () => {
		const reporterView = await request.get(`${statusUrl}?lang=en`);
		expect(await reporterView.text()).toContain('Approved');

		await page.goto(`/cameras/${cameraId}?lang=en`);
		await expect(page.getByText('verified by a moderator')).toBeVisible();
		await expect(page.getByText('Police', { exact: false }).first()).toBeVisible();
		const link = page.getByRole('link').filter({ has: page.getByRole('img', { name: `Photo of camera ${cameraId}` }) });
		const display = await request.get(new URL((await link.getAttribute('href'))!, page.url()).href);
		expect(display.status()).toBe(200);
		const bytes = await display.body();
		const outside = await detailIn(bytes, { x: 0, y: 0, w: 0.2, h: 0.2 });
		const inside = await detailIn(bytes, { x: 0.3, y: 0.3, w: 0.4, h: 0.4 });
		expect(outside).toBeGreaterThan(40);
		expect(inside).toBeLessThan(outside / 4);
		await expectNoAxeViolations(page);

		await page.goto(`/?lang=en#map=18/${PLACE.latitude}/${PLACE.longitude}`);
		// The list of cameras in view (the map's text alternative) follows what the map shows.
		await expect(
			page.getByRole('list', { name: 'Cameras in view', includeHidden: true }).locator(`a[href="/cameras/${cameraId}"]`)
		).toBeAttached();
	});

	await test.step('the same device confirms it and the moderator approves from the keyboard', async () => {
		await reportAnonymously(browser, async (second) => {
			const nearby = second.getByTestId('nearby');
			await nearby
				.getByRole('listitem')
				.filter({ hasText: `Camera ${cameraId}:` })
				.getByRole('button', { name: 'Yes, it is this one' })
				.click();
			await second.getByRole('button', { name: 'Next' }).click();
			await second.getByLabel('Take photo').setInputFiles(path.resolve('tests/e2e/fixtures/camera.png'));
			await second.getByRole('button', { name: 'Next' }).click();
		});
		await page.goto('/moderate?lang=en&kind=confirmation');
		const row = page.getByTestId('queue-item').filter({ hasText: '44.80512, 20.48123' });
		await row.getByRole('link', { name: 'Review' }).click();
		await expect(page.getByRole('heading', { name: 'Review: Confirmation of a known camera' })).toBeVisible();
		await expect(page.getByTestId('blur-frame').locator('img')).toBeVisible();
		await page.keyboard.press('c');
		await expect(page.getByRole('radio', { name: 'No identifiable face or licence plate' })).toBeChecked();
		// Sent from this machine's address, as was the report and as is the moderator's browser: a
		// second witness only in name. (Confirmations from other clients: tests/security/witnesses.test.ts.)
		await expect(page.getByTestId('same-client')).toBeVisible();
		await page.keyboard.press('a');
		await expect(page.getByTestId('decision-message')).toContainText(`camera ${cameraId}`);

		await page.goto(`/cameras/${cameraId}?lang=en`);
		await expect(page.locator('p', { hasText: 'verified by a moderator' })).toContainText('1 confirmation');
		await expect(page.getByText('confirmed by several people')).toHaveCount(0);
	});
});

test('"This camera is gone" and "Something is wrong here" from camera pages, approved, make a tombstone and change a camera', async ({
	page,
	browser,
	request
}) => {
	test.setTimeout(150_000);
	// Two demo cameras away from the first story's place.
	const around = await request.get('/api/v1/cameras/nearby?lat=44.8176&lng=20.4573&radius=500');
	const features = (await around.json()).features as { id: number; properties: { camera_type: string | null } }[];
	const gone = features[0];
	// Not panning yet, so the correction shows.
	const wrong = features.find((feature) => feature.id !== gone?.id && feature.properties.camera_type !== 'panning');
	expect(gone && wrong).toBeTruthy();

	await test.step('a resident says one camera is gone and another is a panning camera', async () => {
		const context = await browser.newContext({ locale: 'en-GB' });
		const reporter = await context.newPage();
		await reporter.goto(`/cameras/${gone.id}?lang=en`);
		await reporter.getByRole('link', { name: 'This camera is gone' }).click();
		await expect(reporter.getByRole('heading', { name: 'This camera is gone' })).toBeVisible();
		await reporter.getByRole('button', { name: 'Send report' }).click();
		await expect(reporter).toHaveURL(/\/report\/status\//);
		await expect(reporter.getByTestId('status-kind')).toHaveText('A camera was removed');

		await reporter.goto(`/cameras/${wrong!.id}?lang=en`);
		await reporter.getByRole('link', { name: 'Something is wrong here' }).click();
		await expect(reporter.getByRole('heading', { name: 'Something is wrong here' })).toBeVisible();
		await reporter.getByRole('button', { name: 'Next' }).click();
		await reporter.getByRole('button', { name: 'Next' }).click();
		await reporter.getByRole('radio', { name: 'Panning (turns)' }).check();
		await reporter.getByRole('button', { name: 'Send report' }).click();
		await expect(reporter).toHaveURL(/\/report\/status\//);
		await expect(reporter.getByTestId('status-kind')).toHaveText('Correction to a known camera');
		await context.close();
	});

	await test.step('the moderator approves both from the queue', async () => {
		await page.goto('/login?lang=en');
		await page.getByLabel('Username').fill(MODERATOR.username);
		await page.getByLabel('Password').fill(MODERATOR.password);
		await page.getByRole('button', { name: 'Log in' }).click();
		await expect(page).toHaveURL((url) => url.pathname === '/moderate');
		for (const kind of ['removal', 'edit']) {
			await page.goto(`/moderate?lang=en&kind=${kind}`);
			const row = page.getByTestId('queue-item');
			await expect(row).toHaveCount(1);
			await row.getByRole('link', { name: 'Review' }).click();
			await page.getByRole('button', { name: 'Approve' }).click();
			await expect(page.getByTestId('decision-message')).toContainText('Approved');
		}
	});

	await test.step('the removed camera is a tombstone and the corrected one is panning', async () => {
		const removed = await (await request.get(`/api/v1/cameras/${gone.id}.json`)).json();
		expect(removed.properties?.status ?? removed.status).toBe('removed');
		await page.goto(`/cameras/${gone.id}?lang=en`);
		await expect(page.getByRole('link', { name: 'This camera is gone' })).toHaveCount(0);
		const corrected = await (await request.get(`/api/v1/cameras/${wrong!.id}.json`)).json();
		expect(corrected.properties?.camera_type ?? corrected.camera_type).toBe('panning');
	});
});
