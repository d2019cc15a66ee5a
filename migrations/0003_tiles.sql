-- Vector tiles (src/lib/server/tiles/): what the database keeps ready for them.
--
-- 1. Field of view: one polygon per camera (the union of its sectors), computed by the database
--    itself from the model in src/lib/geo/fov.ts (same numbers, checked by a test), so both
--    backends build it the same way and statistics can reuse it.
-- 2. Cluster cells: counts per grid cell for the low-zoom `clusters` layer, kept by triggers on
--    `cameras`. Rows are only ever appended (a change adds +1/-1 deltas), so concurrent writers
--    never wait on each other; readers sum per cell and `tile_cells_compact()` folds the deltas.
-- 3. Camera counts per area for the `areas` layer, kept the same way.
-- 4. A data version, bumped once per transaction that changed cameras or areas, at its commit.
--    App servers poll it and drop their tile caches when it moves.

-- migrate:up

-- 1. Field of view ---------------------------------------------------------------------------

-- Opening angle in degrees; 360 when the camera sees all around or we do not know where it looks.
CREATE FUNCTION camera_fov_angle(camera_type text, directions smallint[]) RETURNS double precision
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN CASE
		WHEN camera_type = 'dome' OR cardinality(directions) = 0 THEN 360
		WHEN camera_type = 'panning' THEN 90
		ELSE 60
	END;

-- Range in ground metres; NULL for things that do not look (guards, gunshot detectors).
CREATE FUNCTION camera_fov_range(surveillance_type text, zone text) RETURNS double precision
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN CASE
		WHEN surveillance_type IN ('guard', 'gunshot_detector') THEN NULL
		WHEN surveillance_type = 'ALPR' THEN 30
		WHEN zone = 'traffic' THEN 50
		WHEN zone IN ('building', 'shop', 'bank') THEN 30
		ELSE 40
	END;

-- The field of view in Web Mercator: sectors (or a circle) around the camera, radius scaled by
-- 1 / cos(latitude) so that it is ground metres. Arc vertices every 10° (circle: every 15°).
CREATE FUNCTION camera_fov(geom geometry, camera_type text, directions smallint[], surveillance_type text, zone text)
	RETURNS geometry
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN (
		WITH m AS (
			SELECT ST_X(c) AS x, ST_Y(c) AS y, r, a
			FROM (
				SELECT ST_Transform(geom, 3857) AS c,
					camera_fov_range(surveillance_type, zone) / cos(radians(ST_Y(geom))) AS r,
					camera_fov_angle(camera_type, directions) AS a
			) s
			WHERE r IS NOT NULL
		),
		parts AS (
			SELECT ST_MakePolygon(ST_MakeLine(ARRAY(
				SELECT ST_MakePoint(m.x + m.r * sin(radians((i % 24) * 15.0)), m.y + m.r * cos(radians((i % 24) * 15.0)))
				FROM generate_series(0, 24) i ORDER BY i
			))) AS g
			FROM m WHERE m.a >= 360
			UNION ALL
			SELECT ST_MakePolygon(ST_MakeLine(
				ARRAY[ST_MakePoint(m.x, m.y)]
				|| ARRAY(
					SELECT ST_MakePoint(
						m.x + m.r * sin(radians(d - m.a / 2 + i * m.a / ceil(m.a / 10))),
						m.y + m.r * cos(radians(d - m.a / 2 + i * m.a / ceil(m.a / 10))))
					FROM generate_series(0, ceil(m.a / 10)::int) i ORDER BY i)
				|| ARRAY[ST_MakePoint(m.x, m.y)]
			)) AS g
			FROM m, unnest(directions) d WHERE m.a < 360
		)
		SELECT ST_SetSRID(ST_Multi(ST_Union(g)), 3857) FROM parts
	);

ALTER TABLE cameras ADD COLUMN fov_3857 geometry(MultiPolygon, 3857)
	GENERATED ALWAYS AS (camera_fov(geom, camera_type, camera_direction, surveillance_type, surveillance_zone)) STORED;
CREATE INDEX cameras_fov_3857_idx ON cameras USING gist (fov_3857);

-- 2. Cluster cells ---------------------------------------------------------------------------

-- For every tile zoom z in 0..14, cameras counted per cell of the grid at zoom z + 4 (16 × 16
-- cells per tile); (x, y) is the tile at zoom z holding the cell (cx, cy). Sums of the Web
-- Mercator coordinates give each cell's centroid. Only active cameras are counted: this is the
-- unfiltered map. Several rows per cell are summed by readers.
CREATE TABLE camera_cells (
	z smallint NOT NULL CHECK (z BETWEEN 0 AND 14),
	x integer NOT NULL,
	y integer NOT NULL,
	cx integer NOT NULL,
	cy integer NOT NULL,
	n integer NOT NULL,
	sum_x double precision NOT NULL,
	sum_y double precision NOT NULL,
	face_recognition integer NOT NULL,
	plate_reading integer NOT NULL,
	compacted boolean NOT NULL DEFAULT false
);
CREATE INDEX camera_cells_tile_idx ON camera_cells (z, x, y);
CREATE INDEX camera_cells_fresh_idx ON camera_cells (z, x, y) WHERE NOT compacted;

-- Camera counts per area (active cameras inside or on the boundary), as deltas summed by readers.
CREATE TABLE area_camera_counts (
	area_id bigint NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
	cameras integer NOT NULL,
	compacted boolean NOT NULL DEFAULT false
);
CREATE INDEX area_camera_counts_area_idx ON area_camera_counts (area_id);

-- Adds cameras to the cells and the area counts: sign +1 for a camera that appears in the
-- unfiltered map, -1 for one that leaves it (removed, deleted, or moved: -1 old, +1 new).
-- The cell of a point at zoom Z is floor((x + R) / 2R · 2^Z), clamped to the grid: the same
-- formula as `cellOf` in src/lib/server/tiles/tile.ts.
CREATE FUNCTION tile_cells_apply(signs integer[], geoms geometry[], xs double precision[], ys double precision[],
	faces integer[], plates integer[]) RETURNS void LANGUAGE sql AS $$
	WITH c AS (
		SELECT * FROM unnest(signs, geoms, xs, ys, faces, plates) AS c(sign, geom, px, py, face, plate)
	),
	cells AS (
		INSERT INTO camera_cells (z, x, y, cx, cy, n, sum_x, sum_y, face_recognition, plate_reading)
		SELECT z, cx >> 4, cy >> 4, cx, cy, sum(sign), sum(sign * px), sum(sign * py), sum(sign * face), sum(sign * plate)
		FROM (
			SELECT z, c.sign, c.px, c.py, c.face, c.plate,
				least(greatest(floor((c.px + 20037508.342789244) / 40075016.68557849 * (1 << (z + 4))), 0), (1 << (z + 4)) - 1)::int AS cx,
				least(greatest(floor((20037508.342789244 - c.py) / 40075016.68557849 * (1 << (z + 4))), 0), (1 << (z + 4)) - 1)::int AS cy
			FROM c, generate_series(0, 14) z
		) cells
		GROUP BY z, cx, cy
		HAVING sum(sign) <> 0 OR sum(sign * px) <> 0 OR sum(sign * py) <> 0
		RETURNING 1
	)
	INSERT INTO area_camera_counts (area_id, cameras)
	SELECT a.id, sum(c.sign)
	FROM c JOIN areas a ON ST_Intersects(a.geom, c.geom)
	GROUP BY a.id
	HAVING sum(c.sign) <> 0;
$$;

CREATE FUNCTION camera_cells_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	signs integer[];
	geoms geometry[];
	xs double precision[];
	ys double precision[];
	faces integer[];
	plates integer[];
BEGIN
	IF TG_OP = 'TRUNCATE' THEN
		DELETE FROM camera_cells;
		DELETE FROM area_camera_counts;
		RETURN NULL;
	END IF;
	-- Each branch names only the transition tables its event has.
	IF TG_OP = 'INSERT' THEN
		SELECT array_agg(1), array_agg(n.geom), array_agg(ST_X(n.geom_3857)), array_agg(ST_Y(n.geom_3857)),
			array_agg(('face_recognition' = ANY (n.capabilities))::int), array_agg(('plate_reading' = ANY (n.capabilities))::int)
		INTO signs, geoms, xs, ys, faces, plates
		FROM new_rows n WHERE n.status = 'active';
	ELSIF TG_OP = 'DELETE' THEN
		SELECT array_agg(-1), array_agg(o.geom), array_agg(ST_X(o.geom_3857)), array_agg(ST_Y(o.geom_3857)),
			array_agg(('face_recognition' = ANY (o.capabilities))::int), array_agg(('plate_reading' = ANY (o.capabilities))::int)
		INTO signs, geoms, xs, ys, faces, plates
		FROM old_rows o WHERE o.status = 'active';
	ELSE
		-- Rows whose place, status and capabilities did not change leave the cells as they are.
		SELECT array_agg(c.sign), array_agg(c.geom), array_agg(ST_X(c.geom_3857)), array_agg(ST_Y(c.geom_3857)),
			array_agg(('face_recognition' = ANY (c.capabilities))::int), array_agg(('plate_reading' = ANY (c.capabilities))::int)
		INTO signs, geoms, xs, ys, faces, plates
		FROM (
			SELECT -1 AS sign, o.geom, o.geom_3857, o.capabilities
			FROM old_rows o JOIN new_rows n ON n.id = o.id
			WHERE o.status = 'active' AND NOT (n.status = o.status AND n.capabilities = o.capabilities
				AND ST_X(n.geom) = ST_X(o.geom) AND ST_Y(n.geom) = ST_Y(o.geom))
			UNION ALL
			SELECT 1, n.geom, n.geom_3857, n.capabilities
			FROM new_rows n JOIN old_rows o ON o.id = n.id
			WHERE n.status = 'active' AND NOT (n.status = o.status AND n.capabilities = o.capabilities
				AND ST_X(n.geom) = ST_X(o.geom) AND ST_Y(n.geom) = ST_Y(o.geom))
		) c;
	END IF;
	IF signs IS NOT NULL THEN
		PERFORM tile_cells_apply(signs, geoms, xs, ys, faces, plates);
	END IF;
	RETURN NULL;
END
$$;

CREATE TRIGGER cameras_cells_insert AFTER INSERT ON cameras REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION camera_cells_changed();
CREATE TRIGGER cameras_cells_update AFTER UPDATE ON cameras REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION camera_cells_changed();
CREATE TRIGGER cameras_cells_delete AFTER DELETE ON cameras REFERENCING OLD TABLE AS old_rows
	FOR EACH STATEMENT EXECUTE FUNCTION camera_cells_changed();
CREATE TRIGGER cameras_cells_truncate AFTER TRUNCATE ON cameras
	FOR EACH STATEMENT EXECUTE FUNCTION camera_cells_changed();

-- A new or redrawn area is counted from scratch.
CREATE FUNCTION area_counts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'UPDATE' THEN
		DELETE FROM area_camera_counts WHERE area_id IN (
			SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE NOT ST_Equals(n.geom, o.geom));
	END IF;
	INSERT INTO area_camera_counts (area_id, cameras)
	SELECT a.id, (SELECT count(*) FROM cameras c WHERE c.status = 'active' AND ST_Intersects(a.geom, c.geom))
	FROM new_rows a
	WHERE TG_OP = 'INSERT' OR NOT EXISTS (SELECT 1 FROM area_camera_counts k WHERE k.area_id = a.id);
	RETURN NULL;
END
$$;

CREATE TRIGGER areas_counts_insert AFTER INSERT ON areas REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION area_counts_changed();
CREATE TRIGGER areas_counts_update AFTER UPDATE ON areas REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION area_counts_changed();

-- What is already there (tile_cells_apply counts the areas too).
SELECT tile_cells_apply(array_agg(1), array_agg(geom), array_agg(ST_X(geom_3857)), array_agg(ST_Y(geom_3857)),
	array_agg(('face_recognition' = ANY (capabilities))::int), array_agg(('plate_reading' = ANY (capabilities))::int))
FROM cameras WHERE status = 'active' HAVING count(*) > 0;
-- Folds the deltas of at most `max_tiles` tiles (and of every area) into one row per cell;
-- returns the number of tiles folded. Safe to run at any time from any app server.
CREATE FUNCTION tile_cells_compact(max_tiles integer) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
	folded integer;
BEGIN
	IF NOT pg_try_advisory_xact_lock(hashtext('tile_cells_compact')) THEN
		RETURN 0;
	END IF;
	CREATE TEMP TABLE tile_cells_fold ON COMMIT DROP AS
		SELECT DISTINCT z, x, y FROM camera_cells WHERE NOT compacted LIMIT max_tiles;
	GET DIAGNOSTICS folded = ROW_COUNT;
	WITH gone AS (
		DELETE FROM camera_cells c USING tile_cells_fold f
		WHERE c.z = f.z AND c.x = f.x AND c.y = f.y
		RETURNING c.*
	)
	INSERT INTO camera_cells (z, x, y, cx, cy, n, sum_x, sum_y, face_recognition, plate_reading, compacted)
	SELECT z, x, y, cx, cy, sum(n), sum(sum_x), sum(sum_y), sum(face_recognition), sum(plate_reading), true
	FROM gone GROUP BY z, x, y, cx, cy HAVING sum(n) <> 0;
	DROP TABLE tile_cells_fold;

	IF EXISTS (SELECT 1 FROM area_camera_counts WHERE NOT compacted) THEN
		WITH gone AS (DELETE FROM area_camera_counts RETURNING *)
		INSERT INTO area_camera_counts (area_id, cameras, compacted)
		SELECT area_id, sum(cameras), true FROM gone GROUP BY area_id;
	END IF;
	RETURN folded;
END
$$;

-- 4. Data version ----------------------------------------------------------------------------

CREATE TABLE tile_data_version (
	singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
	version bigint NOT NULL DEFAULT 1,
	changed_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO tile_data_version DEFAULT VALUES;

-- One row per open transaction that changed cameras or areas. The statement-level triggers
-- below only insert here (no lock on the version row while the transaction is still working,
-- so two moderators can never deadlock over it); the deferred trigger bumps the version once,
-- at commit, and removes the row again.
CREATE TABLE tile_data_changes (
	txid xid8 PRIMARY KEY
);

CREATE FUNCTION tile_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO tile_data_changes (txid) VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;
	RETURN NULL;
END
$$;

CREATE FUNCTION tile_data_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE tile_data_version SET version = version + 1, changed_at = now();
	DELETE FROM tile_data_changes WHERE txid = NEW.txid;
	RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER tile_data_bump AFTER INSERT ON tile_data_changes
	DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tile_data_bump();
CREATE TRIGGER cameras_tile_data AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON cameras
	FOR EACH STATEMENT EXECUTE FUNCTION tile_data_changed();
CREATE TRIGGER areas_tile_data AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON areas
	FOR EACH STATEMENT EXECUTE FUNCTION tile_data_changed();

-- migrate:down
DROP TRIGGER areas_tile_data ON areas;
DROP TRIGGER cameras_tile_data ON cameras;
DROP TABLE tile_data_changes;
DROP FUNCTION tile_data_bump();
DROP FUNCTION tile_data_changed();
DROP TABLE tile_data_version;
DROP FUNCTION tile_cells_compact(integer);
DROP TRIGGER areas_counts_update ON areas;
DROP TRIGGER areas_counts_insert ON areas;
DROP FUNCTION area_counts_changed();
DROP TRIGGER cameras_cells_truncate ON cameras;
DROP TRIGGER cameras_cells_delete ON cameras;
DROP TRIGGER cameras_cells_update ON cameras;
DROP TRIGGER cameras_cells_insert ON cameras;
DROP FUNCTION camera_cells_changed();
DROP FUNCTION tile_cells_apply(integer[], geometry[], double precision[], double precision[], integer[], integer[]);
DROP TABLE area_camera_counts;
DROP TABLE camera_cells;
DROP INDEX cameras_fov_3857_idx;
ALTER TABLE cameras DROP COLUMN fov_3857;
DROP FUNCTION camera_fov(geometry, text, smallint[], text, text);
DROP FUNCTION camera_fov_range(text, text);
DROP FUNCTION camera_fov_angle(text, smallint[]);
