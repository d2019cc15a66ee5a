/**
 * The tile layers and the one SQL query behind each. Every query returns its features with the
 * geometry already in tile coordinates (column `geom`: extent 4096, buffer 64, integers), so the
 * native encoder (ST_AsMVT) and the JavaScript encoder (vt-pbf) encode exactly the same rows.
 *
 * Tile coordinates are computed the way ST_AsMVTGeom computes them (PostGIS 3.3 `mvt_geom`):
 * the affine transform x·fx + xoff, y·fy + yoff with fx = 4096 / width, fy = -4096 / height,
 * rounded half-to-even (rint, as lwgeom_grid does), points kept when inside [-64, 4160].
 * Polygons are then clipped to that box with ST_ClipByBox2D, snapped again, made valid and
 * oriented as MVT 2.1 requires, like ST_AsMVTGeom. We do not call ST_AsMVTGeom
 * itself: the embedded PostGIS has no protobuf (no ST_AsMVTGeom at all), and PostGIS builds
 * with Wagyu clip polygons differently from GEOS; this way both backends and both encoders
 * give one answer. tests/integration/tiles/encoders.test.ts checks points against ST_AsMVTGeom.
 */
import { sql, type RawBuilder } from 'kysely';
import { confidences } from '../../camera-tags';
import { tileProperties } from '../../cameras/fields';
import { isDefaultFilter, type CameraFilter } from '../../schemas/camera-filter';
import { MERCATOR_HALF, mercatorToTile } from '../../geo/earth';
import { BUFFER, CELL_BITS, CELLS_MAX_ZOOM, EXTENT, MAX_ZOOM, tileBounds, type TileId } from './tile';

/**
 * Below this zoom the `cameras` tiles carry the `clusters` layer (counts per grid cell) instead
 * of one point per camera. Measured with bench/tiles.ts on 1M cameras (bench/RESULTS.md,
 * "Tiles"): with points from z14 the largest z14 tile was 250 KB (over the 100 KB target for
 * camera layers), the largest z15 tile 19 KB and z16 34 KB; cluster tiles stay under 4 KB and
 * about 1 ms at every zoom. So points from z15. (camera_cells holds zooms up to 14: the switch
 * can move down freely, up by at most one.)
 */
export const CLUSTER_SWITCH_ZOOM = 15;

/**
 * Safety nets: at most this many features per layer and tile. With at most ~45 bytes per camera
 * point and ~120 bytes per field of view, a full tile stays under 500 KB (the bar for any tile);
 * real tiles stay far below (bench/RESULTS.md). A capped tile keeps the first features the
 * database returns.
 */
export const FEATURE_CAP = { cameras: 8000, fov: 3000, areas: 2000, density: 2000 } as const;

export type LayerName = 'cameras' | 'fov' | 'areas' | 'density';
export const layerNames: readonly LayerName[] = ['cameras', 'fov', 'areas', 'density'];

/**
 * The density layer's hexagons: flat-topped, laid out as PostGIS's ST_HexagonGrid lays them out
 * in EPSG:3857 (hexagon (0, 0) centred on the origin), with a circumradius of the tile's width
 * divided by HEXAGONS_PER_TILE, so about twelve hexagons span a tile (≈ 37 px each on a 512 px
 * tile) at every zoom and a hexagon at zoom z + 1 is half as wide as at z.
 */
export const HEXAGONS_PER_TILE = 24;

/** A hexagon's circumradius (EPSG:3857 metres) at tile zoom z. */
export function hexagonSize(z: number): number {
	return (2 * MERCATOR_HALF) / 2 ** z / HEXAGONS_PER_TILE;
}

/**
 * Up to this tile zoom the unfiltered density is summed from the precomputed cluster cells three
 * zooms down (cells 1/128 of the tile wide, a fifth of a hexagon's radius: each cell's cameras go
 * to the hexagon holding the cell's centroid), so a low-zoom hexagon tile costs the same at 100 or
 * 1M cameras. Above it (camera_cells stops at zoom 14), and for every filtered map, each camera is
 * counted in its own hexagon.
 */
export const DENSITY_CELLS_MAX_ZOOM = CELLS_MAX_ZOOM - 3;

export function isLayerName(value: string): value is LayerName {
	return (layerNames as readonly string[]).includes(value);
}

/** One MVT layer inside a tile. */
export interface VectorLayerInfo {
	id: string;
	description: string;
	minzoom: number;
	maxzoom: number;
	/** TileJSON `fields`: property name → type and meaning. */
	fields: Record<string, string>;
}

export interface LayerInfo {
	name: LayerName;
	minzoom: number;
	maxzoom: number;
	/** Whether the camera filter applies. */
	filtered: boolean;
	description: string;
	vectorLayers: VectorLayerInfo[];
}

/** The `cameras` layer's properties and their TileJSON descriptions, from the field registry. */
const cameraFields: Record<string, string> = Object.fromEntries(
	tileProperties.map((property) => [property.property, property.description])
);

export const layers: Record<LayerName, LayerInfo> = {
	cameras: {
		name: 'cameras',
		minzoom: 0,
		maxzoom: MAX_ZOOM,
		filtered: true,
		description: 'Surveillance cameras: counts per grid cell at low zoom, one point per camera from zoom 15',
		vectorLayers: [
			{
				id: 'clusters',
				description: 'Cameras counted per grid cell (16 × 16 cells per tile), at the cell’s centroid',
				minzoom: 0,
				maxzoom: CLUSTER_SWITCH_ZOOM - 1,
				fields: {
					count: 'Number: cameras in the cell',
					face_recognition: 'Number: of which suspected of face recognition',
					plate_reading: 'Number: of which suspected of licence plate reading'
				}
			},
			{
				id: 'cameras',
				description: 'One point per camera',
				minzoom: CLUSTER_SWITCH_ZOOM,
				maxzoom: MAX_ZOOM,
				fields: cameraFields
			}
		]
	},
	fov: {
		name: 'fov',
		minzoom: 15,
		maxzoom: MAX_ZOOM,
		filtered: true,
		description: 'Assumed field of view of each camera (model: src/lib/geo/fov.ts)',
		vectorLayers: [
			{
				id: 'fov',
				description: 'Field-of-view polygons',
				minzoom: 15,
				maxzoom: MAX_ZOOM,
				fields: {
					id: 'Number: camera id (also the feature id)',
					camera_type: 'String: fixed, panning or dome; absent when unknown',
					confidence: 'String: reported, verified or confirmed'
				}
			}
		]
	},
	areas: {
		name: 'areas',
		minzoom: 0,
		maxzoom: MAX_ZOOM,
		filtered: false,
		description: 'Area boundaries (municipalities, districts, imported areas) with their camera counts',
		vectorLayers: [
			{
				id: 'areas',
				description: 'Area boundaries',
				minzoom: 0,
				maxzoom: MAX_ZOOM,
				fields: {
					slug: 'String: the area’s short name in addresses',
					name_sr_latn: 'String: name in Serbian, Latin script',
					name_sr_cyrl: 'String: name in Serbian, Cyrillic script',
					name_en: 'String: name in English',
					level: 'String: the kind of area (city, municipality, district, …)',
					cameras: 'Number: active cameras inside the area'
				}
			}
		]
	},
	density: {
		name: 'density',
		minzoom: 0,
		maxzoom: MAX_ZOOM,
		filtered: true,
		description:
			'Cameras counted per hexagon (flat-topped, ST_HexagonGrid layout in EPSG:3857, about 12 hexagons across a tile)',
		vectorLayers: [
			{
				id: 'density',
				description: 'Hexagons holding at least one camera',
				minzoom: 0,
				maxzoom: MAX_ZOOM,
				fields: {
					count: 'Number: cameras in the hexagon (in the whole hexagon, also the part outside this tile)'
				}
			}
		]
	}
};

/** What one layer of one tile needs: its rows (with `geom` in tile coordinates) and how to encode them. */
export interface LayerQuery {
	/** The MVT layer name. */
	name: string;
	/** Property columns, in order. */
	fields: string[];
	/** The column holding the feature id, if any (not a property itself). */
	idColumn?: string;
	rows: RawBuilder<unknown>;
}

/** The transform into tile coordinates, computed like ST_AsMVTGeom (see the top of this file). */
function transform(tile: TileId) {
	const b = tileBounds(tile);
	const fx = EXTENT / (b.maxX - b.minX);
	const fy = -(EXTENT / (b.maxY - b.minY));
	return { b, fx, fy, xoff: -b.minX * fx, yoff: -b.maxY * fy };
}

/** The tile's square grown by the buffer (plus a unit for rounding), for index look-ups. */
function searchBox(tile: TileId): RawBuilder<unknown> {
	const { b } = transform(tile);
	const margin = ((BUFFER + 1) * (b.maxX - b.minX)) / EXTENT;
	return sql`ST_MakeEnvelope(${b.minX - margin}::float8, ${b.minY - margin}::float8, ${b.maxX + margin}::float8, ${b.maxY + margin}::float8, 3857)`;
}

/** A point in tile coordinates from Web Mercator x/y expressions, rounded like lwgeom_grid. */
function tilePoint(tile: TileId, px: RawBuilder<unknown>, py: RawBuilder<unknown>) {
	const { fx, fy, xoff, yoff } = transform(tile);
	return {
		tx: sql<number>`round(${px} * ${fx}::float8 + ${xoff}::float8)`,
		ty: sql<number>`round(${py} * ${fy}::float8 + ${yoff}::float8)`
	};
}

const LOW = -BUFFER;
const HIGH = EXTENT + BUFFER;

/**
 * A polygon geometry in tile coordinates: transformed, snapped, clipped, valid, and with exterior
 * rings of positive area in tile coordinates (MVT 2.1 §4.3.4.4: clockwise on screen, y down;
 * PostGIS calls that counter-clockwise because it reads y up).
 */
function tilePolygon(tile: TileId, geometry: RawBuilder<unknown>): RawBuilder<unknown> {
	const { fx, fy, xoff, yoff } = transform(tile);
	const snapped = sql`ST_SnapToGrid(ST_Affine(${geometry}, ${fx}::float8, 0, 0, ${fy}::float8, ${xoff}::float8, ${yoff}::float8), 1)`;
	return sql`(
		SELECT ST_ForcePolygonCCW(ST_CollectionExtract(ST_MakeValid(
			CASE WHEN ST_XMin(s) >= ${LOW} AND ST_YMin(s) >= ${LOW} AND ST_XMax(s) <= ${HIGH} AND ST_YMax(s) <= ${HIGH}
				THEN s
				ELSE ST_SnapToGrid(ST_ClipByBox2D(s, ST_MakeEnvelope(${LOW}, ${LOW}, ${HIGH}, ${HIGH})), 1)
			END), 3))
		FROM (SELECT ${snapped} AS s) snapped
		WHERE NOT ST_IsEmpty(s) AND ST_XMax(s) >= ${LOW} AND ST_YMax(s) >= ${LOW} AND ST_XMin(s) <= ${HIGH} AND ST_YMin(s) <= ${HIGH}
	)`;
}

/** The WHERE conditions of a camera filter (table alias `c`). */
export function filterConditions(filter: CameraFilter): RawBuilder<boolean> {
	const conditions: RawBuilder<boolean>[] = [];
	if (!filter.removed) conditions.push(sql`c.status = 'active'`);
	if (filter.type) conditions.push(sql`c.surveillance_type = ANY (${filter.type}::text[])`);
	if (filter.operator) conditions.push(sql`c.operator_class = ANY (${filter.operator}::text[])`);
	if (filter.capability) conditions.push(sql`c.capabilities @> ${filter.capability}::text[]`);
	if (filter.biometric) conditions.push(sql`c.biometric`);
	if (filter.confidence) {
		const atLeast = confidences.slice(confidences.indexOf(filter.confidence));
		conditions.push(sql`c.confidence = ANY (${atLeast}::text[])`);
	}
	return conditions.length ? sql<boolean>`${sql.join(conditions, sql` AND `)}` : sql<boolean>`true`;
}

/**
 * A tile property's value from the camera's column (alias `c`), by the field's type: dates as
 * YYYY-MM-DD, number lists joined by commas, and for `has` whether the list holds that value.
 */
function tileValue({ field, has }: (typeof tileProperties)[number]): RawBuilder<unknown> {
	const column = sql.ref(`c.${field.name}`);
	if (has !== undefined) return sql`${sql.lit(has)} = ANY (${column})`;
	if (field.type === 'date') return sql`to_char(${column}, 'YYYY-MM-DD')`;
	if (field.type === 'integer list') return sql`array_to_string(${column}, ',')`;
	return column;
}

const cameraColumns = sql.join([
	sql`c.id AS feature_id`,
	...tileProperties.map((property) => sql`${tileValue(property)} AS ${sql.id(property.property)}`)
]);
const cameraFieldNames = tileProperties.map((property) => property.property);

function cameraPoints(tile: TileId, filter: CameraFilter): LayerQuery {
	const { tx, ty } = tilePoint(tile, sql`ST_X(c.geom_3857)`, sql`ST_Y(c.geom_3857)`);
	return {
		name: 'cameras',
		fields: cameraFieldNames,
		idColumn: 'feature_id',
		rows: sql`
			SELECT ${cameraColumns}, ST_MakePoint(p.tx, p.ty) AS geom
			FROM cameras c CROSS JOIN LATERAL (SELECT ${tx} AS tx, ${ty} AS ty) p
			WHERE c.geom_3857 && ${searchBox(tile)} AND ${filterConditions(filter)}
				AND p.tx BETWEEN ${LOW} AND ${HIGH} AND p.ty BETWEEN ${LOW} AND ${HIGH}
			LIMIT ${FEATURE_CAP.cameras}`
	};
}

const clusterFields = ['count', 'face_recognition', 'plate_reading'];

/**
 * The clusters layer of `tile` from `cells`, a query of one row per cell of the tile (`count`,
 * `sum_x` and `sum_y` of its cameras' positions, `face_recognition`, `plate_reading`): each cell a
 * point at its cameras' centroid.
 */
function clusterLayer(tile: TileId, cells: RawBuilder<unknown>): LayerQuery {
	const { tx, ty } = tilePoint(tile, sql`s.sum_x / s.count`, sql`s.sum_y / s.count`);
	return {
		name: 'clusters',
		fields: clusterFields,
		rows: sql`
			SELECT s.count, s.face_recognition, s.plate_reading, ST_MakePoint(${tx}, ${ty}) AS geom
			FROM (${cells}) s`
	};
}

/** Cells from the precomputed `camera_cells` (the unfiltered map). */
function precomputedClusters(tile: TileId): LayerQuery {
	return clusterLayer(
		tile,
		sql`
				SELECT cx, cy, sum(n)::int AS count, sum(sum_x) AS sum_x, sum(sum_y) AS sum_y,
					sum(face_recognition)::int AS face_recognition, sum(plate_reading)::int AS plate_reading
				FROM camera_cells
				WHERE z = ${tile.z} AND x = ${tile.x} AND y = ${tile.y}
				GROUP BY cx, cy
				HAVING sum(n) > 0
				ORDER BY cy, cx`
	);
}

/** Cells counted on the fly (a filtered map): same grid, same centroids as `camera_cells`. */
function filteredClusters(tile: TileId, filter: CameraFilter): LayerQuery {
	const b = tileBounds(tile);
	const zoom = tile.z + CELL_BITS;
	const cell = (expression: RawBuilder<unknown>) =>
		sql`least(greatest(floor(${expression} / ${2 * MERCATOR_HALF}::float8 * ${2 ** zoom}::float8), 0), ${2 ** zoom - 1})::int`;
	return clusterLayer(
		tile,
		sql`
				SELECT cx, cy, count(*)::int AS count, sum(px) AS sum_x, sum(py) AS sum_y,
					count(*) FILTER (WHERE face)::int AS face_recognition, count(*) FILTER (WHERE plate)::int AS plate_reading
				FROM (
					SELECT ST_X(c.geom_3857) AS px, ST_Y(c.geom_3857) AS py,
						${cell(sql`(ST_X(c.geom_3857) + ${MERCATOR_HALF}::float8)`)} AS cx,
						${cell(sql`(${MERCATOR_HALF}::float8 - ST_Y(c.geom_3857))`)} AS cy,
						'face_recognition' = ANY (c.capabilities) AS face, 'plate_reading' = ANY (c.capabilities) AS plate
					FROM cameras c
					WHERE c.geom_3857 && ST_MakeEnvelope(${b.minX}::float8, ${b.minY}::float8, ${b.maxX}::float8, ${b.maxY}::float8, 3857)
						AND ${filterConditions(filter)}
				) c
				WHERE cx >> ${CELL_BITS} = ${tile.x} AND cy >> ${CELL_BITS} = ${tile.y}
				GROUP BY cx, cy
				ORDER BY cy, cx`
	);
}

function fovPolygons(tile: TileId, filter: CameraFilter): LayerQuery {
	return {
		name: 'fov',
		fields: ['id', 'camera_type', 'confidence'],
		idColumn: 'feature_id',
		rows: sql`
			SELECT * FROM (
				SELECT c.id AS feature_id, c.id, c.camera_type, c.confidence, ${tilePolygon(tile, sql`c.fov_3857`)} AS geom
				FROM cameras c
				WHERE c.fov_3857 && ${searchBox(tile)} AND ${filterConditions(filter)}
			) f
			WHERE geom IS NOT NULL AND NOT ST_IsEmpty(geom)
			LIMIT ${FEATURE_CAP.fov}`
	};
}

function areaPolygons(tile: TileId): LayerQuery {
	return {
		name: 'areas',
		fields: ['slug', 'name_sr_latn', 'name_sr_cyrl', 'name_en', 'level', 'cameras'],
		idColumn: 'feature_id',
		rows: sql`
			SELECT * FROM (
				SELECT a.id AS feature_id, a.slug, a.name_sr_latn, a.name_sr_cyrl, a.name_en, a.level,
					(SELECT coalesce(sum(k.cameras), 0)::int FROM area_stat_counts k WHERE k.area_id = a.id AND k.status = 'active') AS cameras,
					${tilePolygon(tile, sql`ST_Transform(a.geom, 3857)`)} AS geom
				FROM areas a
				WHERE a.geom && ST_Transform(${searchBox(tile)}, 4326)
			) f
			WHERE geom IS NOT NULL AND NOT ST_IsEmpty(geom)
			LIMIT ${FEATURE_CAP.areas}`
	};
}

/**
 * The hexagon (i, j) of ST_HexagonGrid(size) holding each point: the point in axial hexagon
 * coordinates, rounded in cube coordinates, then as ST_HexagonGrid's columns and rows (odd
 * columns shifted up half a row, also the negative ones). `points` yields px, py (EPSG:3857)
 * and a weight w; the result yields i, j and count.
 */
function hexagonCounts(points: RawBuilder<unknown>, size: number): RawBuilder<unknown> {
	return sql`
		SELECT cq::int AS i, (cr + floor(cq / 2))::int AS j, sum(w)::int AS count
		FROM (
			SELECT w,
				CASE WHEN dq > dr AND dq > ds THEN -rr - rs ELSE rq END AS cq,
				CASE WHEN dq > dr AND dq > ds THEN rr WHEN dr > ds THEN -rq - rs ELSE rr END AS cr
			FROM (
				SELECT w, rq, rr, rs, abs(rq - q) AS dq, abs(rr - r) AS dr, abs(rs + q + r) AS ds
				FROM (
					SELECT w, q, r, round(q) AS rq, round(r) AS rr, round(-q - r) AS rs
					FROM (
						SELECT w, px / ${1.5 * size}::float8 AS q,
							(py * ${Math.sqrt(3) / 3}::float8 - px / 3) / ${size}::float8 AS r
						FROM (${points}) p
					) axial
				) rounded
			) differences
		) cube
		GROUP BY 1, 2
		HAVING sum(w) > 0`;
}

function densityHexagons(tile: TileId, filter: CameraFilter): LayerQuery {
	const size = hexagonSize(tile.z);
	const b = tileBounds(tile);
	// Every camera of a hexagon that reaches into the tile (a hexagon reaches `size` from its centre).
	const reach = 2 * size;
	let points: RawBuilder<unknown>;
	if (isDefaultFilter(filter) && tile.z <= DENSITY_CELLS_MAX_ZOOM) {
		const z = tile.z + 3;
		const n = 2 ** z;
		const clamp = (value: number) => Math.min(Math.max(Math.floor(value), 0), n - 1);
		const column = (x: number) => clamp(mercatorToTile(x, 0, z)[0]);
		const row = (y: number) => clamp(mercatorToTile(0, y, z)[1]);
		points = sql`
			SELECT sum_x / n AS px, sum_y / n AS py, n AS w
			FROM (
				SELECT sum(n)::int AS n, sum(sum_x) AS sum_x, sum(sum_y) AS sum_y
				FROM camera_cells
				WHERE z = ${z} AND x BETWEEN ${column(b.minX - reach)} AND ${column(b.maxX + reach)}
					AND y BETWEEN ${row(b.maxY + reach)} AND ${row(b.minY - reach)}
				GROUP BY cx, cy
				HAVING sum(n) > 0
			) cells`;
	} else {
		points = sql`
			SELECT ST_X(c.geom_3857) AS px, ST_Y(c.geom_3857) AS py, 1 AS w
			FROM cameras c
			WHERE c.geom_3857 && ST_MakeEnvelope(${b.minX - reach}::float8, ${b.minY - reach}::float8, ${b.maxX + reach}::float8, ${b.maxY + reach}::float8, 3857)
				AND ${filterConditions(filter)}`;
	}
	return {
		name: 'density',
		fields: ['count'],
		rows: sql`
			SELECT * FROM (
				SELECT h.count, ${tilePolygon(tile, sql`ST_Hexagon(${size}::float8, h.i, h.j, ST_SetSRID(ST_MakePoint(0, 0), 3857))`)} AS geom
				FROM (${hexagonCounts(points, size)}) h
			) f
			WHERE geom IS NOT NULL AND NOT ST_IsEmpty(geom)
			LIMIT ${FEATURE_CAP.density}`
	};
}

/** The query for one tile of a layer (tile and zoom already validated). */
export function layerQuery(layer: LayerName, tile: TileId, filter: CameraFilter): LayerQuery {
	switch (layer) {
		case 'cameras':
			if (tile.z >= CLUSTER_SWITCH_ZOOM) return cameraPoints(tile, filter);
			return isDefaultFilter(filter) ? precomputedClusters(tile) : filteredClusters(tile, filter);
		case 'fov':
			return fovPolygons(tile, filter);
		case 'areas':
			return areaPolygons(tile);
		case 'density':
			return densityHexagons(tile, filter);
	}
}
