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

/**
 * The width of a chart in SVG units. A page shows a chart as wide as its column, so one unit is
 * one CSS pixel only where the column is that wide: WIDE for a desktop page and the downloads,
 * NARROW for a phone's column (about 360 px), where a WIDE chart would shrink its 12-unit labels
 * to 6 px. Below NARROW_BELOW units a chart takes its narrow layout (labels over the bars, the
 * legend under the map, long titles and footers on several lines).
 */
export const WIDE = 720;
export const NARROW = 360;
const NARROW_BELOW = 500;

const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif';
const INK = '#1d1b1a';
const MUTED = '#5c5753';
const ACCENT = '#b3261e';
const TITLE_SIZE = 18;

/**
 * `text` broken at spaces into lines of at most `width` units in a font of `size`, estimating a
 * character at 0.56 em (0.64 em in bold, as wide as Cyrillic capitals come in system sans-serif
 * fonts): a little wider than the average, so a line rather breaks early than runs off the edge.
 */
function wrap(text: string, size: number, width: number, bold = false): string[] {
	const most = Math.max(8, Math.floor(width / (size * (bold ? 0.64 : 0.56))));
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(' ')) {
		if (line && line.length + 1 + word.length > most) {
			lines.push(line);
			line = word;
		} else line = line ? `${line} ${word}` : word;
	}
	return [...lines, line];
}

/** Lines of text from (`x`, `y`), `gap` units apart. */
function textLines(lines: string[], x: number, y: number, gap: number, attributes: string): string {
	return lines.map((line, i) => `<text x="${x}" y="${y + i * gap}" ${attributes}>${escapeXml(line)}</text>`).join('');
}

/**
 * The chart's document: the title above, the footer below, `body` between, drawn for a one-line
 * title and a one-line footer in a chart `height` units tall; a longer title moves the body down
 * and a longer footer makes the chart taller.
 */
function frame(width: number, height: number, labels: ChartLabels, body: string): string {
	// The footer's smallest print is still readable on a phone.
	const footerSize = width < NARROW_BELOW ? 12 : 11;
	const title = wrap(labels.title, TITLE_SIZE, width - 32, true);
	const footer = wrap(labels.footer, footerSize, width - 32);
	const shift = (title.length - 1) * 22;
	const total = height + shift + (footer.length - 1) * 14;
	return [
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${total}" width="${width}" height="${total}" role="img" aria-label="${escapeXml(labels.title)}">`,
		`<rect width="${width}" height="${total}" fill="#ffffff"/>`,
		textLines(title, 16, 30, 22, `font-family="${FONT}" font-size="${TITLE_SIZE}" font-weight="700" fill="${INK}"`),
		shift ? `<g transform="translate(0 ${shift})">${body}</g>` : body,
		textLines(footer, 16, height + shift - 12, 14, `font-family="${FONT}" font-size="${footerSize}" fill="${MUTED}"`),
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

/**
 * Horizontal bars, longest first: the names left of the bars, or in a narrow chart above them.
 */
export function rankingChart(rows: { label: string; value: number }[], labels: ChartLabels, width = WIDE): string {
	const shown = rows.slice(0, 20);
	const max = Math.max(1, ...shown.map((row) => row.value));
	const narrow = width < NARROW_BELOW;
	const barLeft = narrow ? 16 : 220;
	const barWidth = width - barLeft - (narrow ? 56 : 80);
	const rowHeight = narrow ? 40 : 24;
	const text = `font-family="${FONT}" font-size="13" fill="${INK}"`;
	const bars = shown
		.map((row, i) => {
			const y = 50 + i * rowHeight;
			const barY = narrow ? y + 19 : y;
			const length = Math.max(1, (row.value / max) * barWidth);
			const name = narrow
				? `<text x="${barLeft}" y="${y + 14}" ${text}>${escapeXml(row.label)}</text>`
				: `<text x="${barLeft - 8}" y="${y + 15}" text-anchor="end" ${text}>${escapeXml(row.label)}</text>`;
			return (
				name +
				`<rect x="${barLeft}" y="${barY + 3}" width="${length.toFixed(1)}" height="16" fill="${ACCENT}"/>` +
				`<text x="${barLeft + length + 6}" y="${barY + 15}" ${text}>${format(labels.locale, row.value)}</text>`
			);
		})
		.join('');
	return frame(width, 50 + shown.length * rowHeight + 40, labels, bars);
}

/** A line over months (YYYY-MM), with the first and last month and the maximum labelled. */
export function growthChart(points: { month: string; value: number }[], labels: ChartLabels, width = WIDE): string {
	const height = width < NARROW_BELOW ? 260 : 320;
	const [left, top, right, bottom] = [60, 50, width - 24, height - 60];
	if (points.length === 0) return frame(width, height, labels, '');
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
	return frame(width, height, labels, `${axis}<path d="${path}" fill="none" stroke="${ACCENT}" stroke-width="2.5"/>`);
}

export interface ChoroplethArea {
	label: string;
	value: number;
	/** GeoJSON MultiPolygon coordinates (WGS 84). */
	coordinates: number[][][][];
}

const CLASSES = ['#fee5d9', '#fcae91', '#fb6a4a', '#de2d26', '#a50f15'];

/**
 * Longitude and latitude to chart units, the whole of `points` fitted into the box (`left`,
 * `top`, `width`, `height`) and centred in it: equirectangular with the mid-latitude's scale,
 * right for a city. The choropleth and an area's map draw through it.
 */
function fitProjection(points: number[][], [left, top, width, height]: number[]) {
	const lngs = points.map(([lng]) => lng);
	const lats = points.map(([, lat]) => lat);
	const [minLng, maxLng, minLat, maxLat] = [Math.min(...lngs), Math.max(...lngs), Math.min(...lats), Math.max(...lats)];
	const kx = mercatorScale((minLat + maxLat) / 2);
	const scale = Math.min(width / ((maxLng - minLng) * kx || 1), height / (maxLat - minLat || 1));
	const dx = (width - (maxLng - minLng) * kx * scale) / 2;
	const dy = (height - (maxLat - minLat) * scale) / 2;
	const x = (lng: number) => left + dx + (lng - minLng) * kx * scale;
	const y = (lat: number) => top + dy + (maxLat - lat) * scale;
	return {
		x,
		y,
		/** SVG path data of GeoJSON MultiPolygon coordinates. */
		path: (coordinates: number[][][][]) =>
			coordinates
				.map((polygon) =>
					polygon
						.map((ring) => `M${ring.map(([lng, lat]) => `${x(lng).toFixed(1)},${y(lat).toFixed(1)}`).join('L')}Z`)
						.join('')
				)
				.join('')
	};
}

/**
 * Areas shaded by value in five equal classes of a round width (niceStep), with a legend: right of
 * the map, or in a narrow chart under it.
 */
export function choropleth(areas: ChoroplethArea[], labels: ChartLabels, legendTitle: string, width = WIDE): string {
	const narrow = width < NARROW_BELOW;
	const mapHeight = narrow ? 300 : 480 - 46 - 40;
	const legendHeight = 24 + CLASSES.length * 22;
	const height = narrow ? 46 + mapHeight + 16 + legendHeight + 40 : 480;
	const all = areas.flatMap((area) => area.coordinates.flat(2));
	if (all.length === 0) return frame(width, height, labels, '');
	const top = 46;
	const project = fitProjection(all, narrow ? [16, top, width - 32, mapHeight] : [16, top, width - 200, mapHeight]);
	const max = Math.max(...areas.map((area) => area.value), 0);
	const { step, digits } = niceStep(max, CLASSES.length);
	const classOf = (value: number) => Math.min(CLASSES.length - 1, Math.max(0, Math.floor(value / step)));
	// Largest first, so small areas drawn later stay visible on top of the ones containing them.
	const shapes = [...areas]
		.sort((a, b) => b.coordinates.flat(2).length - a.coordinates.flat(2).length)
		.map(
			(area) =>
				`<path d="${project.path(area.coordinates)}" fill="${CLASSES[classOf(area.value)]}" stroke="#ffffff" stroke-width="1" fill-rule="evenodd"><title>${escapeXml(`${area.label}: ${format(labels.locale, area.value)}`)}</title></path>`
		)
		.join('');
	const [legendX, legendY] = narrow ? [16, top + mapHeight + 16] : [width - 170, top];
	const legend =
		`<text x="${legendX}" y="${legendY + 12}" font-family="${FONT}" font-size="12" font-weight="700" fill="${INK}">${escapeXml(legendTitle)}</text>` +
		CLASSES.map((colour, i) => {
			const from = step * i;
			const to = step * (i + 1);
			const y = legendY + 24 + i * 22;
			return (
				`<rect x="${legendX}" y="${y}" width="18" height="16" fill="${colour}" stroke="${MUTED}" stroke-width="0.5"/>` +
				`<text x="${legendX + 26}" y="${y + 12}" font-family="${FONT}" font-size="12" fill="${INK}">${format(labels.locale, from, digits)}–${format(labels.locale, to, digits)}</text>`
			);
		}).join('');
	return frame(width, height, labels, shapes + legend);
}

/**
 * One area's outline with its cameras as dots (the area page and its printable summary): the
 * same projection as the choropleth, drawn without any map tiles so it prints and downloads.
 */
export function areaMap(
	coordinates: number[][][][],
	cameras: [number, number][],
	labels: ChartLabels,
	legend: string,
	width = WIDE
): string {
	const height = width < NARROW_BELOW ? 380 : 480;
	const all = coordinates.flat(2);
	if (all.length === 0) return frame(width, height, labels, '');
	const project = fitProjection(all, [16, 46, width - 32, height - 46 - 56]);
	const outline = `<path d="${project.path(coordinates)}" fill="#f4efe9" stroke="${INK}" stroke-width="1.5" fill-rule="evenodd"/>`;
	const dots = cameras
		.map(
			([lng, lat]) =>
				`<circle cx="${project.x(lng).toFixed(1)}" cy="${project.y(lat).toFixed(1)}" r="3" fill="${ACCENT}" fill-opacity="0.8"/>`
		)
		.join('');
	const key =
		`<circle cx="24" cy="${height - 36}" r="4" fill="${ACCENT}"/>` +
		`<text x="34" y="${height - 32}" font-family="${FONT}" font-size="12" fill="${INK}">${escapeXml(legend)}</text>`;
	return frame(width, height, labels, outline + dots + key);
}
