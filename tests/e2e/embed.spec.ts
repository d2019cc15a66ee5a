/**
 * An advocate puts the live map on an NGO's site: builds the snippet at /share, pastes it into
 * a page served from another origin, and the map draws there in a sandboxed iframe with the
 * chosen filter and language. The same page cannot frame the site's other pages. The builder
 * and every embed pass axe.
 *
 * The "NGO site" is a tiny HTTP server on 127.0.0.1:3141 (the app is on localhost:E2E_PORT:
 * another origin). Requests to it are the only ones allowed besides the app's own: the same
 * check as tests/e2e/fixtures.ts, with that one origin added.
 */
import http from 'node:http';
import { expect, test as base, type Frame } from '@playwright/test';
import { expectNoAxeViolations } from './fixtures';
import { exposeMap, settled } from './map-hooks';

const HOST_PORT = 3141;
const HOST = `http://127.0.0.1:${HOST_PORT}`;

const test = base.extend<{ foreignRequests: string[] }>({
	foreignRequests: [
		async ({ page, baseURL }, use) => {
			const allowed = [new URL(baseURL!).origin, HOST];
			const foreign: string[] = [];
			page.on('request', (request) => {
				const url = request.url();
				if (url.startsWith('data:') || url.startsWith('blob:')) return;
				if (!allowed.includes(new URL(url).origin)) foreign.push(url);
			});
			await use(foreign);
			expect(foreign, 'requests to other hosts').toEqual([]);
		},
		{ auto: true }
	]
});

/** Serves one page, the "NGO's article", with whatever HTML it is given. */
async function hostPage(html: string): Promise<http.Server> {
	const server = http.createServer((_request, response) => {
		response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
		response.end(html);
	});
	await new Promise<void>((resolve) => server.listen(HOST_PORT, '127.0.0.1', resolve));
	return server;
}

async function embedFrame(frames: () => Frame[]): Promise<Frame> {
	await expect.poll(() => frames().some((frame) => frame.url().includes('/embed?'))).toBe(true);
	return frames().find((frame) => frame.url().includes('/embed?'))!;
}

test('a snippet from the builder shows the live map on another site, filtered and in the chosen language', async ({
	page,
	baseURL
}) => {
	await page.goto('/share?lang=en');
	await page.waitForLoadState('networkidle');
	await expect(page.getByRole('heading', { level: 1, name: 'Embed a map or a number' })).toBeVisible();
	await page.getByRole('radio', { name: 'Map' }).check();
	await page.getByRole('checkbox', { name: 'licence plate reader' }).check();
	await page.getByRole('checkbox', { name: 'camera', exact: true }).check();
	await page.getByLabel('Language of the embed').selectOption('sr-Cyrl');
	await page.getByRole('radio', { name: 'dark' }).check();
	const snippet = page.getByTestId('snippet');
	// The builder offers every filter of the map, the campaign's "biometric-capable" too.
	const biometric = page.getByRole('checkbox', { name: /biometric-capable/ });
	await biometric.check();
	await expect(snippet).toHaveValue(/type=ALPR,camera&amp;biometric=1&amp;lang=sr-Cyrl/);
	await biometric.uncheck();
	await expect(snippet).toHaveValue(/type=ALPR,camera&amp;lang=sr-Cyrl&amp;theme=dark/);
	await expect(page.getByTestId('preview')).toHaveAttribute('src', /type=ALPR,camera/);
	await expect(page.getByRole('button', { name: 'Copy the snippet' })).toBeVisible();
	await expectNoAxeViolations(page);
	const code = await snippet.inputValue();
	expect(code).toMatch(/^<iframe src="http:\/\/localhost:\d+\/embed\?[^"]+" title="Мапа надзорних камера"/);
	expect(code).toContain('sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"');

	const tiles: string[] = [];
	page.on('request', (request) => {
		if (/\/tiles\/cameras\/\d+\/\d+\/\d+\.mvt/.test(request.url())) tiles.push(request.url());
	});
	const server = await hostPage(
		`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>An NGO's article</title></head><body>
		<h1>Cameras in our city</h1>
		${code}
		<iframe id="framed-map" src="${baseURL}/" title="The full map" width="300" height="200"></iframe>
		<iframe id="framed-moderation" src="${baseURL}/moderate" title="Moderation" width="300" height="200"></iframe>
		</body></html>`
	);
	try {
		await page.goto(`${HOST}/`);
		const frame = await embedFrame(() => page.frames());
		// The sandbox holds: the embed runs with an opaque origin, without storage or cookies.
		expect(await frame.evaluate(() => self.origin)).toBe('null');
		await expect(frame.locator('html')).toHaveAttribute('data-map', 'ready', { timeout: 30_000 });
		await expect(frame.locator('html')).toHaveAttribute('lang', 'sr-Cyrl');
		await expect(frame.getByRole('link', { name: 'Отвори пуну мапу' })).toBeVisible();
		const canvas = frame.locator('#map canvas');
		await expect(canvas).toBeVisible();
		expect(await canvas.evaluate((element: HTMLCanvasElement) => element.width * element.height)).toBeGreaterThan(0);
		// Tiles were fetched with the chosen filter.
		expect(tiles.length).toBeGreaterThan(0);
		expect(tiles.every((url) => url.includes('type=ALPR,camera'))).toBe(true);

		// The site's own pages refuse to be framed (frame-ancestors 'none'): Chromium shows its error page.
		for (const id of ['framed-map', 'framed-moderation']) {
			const framed = await page.locator(`#${id}`).elementHandle();
			await expect.poll(async () => (await framed!.contentFrame())?.url()).toBe('chrome-error://chromewebdata/');
		}
	} finally {
		await new Promise((resolve) => server.close(resolve));
	}
});

test('the builder works without JavaScript: a GET form that renders the snippet', async ({ browser, baseURL }) => {
	const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
	const page = await context.newPage();
	await page.goto('/share?lang=en');
	await page.getByRole('radio', { name: 'Camera counter' }).check();
	await page.getByRole('button', { name: 'Make the snippet' }).click();
	await expect(page).toHaveURL(/kind=counter/);
	await expect(page.getByTestId('snippet')).toHaveValue(/\/embed\/stats\/counter\?lang=en/);
	await expect(page.getByRole('button', { name: 'Copy the snippet' })).toHaveCount(0);
	await context.close();
});

for (const path of [
	'/embed?lang=en',
	'/embed?lang=sr-Latn&theme=dark&ui=none',
	'/embed/stats/counter?lang=sr-Cyrl',
	'/embed/stats/ranking?lang=en&theme=dark',
	'/embed/stats/areas/beograd?lang=sr-Latn'
]) {
	test(`the embed ${path} passes axe`, async ({ page }) => {
		await page.goto(path);
		if (path.startsWith('/embed?')) await expect(page.locator('html')).toHaveAttribute('data-map', 'ready');
		else await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expectNoAxeViolations(page);
	});
}

test('the map links to the builder with the current view and filters', async ({ page }) => {
	// Until the map is moved the link names the view the page opened at (map=); once moved, the box in view.
	await exposeMap(page);
	await page.goto('/?lang=en&type=ALPR');
	await settled(page);
	await expect(page.getByRole('link', { name: 'Embed this view' })).toHaveAttribute(
		'href',
		/^\/share\?kind=map&map=[\d.]+\/-?[\d.]+\/-?[\d.]+&type=ALPR$/
	);
	await page.evaluate(() => window.__nadzorMap!.panBy([60, 40], { animate: false }));
	await settled(page);
	const link = page.getByRole('link', { name: 'Embed this view' });
	await expect(link).toHaveAttribute('href', /^\/share\?kind=map&bbox=-?[\d.]+,-?[\d.]+,-?[\d.]+,-?[\d.]+&type=ALPR$/);
	await link.click();
	await expect(page.getByRole('textbox', { name: /Or a box/ })).toHaveValue(/^-?[\d.]+,/);
	await expect(page.getByTestId('snippet')).toHaveValue(/bbox=.*type=ALPR/);
	await expectNoAxeViolations(page);
});
