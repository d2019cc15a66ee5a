/**
 * OpenStreetMap tags → our camera attributes: each field of the registry (#lib/cameras/fields)
 * with an OSM tag is read from that tag by its type (the values we accept are OSM's own, so most
 * tags carry over as they are). A value we do not accept is
 * left out of the attributes; the lead keeps every tag as read, so nothing is lost.
 */
import { MAX_DIRECTIONS, type OperatorClass } from '#lib/camera-tags.js';
import { cameraFields, type CameraField, type ColumnValues, type FieldsWith } from '#lib/cameras/fields.js';

/**
 * What a lead holds: every registry field with an OSM tag, the operator's class and the
 * capabilities (inferred below), and the day it was last checked.
 */
export type LeadAttributes = ColumnValues<
	FieldsWith<{ osmTag: string }> | FieldsWith<{ name: 'operator_class' | 'capabilities' | 'last_seen' }>
> & { operator_class: OperatorClass };

const COMPASS = ['N', 'NNE', 'NE', 'ENE', 'E', 'ESE', 'SE', 'SSE', 'S', 'SSW', 'SW', 'WSW', 'W', 'WNW', 'NW', 'NNW'];
const POLICE = /polic|polizei|policija|полиција|\bmup\b|муп|gendarmerie|carabinieri|sûreté/i;

function oneOf<T extends string>(values: readonly T[], value: string | undefined): T | null {
	return value !== undefined && (values as readonly string[]).includes(value) ? (value as T) : null;
}

function text(value: string | undefined, max = 200): string | null {
	const trimmed = value?.trim();
	return trimmed ? trimmed.slice(0, max) : null;
}

/** "90", "NE", "0;180", "45.5" → whole degrees in [0, 360); anything else is skipped. */
export function directions(value: string | undefined): number[] {
	const result: number[] = [];
	for (const part of (value ?? '').split(';')) {
		const token = part.trim().toUpperCase();
		const compass = COMPASS.indexOf(token);
		const degrees = compass >= 0 ? compass * 22.5 : /^-?\d+(\.\d+)?$/.test(token) ? Number(token) : NaN;
		if (!Number.isFinite(degrees)) continue;
		const whole = ((Math.round(degrees) % 360) + 360) % 360;
		if (!result.includes(whole)) result.push(whole);
	}
	return result.slice(0, MAX_DIRECTIONS);
}

/** "6", "6 m", "6.5m" → metres within the field's bounds; feet and nonsense → null. */
export function measure(field: CameraField, value: string | undefined): number | null {
	const match = /^\s*(\d+(?:\.\d+)?)\s*(m)?\s*$/i.exec(value ?? '');
	if (!match) return null;
	const metres = Number(match[1]);
	const low = field.min === undefined || (field.exclusiveMin ? metres > field.min : metres >= field.min);
	return low && (field.max === undefined || metres <= field.max) ? metres : null;
}

function day(value: string | undefined): string | null {
	if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
	const date = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) ? value : null;
}

function operatorClass(tags: Record<string, string>): OperatorClass {
	const type = tags['operator:type'];
	if (POLICE.test(tags.operator ?? '')) return 'police';
	if (type === 'government' || type === 'public') return 'government';
	if (type === 'private' || type === 'business') return 'private';
	if (type === 'transport' || /transport|railway|metro/i.test(tags.operator ?? '')) return 'transport';
	return 'unknown';
}

/** A tag's text as the field's value, by the field's type; a value we do not accept is null. */
function fromTag(field: CameraField, value: string | undefined): unknown {
	switch (field.type) {
		case 'string':
			return field.values ? oneOf(field.values, value) : text(value, field.maxLength);
		case 'string list': {
			const items = (value ?? '').split(';').map((item) => item.trim());
			return field.values!.filter((allowed) => items.includes(allowed));
		}
		case 'integer list':
			return directions(value);
		case 'integer':
		case 'number':
			return measure(field, value);
		case 'date':
			return day(value);
	}
}

export function attributesFromTags(tags: Record<string, string>): LeadAttributes {
	const attributes: Record<string, unknown> = {};
	for (const field of cameraFields as readonly CameraField[]) {
		if (field.osmTag) attributes[field.name] = fromTag(field, tags[field.osmTag]) ?? field.default ?? null;
	}
	const surveillanceType = attributes.surveillance_type;
	return {
		...(attributes as Omit<LeadAttributes, 'operator_class' | 'capabilities' | 'last_seen'>),
		// Older mappings put the direction in `direction`.
		camera_direction: directions(tags['camera:direction'] ?? tags.direction),
		operator_class: operatorClass(tags),
		// A licence-plate reader reads plates by definition.
		capabilities: surveillanceType === 'ALPR' ? ['plate_reading'] : [],
		last_seen: day(tags.check_date) ?? day(tags['survey:date'])
	};
}
