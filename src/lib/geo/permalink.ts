/**
 * The map view in the address: `#map=zoom/lat/lon` (the form OpenStreetMap uses), so any view
 * can be shared or bookmarked.
 */
export interface View {
	zoom: number;
	lat: number;
	lng: number;
}

export function parseViewHash(hash: string): View | undefined {
	const match = /^#?map=([\d.]+)\/(-?[\d.]+)\/(-?[\d.]+)$/.exec(hash.trim());
	if (!match) return undefined;
	const [zoom, lat, lng] = match.slice(1).map(Number);
	if (![zoom, lat, lng].every(Number.isFinite)) return undefined;
	if (zoom < 0 || zoom > 22 || lat < -85.06 || lat > 85.06 || lng < -180 || lng > 180) return undefined;
	return { zoom, lat, lng };
}

/** Precision follows the zoom: enough decimals to place the view within a pixel or so. */
export function formatViewHash({ zoom, lat, lng }: View): string {
	const decimals = Math.max(0, Math.ceil((zoom * Math.LN2) / Math.LN10));
	return `#map=${zoom.toFixed(2).replace(/\.?0+$/, '')}/${lat.toFixed(decimals)}/${lng.toFixed(decimals)}`;
}
