/**
 * The tile server behind /tiles/...: parses the address, answers from the cache or renders,
 * and speaks HTTP caching (ETag, 304, Cache-Control by data version, gzip when accepted).
 *
 *   GET /tiles/{layer}/{z}/{x}/{y}.mvt[?v=<version>&<filter>]   a Mapbox Vector Tile
 *   GET /tiles/{layer}.json[?<filter>]                           its TileJSON 3.0.0
 *
 * Bad addresses get 400 or 404 with a message in the reader's language, never a 5xx.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import type { Kysely } from 'kysely';
import { tileToLngLat } from '../../geo/earth';
import { translate, type Locale, type MessageKey, type Params } from '../../i18n';
import { cameraFilterQuery, parseCameraFilter, type CameraFilter } from '../../schemas/camera-filter';
import type { Backend, DB } from '../db';
import { heldAnswer, heldBytes, heldResponse, type Conditions, type Held, type HeldAnswer } from '../http/held';
import { log } from '../log';
import { ByteLru } from './cache';
import { isLayerName, layerNames, layers, type LayerName } from './layers';
import { encoderFor, renderTile, type Encoder } from './render';
import { readAreasExtent, readCameraCellsExtent } from './repository';
import { isValidTile, MAX_ZOOM, type TileId } from './tile';
import { DataVersion } from './version';

const gzip = promisify(gzipCallback);

export const TILE_CONTENT_TYPE = 'application/vnd.mapbox-vector-tile';
/** The bar for any tile; a bigger one is logged (the feature caps in layers.ts should prevent it). */
export const MAX_TILE_BYTES = 500 * 1024;
const LONG_CACHE = 'public, max-age=86400, immutable';
const SHORT_CACHE = 'public, max-age=5';
const WORLD_BOUNDS = [-180, -85.051129, 180, 85.051129];
const OSM = '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap contributors</a>';

type CachedTile = Held;

export interface TileServerOptions {
	db: Kysely<DB>;
	backend: Backend;
	/** The public origin for absolute tile URLs; unset: the request's own origin. */
	origin?: string;
	cacheBytes: number;
	/**
	 * Where tiles of a data version are read (a replica that has replayed it: src/lib/server/db/replicas.ts).
	 * Defaults to `db`, which the data version is always read from.
	 */
	reader?: (version: number) => Kysely<DB> | Promise<Kysely<DB>>;
	/** Defaults to the backend's own: ST_AsMVT on PostGIS, JavaScript on the embedded database. */
	encoder?: Encoder;
}

type Parsed =
	| { kind: 'tile'; layer: LayerName; tile: TileId; filter: CameraFilter; version?: number }
	| { kind: 'tilejson'; layer: LayerName; filter: CameraFilter }
	| { kind: 'error'; status: 400 | 404; key: MessageKey; params?: Params };

const examples = { tiles: '/tiles/{layer}/{z}/{x}/{y}.mvt', tilejson: '/tiles/{layer}.json' };

/** Reads a /tiles/ address (the part after /tiles/) and its query string. */
export function parseTileRequest(path: string, query: URLSearchParams): Parsed {
	const tilejson = /^([^/]+)\.json$/.exec(path);
	const tile = /^([^/]+)\/([^/]*)\/([^/]*)\/([^/]*)\.mvt$/.exec(path);
	if (!tilejson && !tile) return { kind: 'error', status: 404, key: 'tiles.path', params: examples };
	const layer = (tilejson ?? tile)![1];
	if (!isLayerName(layer)) {
		return { kind: 'error', status: 404, key: 'tiles.layer', params: { layer, layers: layerNames.join(', ') } };
	}
	const filter = parseCameraFilter(query);
	if (!filter.ok) {
		return { kind: 'error', status: 400, key: filter.error, params: { name: filter.field, allowed: filter.allowed } };
	}
	if (tilejson) return { kind: 'tilejson', layer, filter: filter.filter };

	const parts = tile!.slice(2, 5);
	if (!parts.every((part) => /^\d{1,10}$/.test(part))) {
		return { kind: 'error', status: 400, key: 'tiles.number', params: { example: '/tiles/cameras/14/9100/5890.mvt' } };
	}
	const [z, x, y] = parts.map(Number);
	const info = layers[layer];
	if (!isValidTile({ z, x, y }, MAX_ZOOM)) {
		const max = z <= MAX_ZOOM ? String(2 ** z - 1) : '…';
		return { kind: 'error', status: 404, key: 'tiles.range', params: { z: String(z), max } };
	}
	if (z < info.minzoom || z > info.maxzoom) {
		return {
			kind: 'error',
			status: 404,
			key: 'tiles.zoom',
			params: { layer, min: String(info.minzoom), max: String(info.maxzoom) }
		};
	}
	const v = query.get('v');
	if (v !== null && !/^\d{1,15}$/.test(v)) {
		return { kind: 'error', status: 400, key: 'tiles.version', params: { name: 'v', tilejson: examples.tilejson } };
	}
	return { kind: 'tile', layer, tile: { z, x, y }, filter: filter.filter, version: v === null ? undefined : Number(v) };
}

export class TileServer {
	readonly version: DataVersion;
	private readonly cache: ByteLru<CachedTile>;
	private readonly inFlight = new Map<string, Promise<CachedTile>>();
	private readonly addresses = new Map<string, TileAddress | null>();
	private readonly bounds = new Map<string, Promise<{ bounds: number[]; osm: boolean }>>();
	readonly encoder: Encoder;

	constructor(private readonly options: TileServerOptions) {
		this.cache = new ByteLru(options.cacheBytes);
		this.encoder = options.encoder ?? encoderFor(options.backend);
		this.version = new DataVersion(options.db, () => {
			this.cache.clear();
			this.bounds.clear();
		});
	}

	/** Answers GET /tiles/{path}. */
	async respond(path: string, url: URL, headers: Headers, locale: Locale): Promise<Response> {
		const parsed = parseTileRequest(path, url.searchParams);
		if (parsed.kind === 'error') {
			return Response.json(
				{ error: { message: translate(locale, parsed.key, parsed.params) } },
				{ status: parsed.status, headers: { 'cache-control': SHORT_CACHE } }
			);
		}
		if (parsed.kind === 'tilejson') return this.tileJsonResponse(parsed.layer, parsed.filter, url);
		return this.tileResponse(parsed.layer, parsed.tile, parsed.filter, parsed.version, headers);
	}

	private async tileResponse(
		layer: LayerName,
		tile: TileId,
		filter: CameraFilter,
		asked: number | undefined,
		headers: Headers
	): Promise<Response> {
		let version = await this.version.get();
		// A newer version than ours: another server saw a change first; catch up before answering.
		if (asked !== undefined && asked > version) version = await this.version.poll();
		const key = cacheKey(version, layerKey(layer, tile, filter));
		const entry = await this.cached(key, version, layer, tile, filter);
		const conditions = { acceptEncoding: headers.get('accept-encoding'), ifNoneMatch: headers.get('if-none-match') };
		return heldResponse(this.answer(key, entry, asked === version, conditions));
	}

	private answer(key: string, entry: CachedTile, current: boolean, conditions: Conditions): HeldAnswer {
		const cacheControl = current ? LONG_CACHE : SHORT_CACHE;
		// Its uncompressed bytes, once kept, count against the cache's bound too.
		return heldAnswer(entry, TILE_CONTENT_TYPE, cacheControl, conditions, () => this.charge(key, entry));
	}

	/** (Re)stores an entry at its current size, if it is still the one cached under `key`. */
	private charge(key: string, entry: CachedTile): void {
		this.cache.recharge(key, entry, heldBytes(entry) + key.length + 64);
	}

	/**
	 * The answer to GET /tiles/{path}?{query} if it can be given from memory alone: a tile in the
	 * cache, for the data version this server knows, asked without a newer version. Undefined for
	 * everything else (a miss, TileJSON, a bad address), which `respond` answers. The same parsing,
	 * cache key and headers as `respond`, without a promise, a Request or a Response.
	 */
	answerFromMemory(
		path: string,
		query: URLSearchParams,
		rawQuery: string,
		conditions: Conditions
	): HeldAnswer | undefined {
		const version = this.version.current;
		if (version === undefined) return undefined;
		const address = this.readAddress(path, query, rawQuery);
		if (!address || (address.version !== undefined && address.version > version)) return undefined;
		const key = cacheKey(version, address.key);
		const entry = this.cache.get(key);
		return entry && this.answer(key, entry, address.version === version, conditions);
	}

	/**
	 * A tile address as the cache knows it, remembered by its text: a map asks for the same
	 * addresses over and over, and parsing them is most of the fast path's own work. Null: not
	 * a tile. (At most `ADDRESSES` remembered; then they are forgotten all at once.)
	 */
	private readAddress(path: string, query: URLSearchParams, rawQuery: string): TileAddress | null {
		const text = `${path}?${rawQuery}`;
		let address = this.addresses.get(text);
		if (address === undefined) {
			const parsed = parseTileRequest(path, query);
			address =
				parsed.kind === 'tile'
					? { key: layerKey(parsed.layer, parsed.tile, parsed.filter), version: parsed.version }
					: null;
			if (this.addresses.size >= ADDRESSES) this.addresses.clear();
			this.addresses.set(text, address);
		}
		return address;
	}

	/** The tile from the cache, or rendered once however many requests ask for it at once. */
	private cached(
		key: string,
		version: number,
		layer: LayerName,
		tile: TileId,
		filter: CameraFilter
	): Promise<CachedTile> {
		const hit = this.cache.get(key);
		if (hit) return Promise.resolve(hit);
		let pending = this.inFlight.get(key);
		if (!pending) {
			pending = this.render(version, layer, tile, filter)
				.then((entry) => {
					this.cache.set(key, entry, heldBytes(entry) + key.length + 64);
					return entry;
				})
				.finally(() => this.inFlight.delete(key));
			this.inFlight.set(key, pending);
		}
		return pending;
	}

	/** The database to read tiles of `version` from. */
	private async reader(version: number): Promise<Kysely<DB>> {
		return (await this.options.reader?.(version)) ?? this.options.db;
	}

	private async render(version: number, layer: LayerName, tile: TileId, filter: CameraFilter): Promise<CachedTile> {
		const bytes = await renderTile(await this.reader(version), this.encoder, layer, tile, filter);
		if (bytes.length > MAX_TILE_BYTES) log.warn('tile over 500 KB', { layer, ...tile, bytes: bytes.length });
		const gz = await gzip(bytes, { level: 6 });
		const etag = createHash('sha256').update(bytes).digest('base64url').slice(0, 22);
		return { gz, size: bytes.length, etag };
	}

	private async tileJsonResponse(layer: LayerName, filter: CameraFilter, url: URL): Promise<Response> {
		const version = await this.version.get();
		const info = layers[layer];
		const query = cameraFilterQuery(info.filtered ? filter : {});
		const origin = this.options.origin ?? url.origin;
		const { bounds, osm } = await this.extent(layer, version);
		const attribution =
			layer === 'areas'
				? `Nadzor; boundaries from their publishers${osm ? `; ${OSM}` : ''}`
				: `Nadzor contributors; ${OSM}`;
		const body = {
			tilejson: '3.0.0',
			name: `Nadzor ${layer}`,
			description: info.description,
			attribution,
			scheme: 'xyz',
			tiles: [`${origin}/tiles/${layer}/{z}/{x}/{y}.mvt?v=${version}${query ? `&${query}` : ''}`],
			minzoom: info.minzoom,
			maxzoom: info.maxzoom,
			bounds,
			vector_layers: info.vectorLayers
		};
		return Response.json(body, {
			headers: { 'cache-control': SHORT_CACHE }
		});
	}

	/** Where the layer has data (coarse, from the cluster cells for cameras), per data version. */
	private extent(layer: LayerName, version: number) {
		const key = `${version}/${layer}`;
		let pending = this.bounds.get(key);
		if (!pending) {
			pending = this.reader(version)
				.then((db) => this.readExtent(layer, db))
				.catch((error) => {
					this.bounds.delete(key);
					throw error;
				});
			this.bounds.set(key, pending);
		}
		return pending;
	}

	private async readExtent(layer: LayerName, db: Kysely<DB>): Promise<{ bounds: number[]; osm: boolean }> {
		if (layer === 'areas') {
			const row = await readAreasExtent(db);
			if (!row || row.xmin === null) return { bounds: WORLD_BOUNDS, osm: row?.osm ?? false };
			return { bounds: [row.xmin, row.ymin, row.xmax, row.ymax].map(round), osm: row.osm };
		}
		// Cells of zoom 10 (about 40 km), rounded outwards.
		const row = await readCameraCellsExtent(db);
		if (!row || row.x0 === null) return { bounds: WORLD_BOUNDS, osm: true };
		const [west, north] = tileToLngLat(row.x0, row.y0, 10);
		const [east, south] = tileToLngLat(row.x1, row.y1, 10);
		return { bounds: [west, south, east, north].map(round), osm: true };
	}
}

/** A tile of a layer with a filter, whatever the data version. */
const layerKey = (layer: LayerName, tile: TileId, filter: CameraFilter) =>
	`${layer}/${tile.z}/${tile.x}/${tile.y}?${cameraFilterQuery(filter)}`;
const cacheKey = (version: number, layerKey: string) => `${version}/${layerKey}`;

interface TileAddress {
	/** `layerKey` of the tile. */
	key: string;
	/** The data version the address asks for (`?v=`). */
	version?: number;
}
/** How many tile addresses the fast path remembers parsed (about 200 bytes each). */
const ADDRESSES = 10_000;

const round = (value: number) => Math.round(value * 1e6) / 1e6;
