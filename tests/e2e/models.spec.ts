/**
 * The catalogue of camera models: anyone reads what a model can do and the evidence for it; a
 * moderator adds a model, is told field by field what is missing, and the model appears publicly.
 */
import { MODERATOR } from './accounts';
import { expect, expectNoAxeViolations, test } from './fixtures';

test('anyone reads the catalogue with its evidence', async ({ page }) => {
	await page.goto('/models?lang=en');
	await expect(page.getByRole('heading', { level: 1, name: 'Camera models and what they can do' })).toBeVisible();
	// The demo data's fictional model, biometric-capable, with its (example) evidence link, in
	// the reader's language.
	const demo = page.getByRole('article', { name: 'Example (demo) DK-1 made-up camera' });
	await expect(demo).toContainText('A fictional model for the demo data.');
	await expect(demo).toContainText('face recognition');
	await expect(demo).toContainText(/\d+ cameras? on the map/);
	await expect(demo.getByRole('link', { name: 'Demo: not a real product' })).toHaveAttribute(
		'href',
		'https://example.org/nadzor-demo-model'
	);
	await expectNoAxeViolations(page);

	await page.goto('/models?lang=sr-Cyrl');
	const cyrillic = page.getByRole('article', { name: 'Пример (демо) DK-1 измишљена камера' });
	await expect(cyrillic).toContainText('Измишљен модел за демо податке.');
	await expect(cyrillic.getByRole('link', { name: 'Демо: није стварни производ' })).toBeVisible();
});

test('a moderator adds a model, with field messages for what is missing', async ({ page }) => {
	await page.goto('/login?lang=en&redirectTo=/moderate/models');
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Username').fill(MODERATOR.username);
	await page.getByLabel('Password').fill(MODERATOR.password);
	await page.getByRole('button', { name: 'Log in' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Camera models' })).toBeVisible();
	await page.waitForLoadState('networkidle');

	const name = `E2E ${Date.now()}`;
	await page.getByLabel('Manufacturer').fill('Primer');
	await page.getByLabel('Model', { exact: true }).fill(name);
	await page.getByLabel('licence plate reading').check();
	await page.getByRole('button', { name: 'Add the model' }).click();
	await expect(page.getByRole('alert')).toHaveText('Please correct the marked fields.');
	await expect(page.getByText('A capability needs at least one link to the evidence.')).toBeVisible();
	await expectNoAxeViolations(page);

	await page.getByRole('group', { name: 'Link 1' }).getByLabel('Address').fill('https://example.org/tender');
	await page.getByRole('group', { name: 'Link 1' }).getByLabel('Title').fill('Tender (example)');
	await page.getByRole('button', { name: 'Add the model' }).click();
	await expect(page.getByRole('status')).toHaveText(`Model Primer ${name} added.`);

	await page.goto('/models?lang=en');
	const added = page.getByRole('article', { name: `Primer ${name}` });
	await expect(added).toContainText('licence plate reading');
	await expect(added.getByRole('link', { name: 'Tender (example)' })).toBeVisible();
});
