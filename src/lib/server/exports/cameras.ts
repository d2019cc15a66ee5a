/**
 * The whole public camera dataset as GeoJSON, CSV or OSM XML, written batch by batch: a keyset
 * cursor over the primary key (`id > last`), 1,000 rows a query, so memory stays constant at
 * any size and no connection is held between batches (the embedded database has one).
 *
 * Only public fields leave this module (see #lib/exports/fields): no submitter or confirmer,
 * no internal timestamps, dates as days.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db';
import { cameraBatch, type ExportRow, type ExportSelection } from './repository';
import { csvCell } from '../../csv';
import { escapeXml } from '../../xml';
import { csvColumns, geojsonProperties, exportFields, LIST_SEPARATOR, type Source } from '../../exports/fields';
import type { ColumnValues, FieldsWith } from '../../cameras/fields';
import { ATTRIBUTION, LICENCE, OSM_ATTRIBUTION } from '../../exports/licence';

export const exportFormats = ['geojson', 'csv', 'osm'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const contentTypes: Record<ExportFormat, string> = {
	geojson: 'application/geo+json',
	csv: 'text/csv; charset=utf-8; header=present',
	osm: 'application/vnd.openstreetmap.data+xml'
};

export interface ExportOptions extends ExportSelection {
	/** Rows per query. */
	batchSize?: number;
}

/** One camera as exported: the registry's export fields (#lib/cameras/fields). */
export type ExportCamera = ColumnValues<FieldsWith<{ export: 'all' | 'csv' }>> & { source: Source };

/** Numeric columns the driver may hand over as text (PostgreSQL's `numeric`). */
const numberColumns = exportFields
	.filter((field) => field.column && field.type === 'number')
	.map((field) => field.name);

/** The OpenStreetMap node id of an OSM-derived record (`source_ref` is `node/<id>`). */
function osmId(row: Pick<ExportRow, 'source' | 'source_ref'>): number | null {
	if (row.source !== 'osm' || !row.source_ref) return null;
	const match = /^node\/(\d{1,15})$/.exec(row.source_ref);
	return match ? Number(match[1]) : null;
}

function toExport(row: ExportRow): ExportCamera {
	// eslint-disable-next-line @typescript-eslint/no-unused-vars -- dropped: internal provenance
	const { source_ref, ...rest } = row;
	const numbers = Object.fromEntries(
		numberColumns.map((name) => {
			const value = rest[name as keyof typeof rest];
			return [name, value === null ? null : Number(value)];
		})
	);
	return {
		...rest,
		...numbers,
		source: row.source as Source,
		osm_id: osmId(row),
		attribution: row.source === 'osm' ? OSM_ATTRIBUTION : null
	};
}

/** Public cameras in id order, a batch at a time. */
export async function* cameraBatches(db: Kysely<DB>, options: ExportOptions): AsyncGenerator<ExportCamera[]> {
	const size = options.batchSize ?? 1000;
	let after = 0;
	for (;;) {
		const rows = await cameraBatch(db, options, after, size);
		if (rows.length === 0) return;
		yield rows.map(toExport);
		if (rows.length < size) return;
		after = rows[rows.length - 1].id;
	}
}

/** Today as `YYYY-MM-DD` (UTC): the only date the files carry about themselves. */
export function today(): string {
	return new Date().toISOString().slice(0, 10);
}

export function geojsonFeature(camera: ExportCamera) {
	const properties: Record<string, unknown> = {};
	for (const name of geojsonProperties) properties[name] = camera[name as keyof ExportCamera];
	return {
		type: 'Feature' as const,
		id: camera.id,
		geometry: { type: 'Point' as const, coordinates: [camera.lon, camera.lat] },
		properties
	};
}

function csvValue(value: unknown): unknown {
	return Array.isArray(value) ? value.join(LIST_SEPARATOR) : value;
}

export function csvRow(camera: ExportCamera): string {
	return csvColumns.map((name) => csvCell(csvValue(camera[name as keyof ExportCamera]))).join(',') + '\r\n';
}

/** An attribute value: a parser would turn a tab or line break in it into a space anyway (XML 1.0 §3.3.3). */
function xml(text: string): string {
	return escapeXml(text.replace(/[\t\n\r]/g, ' '));
}

/**
 * A camera's OpenStreetMap tags: `man_made=surveillance` and every field with an OSM tag, plus
 * `ref:nadzor` so a mapper can find the evidence (photos, history) on the camera's page.
 */
export function osmTags(camera: ExportCamera): [string, string][] {
	const tags: [string, string][] = [['man_made', 'surveillance']];
	for (const field of exportFields) {
		if (!field.osmTag) continue;
		const value = camera[field.name as keyof ExportCamera];
		if (value === null || (Array.isArray(value) && value.length === 0)) continue;
		tags.push([field.osmTag, String(csvValue(value))]);
	}
	tags.push(['ref:nadzor', String(camera.id)]);
	return tags;
}

export function osmNode(camera: ExportCamera): string {
	const tags = osmTags(camera)
		.map(([k, v]) => `\t\t<tag k="${xml(k)}" v="${xml(v)}"/>\n`)
		.join('');
	return `\t<node id="-${camera.id}" visible="true" lat="${camera.lat}" lon="${camera.lon}">\n${tags}\t</node>\n`;
}

export interface ExportContext {
	/** The public URL, for links inside the files. */
	origin: string;
}

/**
 * The file as a sequence of text chunks (one per batch). GeoJSON: an RFC 7946
 * FeatureCollection with the licence and attribution as foreign members. CSV: a header row and
 * one row per camera, nothing else (parsers expect nothing else). OSM XML: active cameras not
 * taken from OpenStreetMap, as new nodes (negative ids) for mappers to review; records that came
 * from OpenStreetMap are already there and are left out (their node id is `osm_id` in the other
 * formats), so nothing is uploaded twice.
 */
export async function* exportChunks(
	db: Kysely<DB>,
	format: ExportFormat,
	options: ExportOptions,
	context: ExportContext
): AsyncGenerator<string> {
	if (format === 'geojson') {
		const head = {
			type: 'FeatureCollection',
			license: { name: LICENCE.name, spdx: LICENCE.spdx, url: LICENCE.url },
			attribution: ATTRIBUTION,
			generated: today(),
			documentation: `${context.origin}/data/dictionary`
		};
		yield JSON.stringify(head).slice(0, -1) + ',"features":[\n';
		let first = true;
		for await (const batch of cameraBatches(db, options)) {
			let chunk = '';
			for (const camera of batch) {
				chunk += (first ? '' : ',\n') + JSON.stringify(geojsonFeature(camera));
				first = false;
			}
			yield chunk;
		}
		yield '\n]}\n';
		return;
	}
	if (format === 'csv') {
		yield csvColumns.join(',') + '\r\n';
		for await (const batch of cameraBatches(db, options)) yield batch.map(csvRow).join('');
		return;
	}
	yield (
		'<?xml version="1.0" encoding="UTF-8"?>\n' +
		`<osm version="0.6" generator="Nadzor" copyright="Nadzor contributors" ` +
		`attribution="${xml(context.origin)}/data" license="${xml(LICENCE.url)}">\n`
	);
	const osmOptions = { ...options, filter: { ...options.filter, removed: false }, withoutOsm: true };
	for await (const batch of cameraBatches(db, osmOptions)) yield batch.map(osmNode).join('');
	yield '</osm>\n';
}

/** The chunks as a byte stream for a Response; the next batch is read only when asked for. */
export function exportStream(chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
	const encoder = new TextEncoder();
	return new ReadableStream<Uint8Array>({
		async pull(controller) {
			const next = await chunks.next();
			if (next.done) controller.close();
			else controller.enqueue(encoder.encode(next.value));
		},
		async cancel() {
			await chunks.return(undefined);
		}
	});
}
