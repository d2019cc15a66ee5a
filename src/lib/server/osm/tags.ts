/**
 * OpenStreetMap tags → our camera attributes (src/lib/camera-tags.ts lists the values we
 * accept; they are OSM's own, so most tags carry over as they are). A value we do not accept is
 * left out of the attributes; the lead keeps every tag as read, so nothing is lost.
 */
import {
	cameraMounts,
	cameraTypes,
	MAX_DIRECTIONS,
	surveillanceKinds,
	surveillanceTypes,
	surveillanceZones,
	type OperatorClass
} from '#lib/camera-tags.js';

export interface LeadAttributes {
	surveillance: string;
	surveillance_type: string;
	camera_type: string | null;
	camera_mount: string | null;
	camera_direction: number[];
	surveillance_zone: string | null;
	height: number | null;
	operator: string | null;
	operator_class: OperatorClass;
	manufacturer: string | null;
	model: string | null;
	capabilities: string[];
	/** From `check_date` or `survey:date` (YYYY-MM-DD). */
	last_seen: string | null;
}

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

/** "6", "6 m", "6.5m" → metres; feet and nonsense → null. */
export function height(value: string | undefined): number | null {
	const match = /^\s*(\d+(?:\.\d+)?)\s*(m)?\s*$/i.exec(value ?? '');
	if (!match) return null;
	const metres = Number(match[1]);
	return metres > 0 && metres <= 300 ? metres : null;
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

export function attributesFromTags(tags: Record<string, string>): LeadAttributes {
	const surveillanceType = oneOf(surveillanceTypes, tags['surveillance:type']) ?? 'camera';
	return {
		surveillance: oneOf(surveillanceKinds, tags.surveillance) ?? 'public',
		surveillance_type: surveillanceType,
		camera_type: oneOf(cameraTypes, tags['camera:type']),
		camera_mount: oneOf(cameraMounts, tags['camera:mount']),
		camera_direction: directions(tags['camera:direction'] ?? tags.direction),
		surveillance_zone: oneOf(surveillanceZones, tags['surveillance:zone']),
		height: height(tags.height),
		operator: text(tags.operator),
		operator_class: operatorClass(tags),
		manufacturer: text(tags.manufacturer),
		model: text(tags.model),
		// A licence-plate reader reads plates by definition.
		capabilities: surveillanceType === 'ALPR' ? ['plate_reading'] : [],
		last_seen: day(tags.check_date) ?? day(tags['survey:date'])
	};
}
