/**
 * Makes a basemap archive (PMTiles v3, OpenMapTiles schema, gzip-compressed MVT) for any city:
 *
 * - from an OpenStreetMap extract (`.osm.pbf`): optionally cut to a box with osmium, tiles made
 *   by tilemaker with its OpenMapTiles profile (Debian's tilemaker ships it in its examples),
 *   leaving out the layers that need coastline or Natural Earth shapefiles, then packed into one
 *   archive with the project's PMTiles writer (src/lib/server/snapshot/pmtiles-writer.ts);
 * - from a larger PMTiles archive (a file or an http(s) address answering range requests, e.g. a
 *   planet build in the OpenMapTiles schema): the tiles of a box, read with range requests.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { FetchSource, PMTiles, zxyToTileId, type RangeResponse, type Source } from 'pmtiles';
import { tileOf, tileToLngLat } from '../../geo/earth';
import { PmtilesWriter } from '../snapshot/pmtiles-writer';

export type Bbox = [west: number, south: number, east: number, north: number];

const EXAMPLES = '/usr/share/doc/tilemaker/examples';
const ATTRIBUTION = '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap contributors</a>';

export function parseBbox(text: string): Bbox {
	const parts = text.split(',').map(Number);
	const [w, s, e, n] = parts;
	if (parts.length !== 4 || parts.some((v) => !Number.isFinite(v)) || w >= e || s >= n || w < -180 || e > 180) {
		throw new Error(`--bbox must be W,S,E,N in degrees (west < east, south < north), not "${text}"`);
	}
	if (s < -85.05 || n > 85.05) throw new Error('--bbox must lie between 85.05° south and north');
	return [w, s, e, n];
}

/** Every tile id of `bbox` from zoom min to max, in increasing order. */
export function tileIdsIn(
	bbox: Bbox,
	minZoom: number,
	maxZoom: number
): { id: number; z: number; x: number; y: number }[] {
	const tiles: { id: number; z: number; x: number; y: number }[] = [];
	for (let z = minZoom; z <= maxZoom; z++) {
		const [x0, y0] = tileOf(bbox[0], bbox[3], z);
		const [x1, y1] = tileOf(bbox[2], bbox[1], z);
		for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) tiles.push({ id: zxyToTileId(z, x, y), z, x, y });
	}
	return tiles.sort((a, b) => a.id - b.id);
}

const isGzip = (bytes: Uint8Array) => bytes[0] === 0x1f && bytes[1] === 0x8b;

/** Reads byte ranges of a local archive. */
class FileSource implements Source {
	private readonly fd: number;
	constructor(private readonly file: string) {
		this.fd = fs.openSync(file, 'r');
	}
	getKey() {
		return this.file;
	}
	async getBytes(offset: number, length: number): Promise<RangeResponse> {
		const buffer = Buffer.alloc(length);
		const read = fs.readSync(this.fd, buffer, 0, length, offset);
		return { data: buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + read) as ArrayBuffer };
	}
	close() {
		fs.closeSync(this.fd);
	}
}

export interface BuildResult {
	out: string;
	tiles: number;
	bytes: number;
}

/** Cuts `bbox` out of the archive at `from` (file or http(s) URL) with range reads. */
export async function cutArchive(from: string, bbox: Bbox, out: string, maxZoom?: number): Promise<BuildResult> {
	const remote = /^https?:\/\//.test(from);
	const source = remote ? new FetchSource(from) : new FileSource(from);
	// Tiles are re-compressed below if the archive stores them uncompressed; pass them as they are.
	const reader = new PMTiles(source, undefined, async (data) => data);
	const header = await reader.getHeader();
	if (header.tileType !== 1) throw new Error(`${from}: not an archive of vector tiles`);
	const metadata = (await new PMTiles(remote ? new FetchSource(from) : new FileSource(from)).getMetadata()) as Record<
		string,
		unknown
	>;
	const top = Math.min(header.maxZoom, maxZoom ?? header.maxZoom);
	const writer = new PmtilesWriter(out);
	for (const tile of tileIdsIn(bbox, header.minZoom, top)) {
		const found = await reader.getZxy(tile.z, tile.x, tile.y);
		if (!found || found.data.byteLength === 0) continue;
		const bytes = new Uint8Array(found.data);
		writer.add(tile.id, isGzip(bytes) ? bytes : gzipSync(bytes));
	}
	if (!remote) (source as FileSource).close();
	const result = writer.finish({
		minZoom: header.minZoom,
		maxZoom: top,
		bounds: bbox,
		center: [(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2, Math.min(top, 14)],
		metadata: { ...metadata, bounds: bbox, maxzoom: top, attribution: ATTRIBUTION }
	});
	return { out, ...result };
}

/** The OpenMapTiles profile without the layers that read shapefiles (coastline, Natural Earth). */
function tilemakerConfig(folder: string): { config: string; process: string } {
	const config = JSON.parse(fs.readFileSync(path.join(EXAMPLES, 'config-openmaptiles.json'), 'utf8'));
	for (const [name, layer] of Object.entries(config.layers as Record<string, { source?: string }>)) {
		if (layer.source) delete config.layers[name];
	}
	config.settings.compress = 'gzip';
	const configFile = path.join(folder, 'config.json');
	fs.writeFileSync(configFile, JSON.stringify(config, null, 2));
	const processFile = path.join(folder, 'process.lua');
	fs.copyFileSync(path.join(EXAMPLES, 'process-openmaptiles.lua'), processFile);
	return { config: configFile, process: processFile };
}

/** Builds an archive from an OpenStreetMap extract with tilemaker (and osmium for --bbox). */
export function buildFromOsm(
	from: string,
	out: string,
	bbox?: Bbox,
	log: (line: string) => void = () => {}
): BuildResult {
	for (const tool of ['tilemaker', ...(bbox ? ['osmium'] : [])]) {
		try {
			execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
		} catch {
			throw new Error(`${tool} is not installed (Debian: apt-get install ${tool === 'osmium' ? 'osmium-tool' : tool})`);
		}
	}
	if (!fs.existsSync(path.join(EXAMPLES, 'config-openmaptiles.json'))) {
		throw new Error(`tilemaker's OpenMapTiles profile is missing (${EXAMPLES})`);
	}
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'nadzor-basemap-'));
	try {
		// tilemaker runs in the work folder: a path relative to ours must not be read from there.
		let input = path.resolve(from);
		if (bbox) {
			input = path.join(work, 'extract.osm.pbf');
			log(`osmium extract -b ${bbox.join(',')}`);
			execFileSync('osmium', ['extract', '-b', bbox.join(','), path.resolve(from), '-o', input, '--overwrite'], {
				stdio: 'ignore'
			});
		}
		const { config, process } = tilemakerConfig(work);
		const tiles = path.join(work, 'tiles');
		log('tilemaker (OpenMapTiles profile)');
		execFileSync('tilemaker', ['--input', input, '--output', tiles, '--config', config, '--process', process], {
			stdio: 'ignore',
			cwd: work
		});
		const found: { id: number; file: string; z: number; x: number; y: number }[] = [];
		for (const z of fs.readdirSync(tiles).filter((name) => /^\d+$/.test(name))) {
			for (const x of fs.readdirSync(path.join(tiles, z)).filter((name) => /^\d+$/.test(name))) {
				for (const file of fs.readdirSync(path.join(tiles, z, x))) {
					const y = /^(\d+)\.pbf$/.exec(file)?.[1];
					if (y === undefined) continue;
					const [zn, xn, yn] = [Number(z), Number(x), Number(y)];
					found.push({ id: zxyToTileId(zn, xn, yn), file: path.join(tiles, z, x, file), z: zn, x: xn, y: yn });
				}
			}
		}
		if (found.length === 0) throw new Error('tilemaker made no tiles (is the extract empty?)');
		found.sort((a, b) => a.id - b.id);
		const metadataFile = path.join(tiles, 'metadata.json');
		const metadata = fs.existsSync(metadataFile)
			? (JSON.parse(fs.readFileSync(metadataFile, 'utf8')) as Record<string, unknown>)
			: {};
		const writer = new PmtilesWriter(out);
		for (const tile of found) {
			const bytes = fs.readFileSync(tile.file);
			writer.add(tile.id, isGzip(bytes) ? bytes : gzipSync(bytes));
		}
		const zooms = found.map((tile) => tile.z);
		const maxZoom = Math.max(...zooms);
		const deepest = found.filter((tile) => tile.z === maxZoom);
		const [west, north] = tileToLngLat(
			Math.min(...deepest.map((t) => t.x)),
			Math.min(...deepest.map((t) => t.y)),
			maxZoom
		);
		const [east, south] = tileToLngLat(
			Math.max(...deepest.map((t) => t.x)) + 1,
			Math.max(...deepest.map((t) => t.y)) + 1,
			maxZoom
		);
		const bounds: Bbox = bbox ?? [west, south, east, north];
		const result = writer.finish({
			minZoom: Math.min(...zooms),
			maxZoom,
			bounds,
			center: [(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2, Math.min(maxZoom, 14)],
			metadata: { ...metadata, attribution: ATTRIBUTION, bounds, maxzoom: maxZoom }
		});
		return { out, ...result };
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}
