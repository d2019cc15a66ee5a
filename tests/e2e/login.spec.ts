/**
 * Logging in while the page is still loading: a person (or a password manager, or a script)
 * fills the fields as soon as they appear, before the page's script has started. Hydration used
 * to reset the fields then, and the form posted them empty ("enter your username"). Fifty logins
 * at varying moments after the fill: not one may post an empty field, and a moderator's login
 * lands on the review queue.
 */
import { MODERATOR } from './accounts';
import { expect, test } from './fixtures';

const LOGINS = 50;

test('50 logins filled while the page loads post no empty field and land a moderator on the queue', async ({
	page,
	context
}) => {
	test.setTimeout(LOGINS * 8_000);
	let landed = 0;
	const posted: { username: string; password: string }[] = [];
	page.on('request', async (request) => {
		if (request.method() !== 'POST' || new URL(request.url()).pathname !== '/login') return;
		const body = request.postDataBuffer() ?? Buffer.alloc(0);
		const form = await new Response(new Uint8Array(body), {
			headers: { 'content-type': request.headers()['content-type'] }
		}).formData();
		posted.push({ username: String(form.get('username') ?? ''), password: String(form.get('password') ?? '') });
	});

	for (let attempt = 0; attempt < LOGINS; attempt++) {
		await context.clearCookies();
		// `commit`: the fields are filled as soon as they exist, while scripts still load and run.
		await page.goto('/login?lang=en', { waitUntil: 'commit' });
		await page.getByLabel('Username').fill(MODERATOR.username);
		await page.getByLabel('Password').fill(MODERATOR.password);
		// Tap "Log in" at a different moment each time, before, during and after hydration.
		await page.waitForTimeout((attempt % 10) * 60);
		await page.getByRole('button', { name: 'Log in' }).click();
		// Either the queue or the form's complaint: count both, judge at the end.
		await expect(page.getByRole('heading', { name: 'Review queue' }).or(page.getByRole('alert'))).toBeVisible();
		if (new URL(page.url()).pathname === '/moderate') landed++;
	}

	const empty = posted.filter((post) => post.username === '' || post.password === '');
	console.log(`${posted.length} logins posted, ${empty.length} with an empty field, ${landed} landed on /moderate`);
	expect(empty).toHaveLength(0);
	expect(posted).toHaveLength(LOGINS);
	expect(landed).toBe(LOGINS);
});
