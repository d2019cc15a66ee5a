/**
 * `bbox=minLon,minLat,maxLon,maxLat` (WGS 84, as in RFC 7946 §5), shared by the API and the
 * map. Errors carry a message key so each caller can say what is wrong in the reader's language.
 */
import type { MessageKey } from '#lib/i18n/index.js';

export type BBox = [minLon: number, minLat: number, maxLon: number, maxLat: number];

/** Largest box served at once: 4° × 4° covers any city and keeps responses bounded. */
export const MAX_BBOX_DEGREES = 4;

export type BBoxResult = { ok: true; bbox: BBox } | { ok: false; error: MessageKey };

export function parseBBox(raw: string | null | undefined): BBoxResult {
	if (raw === null || raw === undefined || raw.trim() === '') return { ok: false, error: 'bbox.missing' };
	const parts = raw.split(',');
	if (parts.length !== 4) return { ok: false, error: 'bbox.count' };
	// Number('') is 0 and Number(' 1') is 1: accept only plain decimal numbers.
	if (!parts.every((part) => /^-?\d+(\.\d+)?$/.test(part.trim()))) return { ok: false, error: 'bbox.number' };
	const [minLon, minLat, maxLon, maxLat] = parts.map(Number);
	if ([minLon, maxLon].some((lon) => lon < -180 || lon > 180)) return { ok: false, error: 'bbox.longitude' };
	if ([minLat, maxLat].some((lat) => lat < -90 || lat > 90)) return { ok: false, error: 'bbox.latitude' };
	if (minLon >= maxLon || minLat >= maxLat) return { ok: false, error: 'bbox.order' };
	if (maxLon - minLon > MAX_BBOX_DEGREES || maxLat - minLat > MAX_BBOX_DEGREES)
		return { ok: false, error: 'bbox.size' };
	return { ok: true, bbox: [minLon, minLat, maxLon, maxLat] };
}
