/**
 * Reporting a camera from a phone, as a person would: with JavaScript, without it (Tor
 * Browser's "safest" mode), and with the connection dropping before the report is sent.
 *
 * Photos: a JPEG carrying EXIF GPS and orientation 6 (stored 1200×800, red top half, blue
 * bottom half: upright it is 800×1200 with red on the right) and a PNG.
 */
import path from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import sharp from 'sharp';
import { expect, expectNoAxeViolations, test } from './fixtures';

const JPEG = path.resolve('tests/e2e/fixtures/camera-gps-orientation6.jpg');
const PNG = path.resolve('tests/e2e/fixtures/camera.png');
const STATUS_URL = /\/report\/status\/[A-Za-z0-9_-]{43}$/;

// The `phone` project (playwright.config.ts) gives the phone viewport and touch.
test.use({ locale: 'en-GB' });

/** The status page shows a pending report with two photos, and the stored JPEG is upright. */
async function expectPendingReportWithTwoPhotos(page: Page, request: APIRequestContext) {
	await expect(page).toHaveURL(STATUS_URL);
	await expect(page.getByRole('heading', { name: 'Your report' })).toBeVisible();
	await expect(page.getByTestId('status-kind')).toHaveText('New camera');
	await expect(page.getByTestId('status-status')).toHaveText('Waiting for a moderator');
	const thumbnails = page.getByRole('img', { name: /^Photo \d of the camera$/ });
	await expect(thumbnails).toHaveCount(2);
	for (const thumbnail of await thumbnails.all()) {
		await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
	}

	// The first photo as stored: orientation applied, no metadata left.
	const link = page.getByRole('link').filter({ has: page.getByRole('img', { name: 'Photo 1 of the camera' }) });
	const response = await request.get(new URL((await link.getAttribute('href'))!, page.url()).href);
	expect(response.status()).toBe(200);
	expect(response.headers()['x-content-type-options']).toBe('nosniff');
	const bytes = await response.body();
	const metadata = await sharp(bytes).metadata();
	expect({ width: metadata.width, height: metadata.height }).toEqual({ width: 800, height: 1200 });
	expect(metadata.exif).toBeUndefined();
	expect(metadata.xmp).toBeUndefined();
	expect(metadata.iptc).toBeUndefined();
	const pixel = async (left: number, top: number) => {
		const { data } = await sharp(bytes)
			.extract({ left, top, width: 1, height: 1 })
			.raw()
			.toBuffer({ resolveWithObject: true });
		return { red: data[0], blue: data[2] };
	};
	const right = await pixel(700, 600);
	const left = await pixel(100, 600);
	expect(right.red).toBeGreaterThan(150);
	expect(right.blue).toBeLessThan(100);
	expect(left.blue).toBeGreaterThan(150);
	expect(left.red).toBeLessThan(100);
}

test.describe('with JavaScript', () => {
	test.use({ geolocation: { latitude: 44.81761, longitude: 20.45725 }, permissions: ['geolocation'] });

	/** The person taps "Next" and sees the step's question. */
	async function next(page: Page, question: string) {
		await page.getByRole('button', { name: 'Next' }).click();
		await expect(page.getByRole('heading', { name: question })).toBeVisible();
	}

	test('a resident reports a camera with two photos and sees it pending', async ({ page, request }) => {
		await page.goto('/report?lang=en');
		await expect(page.getByRole('heading', { name: 'Report a camera' })).toBeVisible();
		await expect(page.getByTestId('report-map')).toBeVisible();
		await expect(page.getByText('Step 1 of 3')).toBeVisible();

		// The page starts at the GPS fix; "Locate me" asks again.
		await expect(page.getByLabel('Latitude')).toHaveValue('44.817610');
		await page.getByRole('button', { name: 'Locate me' }).click();
		await expect(page.getByLabel('Latitude')).toHaveValue('44.817610');
		await expect(page.getByLabel('Longitude')).toHaveValue('20.457250');

		await next(page, 'Take a photo of it');
		await page.getByLabel('Choose from gallery').setInputFiles([JPEG, PNG]);
		await expect(page.getByText('2 photos')).toBeVisible();
		// The JPEG's position was read before anything re-encoded it; using it goes back to the place.
		await page.getByRole('button', { name: 'Use the location stored in photo 1' }).click();
		await expect(page.getByLabel('Latitude')).toHaveValue('44.817600');
		await expect(page.getByLabel('Longitude')).toHaveValue('20.457300');

		await next(page, 'Take a photo of it');
		await next(page, 'What is it?');
		await page.getByRole('radio', { name: 'Dome (half ball)' }).check();
		await page.getByText('More details (optional)').click();
		await page.getByLabel('Mounted on').selectOption('pole');
		await page.getByRole('checkbox', { name: 'North-east' }).check();
		await page.getByRole('checkbox', { name: 'Face recognition' }).check();
		await page.getByLabel('Why do you think so?').fill('The same model is sold with face recognition.');
		await page.getByRole('button', { name: 'Send report' }).click();

		await expectPendingReportWithTwoPhotos(page, request);
		await expect(page.getByTestId('status-place')).toHaveText('44.817600, 20.457300');
		await expect(page.getByText('Dome (half ball)')).toBeVisible();
		await expect(page.getByText('45°')).toBeVisible();
	});

	test('typed or pasted coordinates move the map under the cross', async ({ page }) => {
		await page.goto('/report?lang=en');
		await expect(page.getByLabel('Latitude')).toHaveValue('44.817610');
		await page.getByLabel('Latitude').fill('44.80123, 20.47456');
		await expect(page.getByLabel('Latitude')).toHaveValue('44.80123');
		await expect(page.getByLabel('Longitude')).toHaveValue('20.47456');
		// The map's centre (under the cross) is the typed place: the view in the address of the map's last move.
		await expect
			.poll(() => page.evaluate(() => JSON.parse(localStorage.getItem('nadzor.report.view') ?? 'null')))
			.toMatchObject({ lat: expect.closeTo(44.80123, 5), lng: expect.closeTo(20.47456, 5) });
	});

	test('a resident standing under a known camera confirms it instead of reporting it twice', async ({
		page,
		context,
		request
	}) => {
		// A camera already on the map (the demo data has plenty around the centre of Belgrade).
		const around = await request.get('/api/v1/cameras/nearby?lat=44.8176&lng=20.4573&radius=500');
		const known = (await around.json()).features[0];
		expect(known).toBeDefined();
		const [lng, lat] = known.geometry.coordinates as [number, number];
		await context.setGeolocation({ latitude: lat, longitude: lng });

		await page.goto('/report?lang=en');
		await page.getByRole('button', { name: 'Locate me' }).click();
		const nearby = page.getByTestId('nearby');
		await expect(nearby).toContainText('Is it one of these?');
		await nearby
			.getByRole('listitem')
			.filter({ hasText: `Camera ${known.id}:` })
			.getByRole('button', { name: 'Yes, it is this one' })
			.click();
		await expect(nearby).toContainText(`This report confirms camera ${known.id}.`);
		await next(page, 'Take a photo of it');
		await page.getByLabel('Take photo').setInputFiles(PNG);
		await next(page, 'What is it?');
		await page.getByRole('button', { name: 'Send report' }).click();

		await expect(page).toHaveURL(STATUS_URL);
		await expect(page.getByTestId('status-kind')).toHaveText('Confirmation of a known camera');
		await expect(page.getByText(`About camera ${known.id}`)).toBeVisible();
	});

	test('the direction can be set by turning the arrow on the map', async ({ page }) => {
		await page.goto('/report?lang=en');
		await expect(page.getByLabel('Latitude')).toHaveValue('44.817610');
		await next(page, 'Take a photo of it');
		await next(page, 'What is it?');
		const handle = page.locator('.direction-handle');
		await expect(handle).toBeVisible();
		const box = (await handle.boundingBox())!;
		const pin = (await page.getByTestId('report-map').boundingBox())!;
		// From the arrow (north of the pin) to a point east-north-east of the pin (about 69°).
		await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
		await page.mouse.down();
		await page.mouse.move(pin.x + pin.width / 2 + 80, pin.y + pin.height / 2 - 30, { steps: 8 });
		await page.mouse.up();
		// The direction shows under "more" as a ticked box with its degrees.
		await page.getByText('More details (optional)').click();
		const chosen = page.getByRole('checkbox', { name: /^\d+°$/ });
		await expect(chosen).toBeChecked();
		const degrees = Number((await chosen.getAttribute('value'))!);
		expect(degrees).toBeGreaterThan(55);
		expect(degrees).toBeLessThan(85);
		// Unticking it removes the direction again.
		await chosen.click();
		await expect(page.getByRole('checkbox', { name: /^\d+°$/ })).toHaveCount(0);
	});

	test('the report page and the status page have no accessibility violations', async ({ page, request }) => {
		await page.goto('/report?lang=en');
		await expect(page.getByTestId('report-map')).toBeVisible();
		await expect(page.getByLabel('Latitude')).toHaveValue('44.817610');
		await expectNoAxeViolations(page);
		await next(page, 'Take a photo of it');
		await expectNoAxeViolations(page);
		await next(page, 'What is it?');
		await expectNoAxeViolations(page);
		await page.getByRole('button', { name: 'Send report' }).click();
		// No photo: back to the photo step, the problem named on top.
		await expect(page.getByRole('alert')).toContainText('Add at least one photo of the camera.');
		await expect(page.getByRole('heading', { name: 'Take a photo of it' })).toBeVisible();
		await expectNoAxeViolations(page);

		await page.getByLabel('Take photo').setInputFiles(PNG);
		await next(page, 'What is it?');
		await page.getByRole('button', { name: 'Send report' }).click();
		await expect(page).toHaveURL(STATUS_URL);
		await expectNoAxeViolations(page);
		expect((await request.get(page.url())).headers()['cache-control']).toContain('no-store');
	});

	test('field problems are named before anything is sent', async ({ page }) => {
		await page.goto('/report?lang=en');
		await expect(page.getByLabel('Latitude')).toHaveValue('44.817610');
		await page.getByLabel('Latitude').fill('95');
		await page.getByLabel('Longitude').fill('20.45');
		await next(page, 'Take a photo of it');
		await next(page, 'What is it?');
		await page.getByRole('button', { name: 'Send report' }).click();
		const alert = page.getByRole('alert');
		await expect(alert).toContainText('The report was not sent');
		await expect(alert).toContainText('Latitude is a number from -90 to 90, e.g. 44.81762.');
		await expect(alert).toContainText('Add at least one photo of the camera.');
		// Back on the step with the first problem, the field marked.
		await expect(page.locator('#lat-error')).toHaveText('Latitude is a number from -90 to 90, e.g. 44.81762.');
		await expect(page.getByLabel('Latitude')).toHaveAttribute('aria-invalid', 'true');
		await expect(page).toHaveURL(/\/report\?lang=en$/);
	});

	test('a report made offline is queued, survives a reload and is sent once back online', async ({
		page,
		context,
		request
	}) => {
		const posts: { key: string | null; status: number }[] = [];
		page.on('response', (response) => {
			if (response.request().method() === 'POST' && response.url().endsWith('/api/v1/submissions')) {
				posts.push({ key: response.request().headers()['idempotency-key'] ?? null, status: response.status() });
			}
		});
		await page.goto('/report?lang=en');
		// The service worker has cached the page for the reload below.
		await page.evaluate(async () => {
			await navigator.serviceWorker.ready;
		});

		await expect(page.getByLabel('Latitude')).toHaveValue('44.817610');
		await page.getByLabel('Latitude').fill('44.81234');
		await page.getByLabel('Longitude').fill('20.46123');
		await next(page, 'Take a photo of it');
		await page.getByLabel('Take photo').setInputFiles(JPEG);
		await page.getByLabel('Choose from gallery').setInputFiles(PNG);
		await expect(page.getByText('2 photos')).toBeVisible();
		await next(page, 'What is it?');
		await page.getByRole('radio', { name: 'Fixed (box or bullet)' }).check();

		await context.setOffline(true);
		await page.getByRole('button', { name: 'Send report' }).click();
		// Said where the person is looking: inside the screen right after the tap.
		const queued = page.getByTestId('queued');
		await expect(queued).toContainText('No connection: your report is saved on this device');
		await expect(queued).toBeInViewport();
		const outbox = page.getByTestId('outbox');
		await expect(outbox.getByRole('listitem')).toHaveCount(1);
		await expect(outbox.getByRole('status')).toHaveText('Waiting for a connection');

		await page.reload();
		await expect(page.getByRole('heading', { name: 'Report a camera' })).toBeVisible();
		await expect(outbox.getByRole('listitem')).toHaveCount(1);
		await expect(outbox.getByRole('status')).toHaveText('Waiting for a connection');

		await context.setOffline(false);
		await expect(outbox.getByRole('status')).toHaveText('Sent', { timeout: 30_000 });
		await expect(outbox.getByRole('listitem')).toHaveCount(1);

		// Exactly once: every attempt carried the same key, and only one created a report.
		expect(posts.filter((post) => post.status === 201)).toHaveLength(1);
		expect(new Set(posts.map((post) => post.key)).size).toBe(1);
		expect(posts.every((post) => post.status === 201 || post.status === 200)).toBe(true);

		// The anonymous reporter finds the status link in "My reports" on the device, after a reload too.
		const statusPath = new URL(
			(await outbox.getByRole('link', { name: 'See status' }).getAttribute('href'))!,
			page.url()
		).pathname;
		await page.reload();
		const mine = page.getByTestId('my-reports');
		await expect(mine.locator(`a[href="${statusPath}"]`)).toHaveCount(1);
		await page.goto('/report/mine?lang=en');
		await expect(page.getByTestId('my-reports').locator(`a[href="${statusPath}"]`)).toBeVisible();
		await expect(page.getByTestId('my-reports').getByRole('button', { name: 'Copy link' })).toBeVisible();

		await page.getByTestId('my-reports').locator(`a[href="${statusPath}"]`).click();
		await expectPendingReportWithTwoPhotos(page, request);
	});
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('a resident reports a camera with a plain form, the place read from the photo', async ({ page, request }) => {
		await page.goto('/report?lang=en');
		await expect(page.getByRole('heading', { name: 'Report a camera' })).toBeVisible();
		await expect(page.getByTestId('report-map')).toHaveCount(0);
		await expect(page.getByText('Without the map, type the coordinates')).toBeVisible();

		// No coordinates typed: the server reads them from the JPEG's GPS tags.
		await page.getByLabel('Take photo').setInputFiles(JPEG);
		await page.getByLabel('Choose from gallery').setInputFiles(PNG);
		await page.getByRole('radio', { name: 'Panning (turns)' }).check();
		await page.getByText('More details (optional)').click();
		await page.getByRole('checkbox', { name: 'South', exact: true }).check();
		await page.getByRole('button', { name: 'Send report' }).click();

		await expectPendingReportWithTwoPhotos(page, request);
		await expect(page.getByTestId('status-place')).toHaveText('44.817600, 20.457300 (read from your photo)');
		await expect(page.getByText('180°')).toBeVisible();
	});

	test('the server names each problem in the reader’s language and keeps what was typed', async ({ page }) => {
		await page.goto('/report?lang=sr-Latn');
		await page.getByLabel('Geografska širina').fill('44,8');
		await page.getByText('Još detalja (nije obavezno)').click();
		await page.getByLabel('Vlasnik, ako je poznat').fill('Gradska uprava');
		await page.getByRole('button', { name: 'Pošalji prijavu' }).click();
		await expect(page.getByRole('alert')).toContainText('Prijava nije poslata');
		await expect(page.getByText('Navedite i geografsku širinu i dužinu.')).toBeVisible();
		await expect(page.getByText('Dodajte bar jednu fotografiju kamere.')).toBeVisible();
		await expect(page.getByLabel('Geografska širina')).toHaveValue('44,8');
		await expect(page.getByLabel('Vlasnik, ako je poznat')).toHaveValue('Gradska uprava');
	});
});
