/**
 * Where the map page and the report picker open, and so the only views whose first view the
 * server draws (/maps/first-view.svg): a drawing reads and decodes the basemap tiles under it
 * (up to a second of the server's time for the desktop's picture), so a request for any other
 * place would let anyone keep the server busy with one cheap request after another.
 */
import type { Kysely } from 'kysely';
import { fromMercator } from '../../geo/earth';
import * as cameras from '../cameras/repository';
import type { DB } from '../db/schema';
import { readBusiestCell } from '../tiles/repository';
import type { MapView } from './first-view';

/** The map page opens where the cameras are densest, at the zoom where they are drawn one by one and the streets are named. */
const MAP_ZOOM = 15;
/** The report picker opens among the cameras, at street level (or on the whole world when there are none). */
const PICKER_ZOOM = 14;

const round = (value: number) => Math.round(value * 1e6) / 1e6;

/** The map page's opening view; undefined on an empty map (it then fits the areas). */
export async function mapOpening(db: Kysely<DB>): Promise<MapView | undefined> {
	const busiest = await readBusiestCell(db);
	if (!busiest) return undefined;
	const [lng, lat] = fromMercator(busiest.x, busiest.y);
	return { lat: round(lat), lng: round(lng), zoom: MAP_ZOOM };
}

/** The report picker's opening view (without a GPS fix or a last view on the device). */
export async function pickerOpening(db: Kysely<DB>): Promise<MapView> {
	const start = await cameras.startingPoint(db);
	return start ? { ...start, zoom: PICKER_ZOOM } : { lat: 20, lng: 0, zoom: 1 };
}

/** Whether `view` is where the page opens (the picker's for `picker`, else the map page's). */
export async function isOpening(db: Kysely<DB>, view: MapView, page: 'map' | 'picker'): Promise<boolean> {
	const opening = page === 'picker' ? await pickerOpening(db) : await mapOpening(db);
	const near = (a: number, b: number) => Math.abs(a - b) < 1e-9;
	return (
		opening !== undefined && near(opening.lat, view.lat) && near(opening.lng, view.lng) && near(opening.zoom, view.zoom)
	);
}
