/**
 * The live exports over HTTP: query parameters (the map's camera filter and an optional bbox),
 * refusals in the reader's language, and the headers every data file carries (licence link,
 * content type, a download name with the day).
 */
import type { Kysely } from 'kysely';
import { translate, type Locale } from '../../i18n';
import { parseBBox } from '../../schemas/bbox';
import { parseCameraFilter } from '../../schemas/camera-filter';
import { licenceLinkHeader } from '../../exports/licence';
import type { DB } from '../db';
import { contentTypes, exportChunks, exportStream, today, type ExportFormat, type ExportOptions } from './cameras';

export const extensions: Record<ExportFormat, string> = { geojson: 'geojson', csv: 'csv', osm: 'osm' };

export type ParsedExport = { ok: true; options: ExportOptions } | { ok: false; response: Response };

function refusal(locale: Locale, field: string, message: string): Response {
	return new Response(
		JSON.stringify({
			error: 'validation',
			message: translate(locale, 'report.errors.summary'),
			fields: { [field]: message }
		}),
		{ status: 400, headers: { 'content-type': 'application/json; charset=utf-8' } }
	);
}

/** `type`, `operator`, `capability`, `confidence`, `removed` as on the map; `bbox` optional. */
export function parseExportQuery(query: URLSearchParams, locale: Locale): ParsedExport {
	const filter = parseCameraFilter(query);
	if (!filter.ok) {
		return {
			ok: false,
			response: refusal(
				locale,
				filter.field,
				translate(locale, filter.error, { name: filter.field, allowed: filter.allowed })
			)
		};
	}
	const options: ExportOptions = { filter: filter.filter };
	if (query.has('bbox')) {
		const bbox = parseBBox(query.get('bbox'));
		if (!bbox.ok) return { ok: false, response: refusal(locale, 'bbox', translate(locale, bbox.error)) };
		options.bbox = bbox.bbox;
	}
	if (query.has('area')) {
		const area = query.get('area') ?? '';
		if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(area) || area.length > 80)
			return { ok: false, response: refusal(locale, 'area', translate(locale, 'claim.error.area')) };
		options.area = area;
	}
	return { ok: true, options };
}

/** Headers of a data file: type, licence, a dated download name, short caching (the data moves). */
export function dataHeaders(format: ExportFormat, origin: string, filename: string, cache: string): HeadersInit {
	return {
		'content-type': contentTypes[format],
		link: licenceLinkHeader(origin),
		'content-disposition': `inline; filename="${filename}"`,
		'cache-control': cache,
		'x-content-type-options': 'nosniff'
	};
}

/** The whole filtered dataset, streamed. */
export function exportResponse(db: Kysely<DB>, format: ExportFormat, options: ExportOptions, origin: string) {
	const body = exportStream(exportChunks(db, format, options, { origin }));
	const filename = `nadzor-cameras-${options.area ? `${options.area}-` : ''}${today()}.${extensions[format]}`;
	return new Response(body, { headers: dataHeaders(format, origin, filename, 'public, max-age=300') });
}
