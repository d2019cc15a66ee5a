/**
 * An advocate takes the data: the open-data page with its exports, licence and releases, the data
 * dictionary, and the API reference, in the three languages, accessible.
 */
import { expect, expectNoAxeViolations, test } from './fixtures';

const languages = [
	{ lang: 'sr-Latn', data: 'Otvoreni podaci', dictionary: 'Rečnik podataka', api: 'Opis API-ja' },
	{ lang: 'sr-Cyrl', data: 'Отворени подаци', dictionary: 'Речник података', api: 'Опис API-ја' },
	{ lang: 'en', data: 'Open data', dictionary: 'Data dictionary', api: 'API reference' }
];

for (const { lang, data, dictionary, api } of languages) {
	test(`the open data, its dictionary and the API reference in ${lang}`, async ({ page, request }) => {
		await page.goto(`/data?lang=${lang}`);
		await expect(page.getByRole('heading', { level: 1, name: data })).toBeVisible();
		await expect(page.getByRole('link', { name: 'Open Database License (ODbL) 1.0' })).toBeVisible();
		const geojson = page.locator('a[href="/api/v1/cameras.geojson"]');
		await expect(geojson).toBeVisible();
		await expect(page.locator('link[rel="alternate"][type="application/atom+xml"]')).toHaveAttribute(
			'href',
			'/feeds/cameras.atom'
		);
		// The live export the link points at answers with the licence.
		const file = await request.get('/api/v1/cameras.geojson');
		expect(file.headers()['link']).toContain('rel="license"');
		expect((await file.json()).features.length).toBeGreaterThan(0);
		await expectNoAxeViolations(page);

		await page.getByRole('link', { name: dictionary }).first().click();
		await expect(page.getByRole('heading', { level: 1, name: dictionary })).toBeVisible();
		const table = page.getByTestId('dictionary');
		await expect(table.getByRole('rowheader', { name: 'surveillance_type' })).toBeVisible();
		await expect(table).toContainText('gunshot_detector');
		await expectNoAxeViolations(page);

		await page.goto(`/api?lang=${lang}`);
		await expect(page.getByRole('heading', { level: 1, name: api })).toBeVisible();
		await expect(page.getByRole('heading', { level: 3, name: /GET \/api\/v1\/cameras\.csv/ })).toBeVisible();
		// The operations are described in English; a Serbian reader is told so.
		const inEnglish = page.getByText(/are in English|na engleskom|на енглеском/);
		await expect(inEnglish).toHaveCount(lang === 'en' ? 0 : 1);
		await expect(page.locator('a[href="/api/openapi.json"]').first()).toBeVisible();
		await expectNoAxeViolations(page);
	});
}
