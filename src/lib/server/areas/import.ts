/**
 * Imports administrative boundaries from a GeoJSON FeatureCollection: all or nothing.
 *
 * Every feature is checked first, outside any transaction (a malformed geometry makes PostGIS
 * throw, which would abort a transaction): its name, population and geometry. Invalid geometry
 * (a self-intersecting ring, say) is repaired with ST_MakeValid and reported as repaired;
 * geometry that is not an area, or nothing once repaired, is an error for that feature. If any
 * feature has an error, nothing is imported and every problem is reported, by feature. Otherwise
 * all areas are inserted (or updated, by slug) in one transaction; the statistics triggers
 * (migrations/0006_area_stats.sql) recount each one.
 */
import type { Kysely } from 'kysely';
import { toCyrillic } from '#lib/i18n/transliterate.js';
import type { DB } from '../db/schema';
import type { AreaLevel } from '../../area-levels';
import * as areas from './repository';

export { areaLevels, type AreaLevel } from '../../area-levels';

export interface AreaImportOptions {
	level: AreaLevel;
	/** Property holding the name in Serbian Latin script (or the only name there is). */
	nameField: string;
	/** Optional properties with the name in Cyrillic and in English; otherwise derived. */
	nameCyrlField?: string;
	nameEnField?: string;
	/** Property with a stable identifier; otherwise made from the name. */
	slugField?: string;
	populationField?: string;
	populationSource?: string;
	/** Where the boundaries come from (shown with the statistics). */
	source?: string;
	/** Runs inside the import's transaction after the areas are written (e.g. the audit entry). */
	inTransaction?: (trx: Kysely<DB>, slugs: string[]) => Promise<void>;
}

/** What is wrong with a feature (or the file, feature 0), for a message in the reader's language. */
export type AreaProblemCode =
	| 'not_collection'
	| 'no_features'
	| 'name'
	| 'slug'
	| 'duplicate'
	| 'population'
	| 'no_geometry'
	| 'unreadable'
	| 'not_polygon'
	| 'out_of_range'
	| 'empty'
	| 'repaired';

export interface FeatureProblem {
	/** 1-based position of the feature in the file. */
	feature: number;
	name: string | null;
	/** In English, for the command line and logs. */
	message: string;
	code: AreaProblemCode;
	/** The property, identifier or other feature the message names; the reason PostGIS gives. */
	params?: Record<string, string>;
}

export interface AreaImportResult {
	imported: number;
	repaired: FeatureProblem[];
	errors: FeatureProblem[];
}

/** "Novi Beograd" → "novi-beograd"; Serbian letters become their ASCII spelling. */
export function slugify(name: string): string {
	return name
		.replace(/[đĐ]/g, 'dj')
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 80);
}

function text(value: unknown): string | null {
	if (typeof value === 'number') return String(value);
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** NUL and other control characters: PostgreSQL refuses NUL in text, and no name holds them. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

/** The largest population the column holds (PostgreSQL `integer`). */
const MAX_POPULATION = 2_147_483_647;

interface Candidate {
	slug: string;
	names: { latn: string; cyrl: string; en: string };
	population: number | null;
	geometry: unknown;
}

async function checkGeometry(db: Kysely<DB>, geometry: unknown) {
	try {
		const rows = await areas.describeGeometry(db, geometry);
		// (The embedded database answers a geometry it cannot build with no row at all.)
		return (rows[0] as (typeof rows)[number] & { in_range: boolean }) ?? { error: 'not a geometry' };
	} catch (error) {
		return { error: error instanceof Error ? error.message : String(error) };
	}
}

export async function importAreas(
	db: Kysely<DB>,
	collection: unknown,
	options: AreaImportOptions
): Promise<AreaImportResult> {
	const result: AreaImportResult = { imported: 0, repaired: [], errors: [] };
	const features = (collection as { type?: string; features?: unknown[] } | null)?.features;
	if ((collection as { type?: string } | null)?.type !== 'FeatureCollection' || !Array.isArray(features)) {
		result.errors.push({
			feature: 0,
			name: null,
			message: 'the file is not a GeoJSON FeatureCollection',
			code: 'not_collection'
		});
		return result;
	}
	if (features.length === 0) {
		result.errors.push({ feature: 0, name: null, message: 'the file has no features', code: 'no_features' });
		return result;
	}
	const candidates: Candidate[] = [];
	const slugs = new Map<string, number>();
	for (const [index, raw] of features.entries()) {
		const number = index + 1;
		const feature = raw as { geometry?: unknown; properties?: Record<string, unknown> | null };
		const properties = feature?.properties ?? {};
		const name = text(properties[options.nameField]);
		const problem = (message: string, code: AreaProblemCode, params?: Record<string, string>) =>
			result.errors.push({ feature: number, name, message, code, ...(params ? { params } : {}) });
		const otherNames = [options.nameCyrlField, options.nameEnField].map((field) => field && properties[field]);
		if (
			!name ||
			name.length > 200 ||
			[name, ...otherNames].some((value) => typeof value === 'string' && CONTROL.test(value))
		) {
			problem(`property "${options.nameField}" must hold a name of 1 to 200 characters`, 'name', {
				property: options.nameField
			});
			continue;
		}
		const slug = options.slugField ? slugify(text(properties[options.slugField]) ?? '') : slugify(name);
		if (!slug) {
			problem('no identifier (slug) can be made for this feature', 'slug');
			continue;
		}
		if (slugs.has(slug)) {
			problem(`the same identifier "${slug}" as feature ${slugs.get(slug)}`, 'duplicate', {
				slug,
				other: String(slugs.get(slug))
			});
			continue;
		}
		slugs.set(slug, number);
		let population: number | null = null;
		if (options.populationField && properties[options.populationField] !== undefined) {
			const value = Number(properties[options.populationField]);
			if (!Number.isInteger(value) || value < 0 || value > MAX_POPULATION) {
				problem(`property "${options.populationField}" must be a whole number of residents`, 'population', {
					property: options.populationField
				});
				continue;
			}
			population = value;
		}
		if (!feature.geometry) {
			problem('the feature has no geometry', 'no_geometry');
			continue;
		}
		const geometry = await checkGeometry(db, feature.geometry);
		if ('error' in geometry) {
			problem(`the geometry cannot be read (${geometry.error})`, 'unreadable');
			continue;
		}
		if (!geometry.polygonal) {
			problem('the geometry is not a Polygon or MultiPolygon', 'not_polygon');
			continue;
		}
		if (!geometry.in_range) {
			problem('the coordinates are outside longitude -180…180 or latitude -90…90', 'out_of_range');
			continue;
		}
		if (geometry.empty) {
			problem(`the geometry is invalid (${geometry.reason}) and nothing is left once repaired`, 'empty', {
				reason: geometry.reason
			});
			continue;
		}
		if (!geometry.valid) {
			result.repaired.push({
				feature: number,
				name,
				message: `repaired: ${geometry.reason}`,
				code: 'repaired',
				params: { reason: geometry.reason }
			});
		}
		candidates.push({
			slug,
			names: {
				latn: name,
				cyrl: text(options.nameCyrlField && properties[options.nameCyrlField]) ?? toCyrillic(name),
				en: text(options.nameEnField && properties[options.nameEnField]) ?? name
			},
			population,
			geometry: feature.geometry
		});
	}
	if (result.errors.length > 0) return result;

	await db.transaction().execute(async (trx) => {
		for (const candidate of candidates) {
			await areas.upsert(trx, {
				slug: candidate.slug,
				level: options.level,
				names: candidate.names,
				population: candidate.population,
				populationSource: candidate.population === null ? null : (options.populationSource ?? null),
				source: options.source ?? null,
				geometry: candidate.geometry
			});
		}
		await options.inTransaction?.(
			trx,
			candidates.map((candidate) => candidate.slug)
		);
	});
	result.imported = candidates.length;
	return result;
}
