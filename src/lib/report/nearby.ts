/**
 * Known cameras around the reported place: the report's "is it one of these?". The shape is the
 * one `GET /api/v1/cameras/nearby` answers with (each feature's properties and point), read by
 * the cameras repository on the server and by the report page in the browser.
 */

/** A known camera near a point, nearest first. */
export interface NearbyCamera {
	id: number;
	lat: number;
	lng: number;
	/** Metres on the ground (geodesic), rounded to 0.1 m. */
	distance: number;
	surveillance_type: string;
	camera_type: string | null;
	camera_mount: string | null;
	camera_direction: number[];
}

/** How far around the place the report page asks (its map shows them; the list keeps the closest). */
export const AROUND_RADIUS_M = 150;

/** The known cameras within `radius` metres, from the API (the browser's side of the question). */
export async function fetchNearby(
	place: { lat: number; lng: number },
	signal: AbortSignal,
	radius = AROUND_RADIUS_M
): Promise<NearbyCamera[] | undefined> {
	const query = new URLSearchParams({ lat: String(place.lat), lng: String(place.lng), radius: String(radius) });
	const response = await fetch(`/api/v1/cameras/nearby?${query}`, { signal });
	if (!response.ok) return undefined;
	const collection: {
		features: { properties: Omit<NearbyCamera, 'lat' | 'lng'>; geometry: { coordinates: [number, number] } }[];
	} = await response.json();
	return collection.features.map(({ properties, geometry }) => ({
		...properties,
		lng: geometry.coordinates[0],
		lat: geometry.coordinates[1]
	}));
}
