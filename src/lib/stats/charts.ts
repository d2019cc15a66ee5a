/**
 * The statistics charts as standalone SVG documents: the same string is shown on the page and
 * downloaded (for slides and press), so every chart carries its title, the date, the source and
 * the licence inside the image. Pure functions of the numbers; every text is escaped.
 */
import { mercatorScale } from '../geo/earth';
import { escapeXml } from '../xml';

export interface ChartLabels {
	title: string;
	/** "Source: …, date: …, licence: …" — printed at the bottom. */
	footer: string;
	locale: string;
}

const WIDTH = 720;
const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif';
const INK = '#1d1b1a';
const MUTED = '#5c5753';
const ACCENT = '#b3261e';

function frame(height: number, labels: ChartLabels, body: string): string {
	return [
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${escapeXml(labels.title)}">`,
		`<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
		`<text x="16" y="30" font-family="${FONT}" font-size="18" font-weight="700" fill="${INK}">${escapeXml(labels.title)}</text>`,
		body,
		`<text x="16" y="${height - 12}" font-family="${FONT}" font-size="11" fill="${MUTED}">${escapeXml(labels.footer)}</text>`,
		'</svg>'
	].join('');
}

function format(locale: string, value: number, fractionDigits = 1): string {
	return new Intl.NumberFormat(locale === 'en' ? 'en' : 'sr-Latn', { maximumFractionDigits: fractionDigits }).format(
		value
	);
}

/**
 * The width of each of `classes` equal classes covering 0…max, rounded up to a round number (1, 1.2,
 * 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten), so a legend reads 0–0.04, 0.04–0.08 … instead
 * of 0–0.038 printed as "0–0"; the top class still holds the largest value.
 * `digits` is how many decimals its boundaries need.
 */
export function niceStep(max: number, classes: number): { step: number; digits: number } {
	const raw = max > 0 ? max / classes : 1;
	const power = 10 ** Math.floor(Math.log10(raw));
	const step = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]
		.map((m) => m * power)
		.find((candidate) => candidate >= raw * (1 - 1e-9))!;
	let digits = 0;
	while (digits < 10 && Math.abs(Math.round(step * 10 ** digits) - step * 10 ** digits) > 1e-6) digits++;
	return { step, digits };
}

/** Horizontal bars, longest first. */
export function rankingChart(rows: { label: string; value: number }[], labels: ChartLabels): string {
	const shown = rows.slice(0, 20);
	const max = Math.max(1, ...shown.map((row) => row.value));
	const barLeft = 220;
	const barWidth = WIDTH - barLeft - 80;
	const bars = shown
		.map((row, i) => {
			const y = 50 + i * 24;
			const width = Math.max(1, (row.value / max) * barWidth);
			return (
				`<text x="${barLeft - 8}" y="${y + 15}" text-anchor="end" font-family="${FONT}" font-size="13" fill="${INK}">${escapeXml(row.label)}</text>` +
				`<rect x="${barLeft}" y="${y + 3}" width="${width.toFixed(1)}" height="16" fill="${ACCENT}"/>` +
				`<text x="${barLeft + width + 6}" y="${y + 15}" font-family="${FONT}" font-size="13" fill="${INK}">${format(labels.locale, row.value)}</text>`
			);
		})
		.join('');
	return frame(50 + shown.length * 24 + 40, labels, bars);
}

/** A line over months (YYYY-MM), with the first and last month and the maximum labelled. */
export function growthChart(points: { month: string; value: number }[], labels: ChartLabels): string {
	const height = 320;
	const [left, top, right, bottom] = [60, 50, WIDTH - 24, height - 60];
	if (points.length === 0) return frame(height, labels, '');
	const max = Math.max(1, ...points.map((point) => point.value));
	const x = (i: number) => left + (points.length === 1 ? 0 : (i / (points.length - 1)) * (right - left));
	const y = (value: number) => bottom - (value / max) * (bottom - top);
	const path = points
		.map((point, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(point.value).toFixed(1)}`)
		.join('');
	const axis =
		`<line x1="${left}" y1="${bottom}" x2="${right}" y2="${bottom}" stroke="${MUTED}"/>` +
		`<line x1="${left}" y1="${top}" x2="${left}" y2="${bottom}" stroke="${MUTED}"/>` +
		`<text x="${left - 6}" y="${top + 4}" text-anchor="end" font-family="${FONT}" font-size="12" fill="${INK}">${format(labels.locale, max)}</text>` +
		`<text x="${left - 6}" y="${bottom + 4}" text-anchor="end" font-family="${FONT}" font-size="12" fill="${INK}">0</text>` +
		`<text x="${left}" y="${bottom + 18}" font-family="${FONT}" font-size="12" fill="${INK}">${escapeXml(points[0].month)}</text>` +
		`<text x="${right}" y="${bottom + 18}" text-anchor="end" font-family="${FONT}" font-size="12" fill="${INK}">${escapeXml(points[points.length - 1].month)}</text>`;
	return frame(height, labels, `${axis}<path d="${path}" fill="none" stroke="${ACCENT}" stroke-width="2.5"/>`);
}

export interface ChoroplethArea {
	label: string;
	value: number;
	/** GeoJSON MultiPolygon coordinates (WGS 84). */
	coordinates: number[][][][];
}

const CLASSES = ['#fee5d9', '#fcae91', '#fb6a4a', '#de2d26', '#a50f15'];

/** Areas shaded by value in five equal classes of a round width (niceStep), with a legend. */
export function choropleth(areas: ChoroplethArea[], labels: ChartLabels, legendTitle: string): string {
	const height = 480;
	const [left, top, width, mapHeight] = [16, 46, WIDTH - 200, height - 46 - 40];
	const all = areas.flatMap((area) => area.coordinates.flat(2));
	if (all.length === 0) return frame(height, labels, '');
	const lngs = all.map(([lng]) => lng);
	const lats = all.map(([, lat]) => lat);
	const [minLng, maxLng, minLat, maxLat] = [Math.min(...lngs), Math.max(...lngs), Math.min(...lats), Math.max(...lats)];
	// Equirectangular with the mid-latitude's scale: right for a city.
	const kx = mercatorScale((minLat + maxLat) / 2);
	const scale = Math.min(width / ((maxLng - minLng) * kx || 1), mapHeight / (maxLat - minLat || 1));
	const project = ([lng, lat]: number[]) =>
		`${(left + (lng - minLng) * kx * scale).toFixed(1)},${(top + (maxLat - lat) * scale).toFixed(1)}`;
	const max = Math.max(...areas.map((area) => area.value), 0);
	const { step, digits } = niceStep(max, CLASSES.length);
	const classOf = (value: number) => Math.min(CLASSES.length - 1, Math.max(0, Math.floor(value / step)));
	// Largest first, so small areas drawn later stay visible on top of the ones containing them.
	const shapes = [...areas]
		.sort((a, b) => b.coordinates.flat(2).length - a.coordinates.flat(2).length)
		.map((area) => {
			const d = area.coordinates
				.map((polygon) => polygon.map((ring) => `M${ring.map(project).join('L')}Z`).join(''))
				.join('');
			return `<path d="${d}" fill="${CLASSES[classOf(area.value)]}" stroke="#ffffff" stroke-width="1" fill-rule="evenodd"><title>${escapeXml(`${area.label}: ${format(labels.locale, area.value)}`)}</title></path>`;
		})
		.join('');
	const legendX = WIDTH - 170;
	const legend =
		`<text x="${legendX}" y="${top + 12}" font-family="${FONT}" font-size="12" font-weight="700" fill="${INK}">${escapeXml(legendTitle)}</text>` +
		CLASSES.map((colour, i) => {
			const from = step * i;
			const to = step * (i + 1);
			const y = top + 24 + i * 22;
			return (
				`<rect x="${legendX}" y="${y}" width="18" height="16" fill="${colour}" stroke="${MUTED}" stroke-width="0.5"/>` +
				`<text x="${legendX + 26}" y="${y + 12}" font-family="${FONT}" font-size="12" fill="${INK}">${format(labels.locale, from, digits)}–${format(labels.locale, to, digits)}</text>`
			);
		}).join('');
	return frame(height, labels, shapes + legend);
}

/**
 * One area's outline with its cameras as dots (the area page and its printable summary): the
 * same projection as the choropleth, drawn without any map tiles so it prints and downloads.
 */
export function areaMap(
	coordinates: number[][][][],
	cameras: [number, number][],
	labels: ChartLabels,
	legend: string
): string {
	const height = 480;
	const [left, top, width, mapHeight] = [16, 46, WIDTH - 32, height - 46 - 56];
	const all = coordinates.flat(2);
	if (all.length === 0) return frame(height, labels, '');
	const lngs = all.map(([lng]) => lng);
	const lats = all.map(([, lat]) => lat);
	const [minLng, maxLng, minLat, maxLat] = [Math.min(...lngs), Math.max(...lngs), Math.min(...lats), Math.max(...lats)];
	const kx = mercatorScale((minLat + maxLat) / 2);
	const scale = Math.min(width / ((maxLng - minLng) * kx || 1), mapHeight / (maxLat - minLat || 1));
	// Centred in the frame.
	const dx = (width - (maxLng - minLng) * kx * scale) / 2;
	const dy = (mapHeight - (maxLat - minLat) * scale) / 2;
	const x = (lng: number) => left + dx + (lng - minLng) * kx * scale;
	const y = (lat: number) => top + dy + (maxLat - lat) * scale;
	const d = coordinates
		.map((polygon) =>
			polygon
				.map((ring) => `M${ring.map(([lng, lat]) => `${x(lng).toFixed(1)},${y(lat).toFixed(1)}`).join('L')}Z`)
				.join('')
		)
		.join('');
	const outline = `<path d="${d}" fill="#f4efe9" stroke="${INK}" stroke-width="1.5" fill-rule="evenodd"/>`;
	const dots = cameras
		.map(
			([lng, lat]) =>
				`<circle cx="${x(lng).toFixed(1)}" cy="${y(lat).toFixed(1)}" r="3" fill="${ACCENT}" fill-opacity="0.8"/>`
		)
		.join('');
	const key =
		`<circle cx="24" cy="${height - 36}" r="4" fill="${ACCENT}"/>` +
		`<text x="34" y="${height - 32}" font-family="${FONT}" font-size="12" fill="${INK}">${escapeXml(legend)}</text>`;
	return frame(height, labels, outline + dots + key);
}
