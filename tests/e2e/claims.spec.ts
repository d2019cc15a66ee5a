/**
 * "Mapped by citizens · officially admitted": an operator sets the official number with the
 * command line (playwright.config.ts: Stari grad), an admin sets another on the admin page and
 * is told field by field what is wrong, and the statistics, the widget and the audit log show it.
 */
import { ADMIN } from './accounts';
import { expect, expectNoAxeViolations, test } from './fixtures';

test('the number set with the command line is shown beside the mapped one', async ({ page }) => {
	await page.goto('/stats?lang=sr-Latn');
	const claims = page.getByTestId('claims');
	await expect(claims.getByRole('listitem').filter({ hasText: 'Stari grad' })).toContainText(
		/mapirali građani: \d+ · zvanično priznato: 40/
	);
	await expect(claims).toContainText('MUP Srbije (e2e)');
	await page.goto('/embed/stats/areas/stari-grad?lang=sr-Cyrl');
	await expect(page.getByTestId('area-claim')).toHaveText(/мапирали грађани: \d+ · званично признато: 40/);
	await expectNoAxeViolations(page);
});

test('an admin sets the official number, with field messages for bad input', async ({ page }) => {
	await page.goto('/login?lang=en&redirectTo=/admin/areas%3Flang%3Dsr-Cyrl');
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Username').fill(ADMIN.username);
	await page.getByLabel('Password').fill(ADMIN.password);
	await page.getByRole('button', { name: 'Log in' }).click();
	await expect(page.getByRole('heading', { level: 2, name: 'Званичан број камера' })).toBeVisible();
	await page.waitForLoadState('networkidle');

	const form = page.locator('form[action="?/claim"]');
	await form.getByLabel('Подручје').selectOption('novi-beograd');
	await form.getByLabel('Број камера за које власт каже да их користи').fill('-3');
	await form.getByLabel('Датум изјаве').fill('2021-03-01');
	await form.getByRole('button', { name: 'Сачувај званичан број' }).click();
	await expect(page.getByRole('alert')).toHaveText('Званичан број није сачуван: исправите означена поља.');
	await expect(page.getByText('Број камера не може бити негативан.')).toBeVisible();
	await expect(page.getByText('Наведите ко је изнео тврдњу и где')).toBeVisible();
	await expect(form.getByLabel('Број камера за које власт каже да их користи')).toHaveAttribute('aria-invalid', 'true');
	await expectNoAxeViolations(page);

	await form.getByLabel('Број камера за које власт каже да их користи').fill('сто');
	await form.getByLabel('Извор (ко је рекао и где)').fill('Градска управа, одговор');
	await form.getByRole('button', { name: 'Сачувај званичан број' }).click();
	await expect(page.getByText('Унесите број камера као цео број, на пример 120.')).toBeVisible();
	await expect(page.getByText('Наведите ко је изнео тврдњу')).toHaveCount(0);

	await form.getByLabel('Број камера за које власт каже да их користи').fill('120');
	await form.getByRole('button', { name: 'Сачувај званичан број' }).click();
	await expect(page.getByRole('status')).toHaveText('Званичан број за подручје Нови Београд је сачуван.');

	await page.goto('/stats?lang=en');
	await expect(page.getByTestId('claims').getByRole('listitem').filter({ hasText: 'New Belgrade' })).toContainText(
		/mapped by citizens: \d+ · officially admitted: 120/
	);
	await page.goto('/embed/stats/areas/novi-beograd?lang=en');
	await expect(page.getByTestId('area-claim')).toHaveText(/mapped by citizens: \d+ · officially admitted: 120/);

	await page.goto('/admin/audit?lang=en');
	const entry = page.getByTestId('audit-entry').filter({ hasText: 'area.claim' }).first();
	await expect(entry).toContainText(ADMIN.username);
	await expect(entry).toContainText('novi-beograd');
});
