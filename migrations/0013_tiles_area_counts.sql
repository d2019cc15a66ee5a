-- One count of cameras per area, not two. The tiles' `areas` layer read its camera counts from
-- `area_camera_counts` (0003), deltas that every camera change added by a spatial join of the
-- changed cameras with the areas, while the statistics keep the same number, and more, in
-- `area_stat_counts` (0006, 0012). The layer now sums the statistics' active rows, and the cell
-- triggers keep only the cluster cells: one spatial join per camera change instead of two.

-- migrate:up

DROP TRIGGER areas_counts_update ON areas;
DROP TRIGGER areas_counts_insert ON areas;
DROP FUNCTION area_counts_changed();

-- Adds cameras to the cluster cells: sign +1 for a camera that appears in the unfiltered map, -1
-- for one that leaves it (removed, deleted, or moved: -1 old, +1 new). The cell of a point at
-- zoom Z is floor((x + R) / 2R · 2^Z), clamped to the grid: the same formula as `cellOf` in
-- src/lib/server/tiles/tile.ts.
CREATE FUNCTION tile_cells_apply(signs integer[], xs double precision[], ys double precision[], faces integer[],
	plates integer[]) RETURNS void LANGUAGE sql AS $$
	INSERT INTO camera_cells (z, x, y, cx, cy, n, sum_x, sum_y, face_recognition, plate_reading)
	SELECT z, cx >> 4, cy >> 4, cx, cy, sum(sign), sum(sign * px), sum(sign * py), sum(sign * face), sum(sign * plate)
	FROM (
		SELECT z, c.sign, c.px, c.py, c.face, c.plate,
			least(greatest(floor((c.px + 20037508.342789244) / 40075016.68557849 * (1 << (z + 4))), 0), (1 << (z + 4)) - 1)::int AS cx,
			least(greatest(floor((20037508.342789244 - c.py) / 40075016.68557849 * (1 << (z + 4))), 0), (1 << (z + 4)) - 1)::int AS cy
		FROM unnest(signs, xs, ys, faces, plates) AS c (sign, px, py, face, plate), generate_series(0, 14) z
	) cells
	GROUP BY z, cx, cy
	HAVING sum(sign) <> 0 OR sum(sign * px) <> 0 OR sum(sign * py) <> 0;
$$;

CREATE OR REPLACE FUNCTION camera_cells_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	signs integer[];
	xs double precision[];
	ys double precision[];
	faces integer[];
	plates integer[];
BEGIN
	IF TG_OP = 'TRUNCATE' THEN
		DELETE FROM camera_cells;
		RETURN NULL;
	END IF;
	-- Each branch names only the transition tables its event has.
	IF TG_OP = 'INSERT' THEN
		SELECT array_agg(1), array_agg(ST_X(n.geom_3857)), array_agg(ST_Y(n.geom_3857)),
			array_agg(('face_recognition' = ANY (n.capabilities))::int), array_agg(('plate_reading' = ANY (n.capabilities))::int)
		INTO signs, xs, ys, faces, plates
		FROM new_rows n WHERE n.status = 'active';
	ELSIF TG_OP = 'DELETE' THEN
		SELECT array_agg(-1), array_agg(ST_X(o.geom_3857)), array_agg(ST_Y(o.geom_3857)),
			array_agg(('face_recognition' = ANY (o.capabilities))::int), array_agg(('plate_reading' = ANY (o.capabilities))::int)
		INTO signs, xs, ys, faces, plates
		FROM old_rows o WHERE o.status = 'active';
	ELSE
		-- Rows whose place, status and capabilities did not change leave the cells as they are.
		SELECT array_agg(c.sign), array_agg(ST_X(c.geom_3857)), array_agg(ST_Y(c.geom_3857)),
			array_agg(('face_recognition' = ANY (c.capabilities))::int), array_agg(('plate_reading' = ANY (c.capabilities))::int)
		INTO signs, xs, ys, faces, plates
		FROM (
			SELECT -1 AS sign, o.geom_3857, o.capabilities
			FROM old_rows o JOIN new_rows n ON n.id = o.id
			WHERE o.status = 'active' AND NOT (n.status = o.status AND n.capabilities = o.capabilities
				AND ST_X(n.geom) = ST_X(o.geom) AND ST_Y(n.geom) = ST_Y(o.geom))
			UNION ALL
			SELECT 1, n.geom_3857, n.capabilities
			FROM new_rows n JOIN old_rows o ON o.id = n.id
			WHERE n.status = 'active' AND NOT (n.status = o.status AND n.capabilities = o.capabilities
				AND ST_X(n.geom) = ST_X(o.geom) AND ST_Y(n.geom) = ST_Y(o.geom))
		) c;
	END IF;
	IF signs IS NOT NULL THEN
		PERFORM tile_cells_apply(signs, xs, ys, faces, plates);
	END IF;
	RETURN NULL;
END
$$;

DROP FUNCTION tile_cells_apply(integer[], geometry[], double precision[], double precision[], integer[], integer[]);

-- Folds the deltas of at most `max_tiles` tiles into one row per cell; returns the number of
-- tiles folded. Safe to run at any time from any app server.
CREATE OR REPLACE FUNCTION tile_cells_compact(max_tiles integer) RETURNS integer LANGUAGE plpgsql AS $$
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
	RETURN folded;
END
$$;

DROP TABLE area_camera_counts;

-- migrate:down
CREATE TABLE area_camera_counts (
	area_id bigint NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
	cameras integer NOT NULL,
	compacted boolean NOT NULL DEFAULT false
);
CREATE INDEX area_camera_counts_area_idx ON area_camera_counts (area_id);

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

CREATE OR REPLACE FUNCTION camera_cells_changed() RETURNS trigger LANGUAGE plpgsql AS $$
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

DROP FUNCTION tile_cells_apply(integer[], double precision[], double precision[], integer[], integer[]);

CREATE OR REPLACE FUNCTION tile_cells_compact(max_tiles integer) RETURNS integer LANGUAGE plpgsql AS $$
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

INSERT INTO area_camera_counts (area_id, cameras)
SELECT a.id, (SELECT count(*) FROM cameras c WHERE c.status = 'active' AND ST_Intersects(a.geom, c.geom)) FROM areas a;
