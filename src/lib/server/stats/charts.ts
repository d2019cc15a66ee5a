/**
 * The statistics page's charts and tables, built once for the page and for the SVG downloads.
 */
import type { Kysely } from 'kysely';
import { formatDate, translate, type Locale } from '#lib/i18n/index.js';
import { areaMap, choropleth, growthChart, NARROW, rankingChart, WIDE } from '#lib/stats/charts.js';
import type { DB } from '../db/schema';
import { activeCameraPositionsIn, areaOutline, areaOutlines, areaStatistics, type AreaStatistics } from './repository';
import { compare, summaries } from '../official/lists';

export const charts = ['ranking', 'growth', 'choropleth', 'coverage'] as const;
export type ChartName = (typeof charts)[number];

export const LICENCE = 'ODbL 1.0';

/** Cameras in the area month by month: cumulative verified minus cumulative removed. */
export function growthSeries(area: AreaStatistics | undefined): { month: string; value: number }[] {
	let running = 0;
	return (area?.months ?? []).map((month) => {
		running += month.verified - month.removed;
		return { month: month.month, value: running };
	});
}

export async function statisticsCharts(db: Kysely<DB>, locale: Locale, areaSlug: string | null) {
	const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
		translate(locale, key, params);
	const areas = await areaStatistics(db);
	const name = (area: AreaStatistics) => area.name[locale];
	const today = new Date().toISOString().slice(0, 10);
	const footer = t('stats.footer', { date: formatDate(locale, today), source: t('app.name'), licence: LICENCE });
	const chosen = areas.find((area) => area.slug === areaSlug) ?? areas[0];
	const shapes = await areaOutlines(db);
	const draw = (width: number): Record<ChartName, string> => ({
		ranking: rankingChart(
			areas.map((area) => ({ label: name(area), value: area.cameras })),
			{ title: t('stats.ranking.title'), footer, locale },
			width
		),
		growth: growthChart(
			growthSeries(chosen),
			{ title: t('stats.growth.title', { area: chosen ? name(chosen) : '—' }), footer, locale },
			width
		),
		choropleth: choropleth(
			areas.map((area) => ({ label: name(area), value: area.perKm2, coordinates: shapes.get(area.slug) ?? [] })),
			{ title: t('stats.choropleth.title'), footer, locale },
			t('stats.perKm2'),
			width
		),
		// Percent of the area inside camera view; an area still being computed counts as 0 here
		// and shows "—" in the table.
		coverage: choropleth(
			areas.map((area) => ({
				label: name(area),
				value: Math.round((area.coverageShare ?? 0) * 10_000) / 100,
				coordinates: shapes.get(area.slug) ?? []
			})),
			{ title: t('stats.coverage.title'), footer, locale },
			t('stats.coverage.legend'),
			width
		)
	});
	// `svg` for a desktop page and the downloads, `narrow` for a phone's column.
	const svg = draw(WIDE);
	const narrow = draw(NARROW);
	return { areas, chosen: chosen?.slug ?? null, svg, narrow, growth: growthSeries(chosen) };
}

export const areaChartNames = ['map', 'growth'] as const;
export type AreaChartName = (typeof areaChartNames)[number];

/**
 * One area's page (/areas/{slug}) and press kit: its numbers, its outline with its cameras and its
 * growth as SVG (with title, date, source and licence inside, like the /stats charts), and how
 * each imported official list compares with the map there. Undefined for an unknown area.
 */
export async function areaCharts(db: Kysely<DB>, locale: Locale, slug: string) {
	const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
		translate(locale, key, params);
	const areas = await areaStatistics(db);
	const area = areas.find((candidate) => candidate.slug === slug);
	if (!area) return undefined;
	const today = new Date().toISOString().slice(0, 10);
	const footer = t('stats.footer', { date: formatDate(locale, today), source: t('app.name'), licence: LICENCE });
	const [shape, cameras] = await Promise.all([areaOutline(db, slug), activeCameraPositionsIn(db, slug)]);
	const name = area.name[locale];
	const growth = growthSeries(area);
	const draw = (width: number): Record<AreaChartName, string> => ({
		map: areaMap(
			shape,
			cameras.map((row) => [row.lng, row.lat]),
			{ title: t('area.mapTitle', { area: name }), footer, locale },
			t('area.mapLegend', { count: area.cameras }),
			width
		),
		growth: growthChart(growth, { title: t('stats.growth.title', { area: name }), footer, locale }, width)
	});
	const svg = draw(WIDE);
	const narrow = draw(NARROW);
	const comparisons = [];
	for (const list of await summaries(db)) {
		const comparison = await compare(db, list.slug);
		const here = comparison?.areas.find((row) => row.slug === slug);
		if (here) comparisons.push({ slug: list.slug, name: list.name, source: list.source, counts: here.counts });
	}
	return { area, growth, svg, narrow, comparisons, date: today };
}
