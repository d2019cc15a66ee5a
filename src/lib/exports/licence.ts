/**
 * The licence of the published database and the credit OpenStreetMap-derived records need.
 * Written into the files (GeoJSON foreign members, OSM XML root), sent as HTTP headers
 * (`Link: <…>; rel="license"`) and shown on the /data page.
 */
export const LICENCE = {
	name: 'Open Database License (ODbL) 1.0',
	spdx: 'ODbL-1.0',
	url: 'https://opendatacommons.org/licenses/odbl/1-0/'
} as const;

/** Credit for records that came from OpenStreetMap (source = osm). */
export const OSM_ATTRIBUTION = '© OpenStreetMap contributors';

/** Credit for the whole dataset. */
export const ATTRIBUTION = `Nadzor contributors; records with source=osm ${OSM_ATTRIBUTION} (ODbL 1.0)`;

/**
 * The HTTP `Link` header for a data response: the licence, and the page that describes the data
 * (dictionary, releases).
 */
export function licenceLinkHeader(origin: string): string {
	return `<${LICENCE.url}>; rel="license", <${origin}/data/dictionary>; rel="describedby"`;
}
