/**
 * The street basemap the app serves itself, under /basemap/:
 *
 *   GET /basemap/tiles/{z}/{x}/{y}.mvt?v={version}   the archive's tiles, names as in the data
 *   GET /basemap/latin/{z}/{x}/{y}.mvt?v={version}   the same with Serbian Cyrillic in Latin (latin.ts)
 *   GET /basemap/tiles.json, /basemap/latin.json      their TileJSON 3.0.0 (tile URLs carry the version)
 *   GET /basemap/fonts/{fontstack}/{start}-{end}.pbf  glyph ranges for the labels
 *
 * A tile address with the archive's current version is immutable (a new archive is a new version
 * and so new addresses). Tiles and glyph ranges are held gzip-compressed and answered with the
 * app's one implementation of ETag/304, gzip or identity and Content-Length (`heldAnswer`,
 * src/lib/server/http/held.ts). Bad addresses answer 400 or 404 with a message in the reader's
 * language.
 *
 * What is already in memory is answered before the framework too (`answerFromMemory`, the fast
 * path in src/lib/server/http/fast-path.ts), with the very same headers and bytes.
 */
import { promisify } from 'node:util';
import { gunzipSync, gzip as gzipCallback, gzipSync } from 'node:zlib';
import { OSM_ATTRIBUTION } from '../../components/map/style';
import { translate, type Locale, type MessageKey, type Params } from '../../i18n';
import { heldAnswer, heldBytes, heldResponse, type Conditions, type Held, type HeldAnswer } from '../http/held';
import { ByteLru } from '../tiles/cache';
import type { ArchiveInfo, BasemapArchive } from './archive';
import { GlyphFolder, parseRange } from './glyphs';
import { latinTile } from './latin';

const gzip = promisify(gzipCallback);
/** An empty tile, gzip-compressed (as the camera tiles send theirs). */
const EMPTY_GZ = gzipSync(Buffer.alloc(0));

/** `tiles`: names as the archive has them; `latin`: Serbian Cyrillic transliterated. */
export type Script = 'tiles' | 'latin';
export const scripts: readonly Script[] = ['tiles', 'latin'];

const IMMUTABLE = 'public, max-age=31536000, immutable';
const SHORT = 'public, max-age=300';
const ERROR_CACHE = 'public, max-age=5';
const GLYPH_CACHE = 'public, max-age=86400';
const MVT = 'application/vnd.mapbox-vector-tile';
const GLYPHS = 'application/x-protobuf';
/** What a cached tile costs besides its bytes (key, entry). */
const ENTRY_BYTES = 96;
const examples = {
	tiles: '/basemap/tiles/{z}/{x}/{y}.mvt',
	tilejson: '/basemap/tiles.json',
	fonts: '/basemap/fonts/{fontstack}/{range}.pbf'
};

export interface BasemapServerOptions {
	/** The open archive, or null when there is none (the maps then draw land only). */
	archive: BasemapArchive | null;
	fonts: GlyphFolder;
	cacheBytes: number;
	/** The public origin for absolute tile URLs; unset: the request's own. */
	origin?: string;
}

const tileKey = (script: Script, z: number, x: number, y: number) => `${script}/${z}/${x}/${y}`;

type Parsed =
	| { kind: 'tile'; script: Script; z: number; x: number; y: number; version: string | null }
	| { kind: 'tilejson'; script: Script }
	| { kind: 'glyphs'; fontstack: string; start: number }
	| { kind: 'error'; status: 400 | 404; key: MessageKey; params?: Params };

/** Reads a /basemap/ address (the part after /basemap/) and its query. */
export function parseBasemapRequest(path: string, query: URLSearchParams, maxzoom: number, minzoom = 0): Parsed {
	const fonts = /^fonts\/([^/]{1,200})\/([^/]*)$/.exec(path);
	if (fonts) {
		const range = parseRange(fonts[2]);
		if (!range.ok) return { kind: 'error', status: 400, key: 'basemap.glyphRange', params: { example: '0-255.pbf' } };
		return { kind: 'glyphs', fontstack: fonts[1], start: range.start };
	}
	const tilejson = /^(tiles|latin)\.json$/.exec(path);
	if (tilejson) return { kind: 'tilejson', script: tilejson[1] as Script };
	const tile = /^(tiles|latin)\/([^/]*)\/([^/]*)\/([^/]*)\.mvt$/.exec(path);
	if (!tile) return { kind: 'error', status: 404, key: 'basemap.path', params: examples };
	const parts = tile.slice(2, 5);
	if (!parts.every((part) => /^\d{1,10}$/.test(part))) {
		return {
			kind: 'error',
			status: 400,
			key: 'basemap.number',
			params: { example: '/basemap/tiles/14/9123/5905.mvt' }
		};
	}
	const [z, x, y] = parts.map(Number);
	if (z > 30 || x >= 2 ** z || y >= 2 ** z) {
		return {
			kind: 'error',
			status: 404,
			key: 'basemap.range',
			params: { z: String(z), max: z > 30 ? '…' : String(2 ** z - 1) }
		};
	}
	if (z < minzoom || z > maxzoom) {
		return { kind: 'error', status: 404, key: 'basemap.zoom', params: { min: String(minzoom), max: String(maxzoom) } };
	}
	const version = query.get('v');
	if (version !== null && !/^[\w-]{1,32}$/.test(version)) {
		return { kind: 'error', status: 400, key: 'basemap.version', params: { name: 'v', tilejson: examples.tilejson } };
	}
	return { kind: 'tile', script: tile[1] as Script, z, x, y, version };
}

export class BasemapServer {
	private readonly cache: ByteLru<Held>;
	private readonly inFlight = new Map<string, Promise<Held>>();

	constructor(private readonly options: BasemapServerOptions) {
		this.cache = new ByteLru(options.cacheBytes);
	}

	/** What a map needs to draw the basemap: null when the server has none. */
	get info(): ArchiveInfo | null {
		return this.options.archive?.info ?? null;
	}

	get fonts(): GlyphFolder {
		return this.options.fonts;
	}

	/** TileJSON 3.0.0 of the tiles in `script`, with versioned (immutable) tile URLs. */
	tileJson(script: Script, origin: string) {
		const info = this.info;
		if (!info) return null;
		return {
			tilejson: '3.0.0',
			name: 'Nadzor basemap',
			description: 'OpenStreetMap in the OpenMapTiles schema',
			attribution: OSM_ATTRIBUTION,
			scheme: 'xyz',
			tiles: [`${origin}/basemap/${script}/{z}/{x}/{y}.mvt?v=${info.version}`],
			minzoom: info.minzoom,
			maxzoom: info.maxzoom,
			bounds: info.bounds,
			center: info.center,
			vector_layers: info.vectorLayers
		};
	}

	/** A tile of the current archive (size 0: empty), read once however many ask at once. */
	tile(script: Script, z: number, x: number, y: number): Promise<Held> {
		const archive = this.options.archive;
		if (!archive) return Promise.reject(new Error('no basemap archive'));
		const key = tileKey(script, z, x, y);
		const hit = this.cache.get(key);
		if (hit) return Promise.resolve(hit);
		let pending = this.inFlight.get(key);
		if (!pending) {
			pending = this.read(archive, script, z, x, y)
				.then((tile) => {
					this.cache.set(key, tile, heldBytes(tile) + ENTRY_BYTES);
					return tile;
				})
				.finally(() => this.inFlight.delete(key));
			this.inFlight.set(key, pending);
		}
		return pending;
	}

	private async read(archive: BasemapArchive, script: Script, z: number, x: number, y: number): Promise<Held> {
		// The archive of a version never changes: its version and the address name the bytes.
		const etag = `${archive.info.version}-${script === 'latin' ? 'l' : 't'}-${z}-${x}-${y}`;
		const stored = await archive.tile(z, x, y);
		if (!stored) return { gz: EMPTY_GZ, size: 0, etag };
		const plain = stored.gzip ? gunzipSync(stored.bytes) : stored.bytes;
		if (script === 'tiles' && stored.gzip) return { gz: stored.bytes, size: plain.length, etag };
		const bytes = script === 'latin' ? latinTile(plain) : plain;
		return { gz: await gzip(bytes, { level: 6 }), size: bytes.length, etag };
	}

	/** The answer to a tile held in memory; its uncompressed bytes, once kept, count against the cache. */
	private tileAnswer(key: string, tile: Held, current: boolean, conditions: Conditions): HeldAnswer {
		return heldAnswer(tile, MVT, current ? IMMUTABLE : SHORT, conditions, () =>
			this.cache.recharge(key, tile, heldBytes(tile) + ENTRY_BYTES)
		);
	}

	/** The glyph range of the first font of `fontstack` this server has; undefined: no such font. */
	glyphs(fontstack: string, start: number): Buffer | undefined {
		const font = this.options.fonts.font(fontstack);
		return font === undefined ? undefined : this.options.fonts.range(font, start);
	}

	/**
	 * The answer to GET /basemap/{path}?{query} if it can be given from memory alone: a cached tile
	 * or a glyph range already read. Undefined for everything else (a miss, TileJSON, a bad
	 * address), which `respond` answers. The same parsing, cache key and headers as `respond`,
	 * without a promise, a Request or a Response.
	 */
	answerFromMemory(path: string, query: URLSearchParams, conditions: Conditions): HeldAnswer | undefined {
		const info = this.info;
		const parsed = parseBasemapRequest(path, query, info?.maxzoom ?? 30, info?.minzoom ?? 0);
		if (parsed.kind === 'glyphs') {
			const font = this.options.fonts.font(parsed.fontstack);
			const held = font === undefined ? undefined : this.options.fonts.loaded(font, parsed.start);
			return held && heldAnswer(held, GLYPHS, GLYPH_CACHE, conditions);
		}
		if (parsed.kind !== 'tile' || !info) return undefined;
		const key = tileKey(parsed.script, parsed.z, parsed.x, parsed.y);
		const tile = this.cache.get(key);
		return tile && this.tileAnswer(key, tile, parsed.version === info.version, conditions);
	}

	/** Answers GET /basemap/{path}. */
	async respond(path: string, url: URL, headers: Headers, locale: Locale): Promise<Response> {
		const info = this.info;
		const parsed = parseBasemapRequest(path, url.searchParams, info?.maxzoom ?? 30, info?.minzoom ?? 0);
		const failure = (status: number, key: MessageKey, params?: Params) =>
			Response.json(
				{ error: { message: translate(locale, key, params) } },
				{ status, headers: { 'cache-control': ERROR_CACHE } }
			);
		if (parsed.kind === 'error') return failure(parsed.status, parsed.key, parsed.params);
		const conditions = { acceptEncoding: headers.get('accept-encoding'), ifNoneMatch: headers.get('if-none-match') };
		if (parsed.kind === 'glyphs') {
			const font = this.options.fonts.font(parsed.fontstack);
			if (font === undefined) {
				return failure(404, 'basemap.font', { font: parsed.fontstack, fonts: [...this.fonts.fonts].join(', ') });
			}
			return heldResponse(heldAnswer(this.options.fonts.held(font, parsed.start), GLYPHS, GLYPH_CACHE, conditions));
		}
		if (!info) return failure(404, 'basemap.unavailable');
		if (parsed.kind === 'tilejson') {
			return Response.json(this.tileJson(parsed.script, this.options.origin ?? url.origin), {
				headers: { 'cache-control': SHORT }
			});
		}
		const tile = await this.tile(parsed.script, parsed.z, parsed.x, parsed.y);
		const key = tileKey(parsed.script, parsed.z, parsed.x, parsed.y);
		return heldResponse(this.tileAnswer(key, tile, parsed.version === info.version, conditions));
	}
}
