/**
 * What the report page keeps on or asks of the device: the last map view (so the next report
 * opens there), the phone's position fix, and a fresh idempotency key for each report. Nothing
 * here leaves the device.
 */

export interface MapView {
	lat: number;
	lng: number;
	zoom: number;
}

const LAST_VIEW = 'nadzor.report.view';

/** The map view this device last reported from, if it kept one. */
export function lastView(): MapView | undefined {
	try {
		const stored = JSON.parse(globalThis.localStorage?.getItem(LAST_VIEW) ?? 'null');
		if (typeof stored?.lat === 'number' && typeof stored?.lng === 'number' && typeof stored?.zoom === 'number')
			return stored as MapView;
	} catch {
		// Nothing kept.
	}
	return undefined;
}

/** Keeps the view for the next report (not kept where storage is refused: it opens on the city). */
export function keepView(view: MapView) {
	try {
		localStorage.setItem(LAST_VIEW, JSON.stringify(view));
	} catch {
		// Not kept.
	}
}

/** Asks for the phone's position once; `false` when the browser cannot tell positions at all. */
export function locateDevice(onfix: (position: GeolocationPosition) => void, onfail: () => void): boolean {
	if (!navigator.geolocation) return false;
	navigator.geolocation.getCurrentPosition(onfix, onfail, {
		enableHighAccuracy: true,
		timeout: 20_000,
		maximumAge: 30_000
	});
	return true;
}

/** A new report's idempotency key (a random UUID, or 32 hex digits where the browser lacks it). */
export function newReportKey(): string {
	if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
