import { describe, expect, it } from 'vitest';
import { choropleth, niceStep } from '../../../src/lib/stats/charts';

describe('choropleth legend classes', () => {
	it.each([
		[0.2, 0.04, 2],
		[0.04, 0.008, 3],
		[1, 0.2, 1],
		[7.3, 1.5, 1],
		[12, 2.5, 1],
		[100, 20, 0],
		[1234, 250, 0],
		[0, 1, 0]
	])('max %f in five classes: steps of %f with %i decimals', (max, step, digits) => {
		expect(niceStep(max, 5)).toEqual({ step: expect.closeTo(step, 9), digits });
	});

	it('the classes reach the largest value and stay tight around it', () => {
		for (const max of [0.013, 0.2, 3.7, 48, 999, 12_345]) {
			const { step } = niceStep(max, 5);
			expect(step * 5).toBeGreaterThanOrEqual(max);
			expect(step * 5).toBeLessThanOrEqual(max * 1.25);
		}
	});

	it('a legend of small densities shows distinct rounded values, not "0–0"', () => {
		const square = [
			[
				[
					[20.4, 44.8],
					[20.5, 44.8],
					[20.5, 44.9],
					[20.4, 44.8]
				]
			]
		];
		const svg = choropleth(
			[
				{ label: 'A', value: 0.04, coordinates: square },
				{ label: 'B', value: 0.19, coordinates: square }
			],
			{ title: 'Density', footer: 'footer', locale: 'en' },
			'per km²'
		);
		expect(svg).not.toContain('>0–0<');
		expect(svg).toContain('>0–0.04<');
		expect(svg).toContain('>0.16–0.2<');
	});
});
