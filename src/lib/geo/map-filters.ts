/**
 * The public map's filters in a query string: `type`, `operator`, `capability` (comma lists),
 * `confidence` (the minimum level), `removed=1` and `biometric=1`. The same string goes into the page's
 * address and into the tile source URLs, so a shared link shows exactly the same cameras.
 *
 * Parsing is lenient on purpose: an unknown value in a shared link is dropped rather than
 * breaking the map. (The tile server validates strictly with its own zod schema; these names
 * and values are the contract between the two.) A plain HTML form sends repeated parameters
 * (`type=camera&type=ALPR`); they are read like a comma list and written back as one.
 */
import {
	capabilities,
	confidences,
	operatorClasses,
	surveillanceTypes,
	type Capability,
	type Confidence,
	type OperatorClass,
	type SurveillanceType
} from '#lib/camera-tags.js';

export interface MapFilters {
	/** Kinds to show; empty: every kind. */
	type: SurveillanceType[];
	/** Operator classes to show; empty: every operator. */
	operator: OperatorClass[];
	/** Capabilities a camera must all have. */
	capability: Capability[];
	/** The least confidence shown; `reported` (the lowest) shows every camera. */
	confidence: Confidence;
	/** Whether removed cameras are shown (as tombstones). */
	removed: boolean;
	/** Only biometric-capable cameras (face recognition suspected of the camera or its model). */
	biometric: boolean;
}

/** The query parameters this module owns; every other parameter of an address is left alone. */
export const FILTER_PARAMS = ['type', 'operator', 'capability', 'confidence', 'removed', 'biometric'] as const;

export const noFilters: MapFilters = {
	type: [],
	operator: [],
	capability: [],
	confidence: 'reported',
	removed: false,
	biometric: false
};

/** The values of a list parameter that are in `allowed`, in `allowed`'s order, without repeats. */
function list<T extends string>(params: URLSearchParams, name: string, allowed: readonly T[]): T[] {
	const given = new Set(params.getAll(name).flatMap((value) => value.split(',').map((part) => part.trim())));
	const chosen = allowed.filter((value) => given.has(value));
	// Every kind chosen is the same as no choice: keep addresses short and equal.
	return chosen.length === allowed.length && name !== 'capability' ? [] : chosen;
}

export function parseMapFilters(params: URLSearchParams): MapFilters {
	const confidence = params.get('confidence');
	return {
		type: list(params, 'type', surveillanceTypes),
		operator: list(params, 'operator', operatorClasses),
		capability: list(params, 'capability', capabilities),
		confidence: (confidences as readonly string[]).includes(confidence ?? '') ? (confidence as Confidence) : 'reported',
		removed: ['1', 'true', 'on'].includes(params.get('removed') ?? ''),
		biometric: ['1', 'true', 'on'].includes(params.get('biometric') ?? '')
	};
}

/** The filters as query parameters, in a fixed order; empty when nothing is filtered. */
export function formatMapFilters(filters: MapFilters): string {
	const params = new URLSearchParams();
	const normal = parseMapFilters(toParams(filters));
	if (normal.type.length) params.set('type', normal.type.join(','));
	if (normal.operator.length) params.set('operator', normal.operator.join(','));
	if (normal.capability.length) params.set('capability', normal.capability.join(','));
	if (normal.confidence !== 'reported') params.set('confidence', normal.confidence);
	if (normal.removed) params.set('removed', '1');
	if (normal.biometric) params.set('biometric', '1');
	// Commas stay readable in addresses and tile URLs.
	return params.toString().replaceAll('%2C', ',');
}

function toParams(filters: MapFilters): URLSearchParams {
	const params = new URLSearchParams();
	for (const value of filters.type) params.append('type', value);
	for (const value of filters.operator) params.append('operator', value);
	for (const value of filters.capability) params.append('capability', value);
	params.set('confidence', filters.confidence);
	if (filters.removed) params.set('removed', '1');
	if (filters.biometric) params.set('biometric', '1');
	return params;
}

/** `url`'s path, query and hash with the filter parameters replaced by `filters`. */
export function withMapFilters(url: URL, filters: MapFilters): string {
	const others = new URLSearchParams(url.search);
	for (const name of FILTER_PARAMS) others.delete(name);
	const query = [others.toString(), formatMapFilters(filters)].filter(Boolean).join('&');
	return `${url.pathname}${query ? `?${query}` : ''}${url.hash}`;
}

/** How many filters differ from the default (shown next to the filter button). */
export function activeFilterCount(filters: MapFilters): number {
	const normal = parseMapFilters(toParams(filters));
	return (
		Number(normal.type.length > 0) +
		Number(normal.operator.length > 0) +
		Number(normal.capability.length > 0) +
		Number(normal.confidence !== 'reported') +
		Number(normal.removed) +
		Number(normal.biometric)
	);
}

/** A TileJSON address for `layer` with the filters applied. */
export function tileJsonUrl(
	origin: string,
	layer: 'cameras' | 'fov' | 'areas' | 'density',
	filters?: MapFilters
): string {
	const query = filters ? formatMapFilters(filters) : '';
	return `${origin}/tiles/${layer}.json${query ? `?${query}` : ''}`;
}
