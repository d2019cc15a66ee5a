/**
 * Official (or leaked) lists of camera locations: import, and comparison with the mapped
 * cameras. #hiljadekamera's key finding was exactly this comparison: twice as many cameras on
 * the citizens' map as on the police list.
 *
 * - Import is all or nothing; every point keeps a reference (a property such as a row number, or
 *   its coordinates), so importing the same list again inserts nothing new.
 * - A listed point and a mapped camera closer than the list's match radius are the same camera.
 *   Categories: on both lists; listed but not (yet) found by citizens; found only by citizens —
 *   mapped cameras inside the list's region (the listed points' hull, 1 km around) with no listed
 *   point near them.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { slugify } from '../areas/import';
import { parseCsv } from '../../csv';
import * as areas from '../areas/repository';
import * as official from './repository';

export interface ListImportOptions {
	name: string;
	source: string;
	/** YYYY-MM-DD. */
	publishedOn?: string;
	slug?: string;
	/** Property holding a stable reference for each point (else its coordinates). */
	refField?: string;
	/** Property with a place description. */
	locationField?: string;
	/** CSV only: the coordinate columns (defaults: lat/latitude, lng/lon/longitude). */
	latField?: string;
	lngField?: string;
	matchRadiusM?: number;
}

export interface ListPoint {
	ref: string;
	location: string | null;
	lat: number;
	lng: number;
	properties: Record<string, unknown>;
}

export interface ListImportResult {
	slug: string;
	points: number;
	inserted: number;
	errors: { row: number; message: string }[];
}

function number(value: unknown): number {
	return typeof value === 'number'
		? value
		: Number(
				String(value ?? '')
					.trim()
					.replace(',', '.')
			);
}

/** The points of a GeoJSON FeatureCollection or a CSV file, with a problem per bad row. */
export function readListPoints(
	content: string,
	options: ListImportOptions
): { points: ListPoint[]; errors: ListImportResult['errors'] } {
	const errors: ListImportResult['errors'] = [];
	const candidates: { row: number; lat: number; lng: number; properties: Record<string, unknown> }[] = [];
	const trimmed = content.trimStart();
	if (trimmed.startsWith('{')) {
		const collection = JSON.parse(trimmed) as { type?: string; features?: unknown[] };
		if (collection.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
			return { points: [], errors: [{ row: 0, message: 'not a GeoJSON FeatureCollection' }] };
		}
		collection.features.forEach((raw, index) => {
			const feature = raw as {
				geometry?: { type?: string; coordinates?: unknown[] };
				properties?: Record<string, unknown>;
			};
			if (feature?.geometry?.type !== 'Point' || !Array.isArray(feature.geometry.coordinates)) {
				errors.push({ row: index + 1, message: 'not a Point' });
				return;
			}
			const [lng, lat] = feature.geometry.coordinates.map(number);
			candidates.push({ row: index + 1, lat, lng, properties: feature.properties ?? {} });
		});
	} else {
		const [header, ...rows] = parseCsv(content);
		const columns = (header ?? []).map((name) => name.trim());
		const find = (given: string | undefined, defaults: string[]) =>
			columns.findIndex((name) => (given ? name === given : defaults.includes(name.toLowerCase())));
		const latColumn = find(options.latField, ['lat', 'latitude']);
		const lngColumn = find(options.lngField, ['lng', 'lon', 'long', 'longitude']);
		if (latColumn < 0 || lngColumn < 0) {
			return { points: [], errors: [{ row: 1, message: 'no latitude and longitude columns in the header' }] };
		}
		rows.forEach((cells, index) => {
			const properties = Object.fromEntries(
				columns.map((name, i) => [name || `column_${i + 1}`, cells[i]?.trim() ?? ''])
			);
			candidates.push({ row: index + 2, lat: number(cells[latColumn]), lng: number(cells[lngColumn]), properties });
		});
	}
	const points: ListPoint[] = [];
	const refs = new Map<string, number>();
	for (const { row, lat, lng, properties } of candidates) {
		if (!(Math.abs(lat) <= 90 && Math.abs(lng) <= 180)) {
			errors.push({ row, message: 'latitude or longitude missing or out of range' });
			continue;
		}
		const given = options.refField ? String(properties[options.refField] ?? '').trim() : '';
		if (options.refField && !given) {
			errors.push({ row, message: `no "${options.refField}" reference` });
			continue;
		}
		let ref = given || `${lat.toFixed(6)},${lng.toFixed(6)}`;
		// Without a reference field, points at the same coordinates are told apart by their order.
		if (!given && refs.has(ref)) ref = `${ref}#${row}`;
		if (refs.has(ref)) {
			errors.push({ row, message: `the same reference "${ref}" as row ${refs.get(ref)}` });
			continue;
		}
		refs.set(ref, row);
		const location = options.locationField ? String(properties[options.locationField] ?? '').trim() || null : null;
		points.push({ ref, location, lat, lng, properties });
	}
	return { points, errors };
}

export async function importList(
	db: Kysely<DB>,
	content: string,
	options: ListImportOptions
): Promise<ListImportResult> {
	const slug = options.slug ?? slugify(options.name);
	let read: ReturnType<typeof readListPoints>;
	try {
		read = readListPoints(content, options);
	} catch (error) {
		read = { points: [], errors: [{ row: 0, message: `unreadable: ${(error as Error).message}` }] };
	}
	const result: ListImportResult = { slug, points: read.points.length, inserted: 0, errors: read.errors };
	if (result.errors.length > 0 || read.points.length === 0) {
		if (read.points.length === 0 && result.errors.length === 0) result.errors.push({ row: 0, message: 'no points' });
		return result;
	}
	await db.transaction().execute(async (trx) => {
		const values = {
			name: options.name,
			source: options.source,
			published_on: options.publishedOn ?? null,
			...(options.matchRadiusM ? { match_radius_m: options.matchRadiusM } : {})
		};
		const listId = await official.saveList(trx, slug, values);
		for (const listed of read.points) {
			const inserted = await official.addListedCamera(trx, listId, listed);
			if (inserted) result.inserted += 1;
		}
	});
	return result;
}

export type ComparisonCategory = 'both' | 'listed_only' | 'citizens_only';

export interface Comparison {
	list: { slug: string; name: string; source: string; publishedOn: string | null; matchRadiusM: number };
	total: Record<ComparisonCategory, number>;
	areas: {
		slug: string | null;
		name_sr_latn: string | null;
		name_sr_cyrl: string | null;
		name_en: string | null;
		counts: Record<ComparisonCategory, number>;
	}[];
	/** Every point of the comparison, for a map layer and the export. */
	points: {
		category: ComparisonCategory;
		lat: number;
		lng: number;
		ref: string | null;
		cameraId: number | null;
		location: string | null;
	}[];
}

/** The comparison of one list with the mapped (active, not imported from that list) cameras. */
export async function compare(db: Kysely<DB>, slug: string): Promise<Comparison | undefined> {
	const list = await official.readList(db, slug);
	if (!list) return undefined;
	const rows = await official.comparisonPoints(db, list.id, list.match_radius_m);
	const empty = (): Record<ComparisonCategory, number> => ({ both: 0, listed_only: 0, citizens_only: 0 });
	const total = empty();
	const byArea = new Map<string | null, Record<ComparisonCategory, number>>();
	for (const row of rows) {
		total[row.category] += 1;
		const counts = byArea.get(row.area) ?? empty();
		counts[row.category] += 1;
		byArea.set(row.area, counts);
	}
	const names = await areas.namesOf(
		db,
		[...byArea.keys()].filter((key): key is string => key !== null)
	);
	return {
		list: {
			slug: list.slug,
			name: list.name,
			source: list.source,
			publishedOn: list.published_on,
			matchRadiusM: list.match_radius_m
		},
		total,
		areas: [...byArea.entries()].map(([area, counts]) => {
			const named = names.find((candidate) => candidate.slug === area);
			return {
				slug: area,
				name_sr_latn: named?.name_sr_latn ?? null,
				name_sr_cyrl: named?.name_sr_cyrl ?? null,
				name_en: named?.name_en ?? null,
				counts
			};
		}),
		points: rows.map((row) => ({
			category: row.category,
			lat: Math.round(row.lat * 1e6) / 1e6,
			lng: Math.round(row.lng * 1e6) / 1e6,
			ref: row.ref,
			cameraId: row.camera_id,
			location: row.location
		}))
	};
}

export interface ListSummary {
	slug: string;
	name: string;
	source: string;
	publishedOn: string | null;
	matchRadiusM: number;
	points: number;
}

/** Every imported list, newest first, with its number of points. */
export async function summaries(db: Kysely<DB>): Promise<ListSummary[]> {
	const rows = await official.listSummaries(db);
	return rows.map((row) => ({
		slug: row.slug,
		name: row.name,
		source: row.source,
		publishedOn: row.published_on,
		matchRadiusM: row.match_radius_m,
		points: Number(row.points ?? 0)
	}));
}

/**
 * The listed points of a comparison as an RFC 7946 FeatureCollection (with its bbox): each
 * point's `category` is `both` (a mapped camera within the match radius) or `listed_only`.
 */
export function listedPointsGeoJSON(comparison: Comparison) {
	const listed = comparison.points.filter((point) => point.category !== 'citizens_only');
	const lngs = listed.map((point) => point.lng);
	const lats = listed.map((point) => point.lat);
	return {
		type: 'FeatureCollection' as const,
		...(listed.length
			? { bbox: [Math.min(...lngs), Math.min(...lats), Math.max(...lngs), Math.max(...lats)] as number[] }
			: {}),
		features: listed.map((point) => ({
			type: 'Feature' as const,
			geometry: { type: 'Point' as const, coordinates: [point.lng, point.lat] },
			properties: { ref: point.ref, location: point.location, category: point.category }
		})),
		list: comparison.list
	};
}
