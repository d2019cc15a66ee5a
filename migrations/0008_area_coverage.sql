-- Coverage per area: the share of each area inside the assumed field of view of at least one
-- active camera (the union of `cameras.fov_3857`, intersected with the area).
--
-- One ST_Union over every cone of a city per change would take seconds at 1M cameras, so each
-- area is cut into cells: the squares of a fixed grid in EPSG:3857 (`coverage_cell_size()`
-- units, anchored at the origin, so cell (i, j) is the same square in every area), clipped to
-- the area. A cell keeps the area of its piece that cameras see. A change to a camera marks the
-- grid squares its old and new cones touch in `coverage_dirty` (statement triggers, a few rows
-- per camera); `coverage_refresh(n)`, run by each app server about once a second
-- (src/lib/server/stats/coverage.ts), recomputes the marked squares: one union of the cones in
-- that square, intersected with each area's piece of it. `coverage_areas` holds the sums that the
-- statistics read: one row per area, whatever the number of cameras.
--
-- Units: areas of EPSG:3857 geometry, within one area only. The share is a ratio of two such
-- areas, so the Web Mercator scale (1 / cos² of the latitude) cancels except for its variation
-- across the area: about 2 · tan(lat) · Δlat, 0.35 % of the share for an area 0.1° tall at 45° N,
-- and far less when cameras are spread over the area. Covered km² = share × the area's geodesic
-- km² (`areas.area_km2`), so it is consistent with every other km² figure.
--
-- Concurrency: a dirty mark carries a sequence number that every new change bumps (the upsert
-- also waits for a job deleting the mark). The job deletes a mark only if it still carries the
-- number it read before computing, so a change committed while the job was computing leaves
-- its mark for the next run.

-- migrate:up

CREATE FUNCTION coverage_cell_size() RETURNS double precision
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN 500;

CREATE TABLE coverage_areas (
	area_id bigint PRIMARY KEY REFERENCES areas (id) ON DELETE CASCADE,
	-- EPSG:3857 square units, see above.
	area_m2 double precision NOT NULL,
	covered_m2 double precision NOT NULL DEFAULT 0,
	-- Cells not computed yet (a new or redrawn outline): the share is unknown until 0.
	pending integer NOT NULL DEFAULT 0
);

CREATE TABLE coverage_cells (
	area_id bigint NOT NULL REFERENCES coverage_areas (area_id) ON DELETE CASCADE,
	i integer NOT NULL,
	j integer NOT NULL,
	-- The grid square clipped to the area (EPSG:3857).
	geom geometry NOT NULL,
	-- NULL: not computed yet.
	covered_m2 double precision,
	PRIMARY KEY (area_id, i, j)
);
CREATE INDEX coverage_cells_square_idx ON coverage_cells (i, j);
CREATE INDEX coverage_cells_pending_idx ON coverage_cells (i, j) WHERE covered_m2 IS NULL;

CREATE SEQUENCE coverage_dirty_mark;
CREATE TABLE coverage_dirty (
	i integer NOT NULL,
	j integer NOT NULL,
	mark bigint NOT NULL DEFAULT nextval('coverage_dirty_mark'),
	PRIMARY KEY (i, j)
);

-- Marks the grid squares that the cones of the changed active cameras touch (only squares some
-- area has a cell in). Transition tables are visible only inside the trigger function itself,
-- hence one statement per event.
CREATE FUNCTION cameras_coverage_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	s constant double precision := coverage_cell_size();
BEGIN
	IF TG_OP = 'TRUNCATE' THEN
		INSERT INTO coverage_dirty AS d (i, j)
		SELECT DISTINCT i, j FROM coverage_cells ORDER BY i, j
		ON CONFLICT (i, j) DO UPDATE SET mark = nextval('coverage_dirty_mark');
		RETURN NULL;
	END IF;
	IF TG_OP = 'INSERT' THEN
		INSERT INTO coverage_dirty AS d (i, j)
		SELECT DISTINCT gi, gj
		FROM new_rows f,
			generate_series(floor(ST_XMin(f.fov_3857) / s)::int, floor(ST_XMax(f.fov_3857) / s)::int) gi,
			generate_series(floor(ST_YMin(f.fov_3857) / s)::int, floor(ST_YMax(f.fov_3857) / s)::int) gj
		WHERE f.status = 'active' AND f.fov_3857 IS NOT NULL
			AND EXISTS (SELECT 1 FROM coverage_cells k WHERE k.i = gi AND k.j = gj)
		ORDER BY gi, gj
		ON CONFLICT (i, j) DO UPDATE SET mark = nextval('coverage_dirty_mark');
	ELSIF TG_OP = 'DELETE' THEN
		INSERT INTO coverage_dirty AS d (i, j)
		SELECT DISTINCT gi, gj
		FROM old_rows f,
			generate_series(floor(ST_XMin(f.fov_3857) / s)::int, floor(ST_XMax(f.fov_3857) / s)::int) gi,
			generate_series(floor(ST_YMin(f.fov_3857) / s)::int, floor(ST_YMax(f.fov_3857) / s)::int) gj
		WHERE f.status = 'active' AND f.fov_3857 IS NOT NULL
			AND EXISTS (SELECT 1 FROM coverage_cells k WHERE k.i = gi AND k.j = gj)
		ORDER BY gi, gj
		ON CONFLICT (i, j) DO UPDATE SET mark = nextval('coverage_dirty_mark');
	ELSE
		-- Only rows whose cone or status changed: the old cone and the new one.
		INSERT INTO coverage_dirty AS d (i, j)
		SELECT DISTINCT gi, gj
		FROM (
			SELECT o.fov_3857 AS fov FROM old_rows o JOIN new_rows n ON n.id = o.id
			WHERE o.status = 'active' AND (n.status <> o.status OR n.fov_3857 IS DISTINCT FROM o.fov_3857)
			UNION ALL
			SELECT n.fov_3857 FROM new_rows n JOIN old_rows o ON o.id = n.id
			WHERE n.status = 'active' AND (n.status <> o.status OR n.fov_3857 IS DISTINCT FROM o.fov_3857)
		) f,
			generate_series(floor(ST_XMin(f.fov) / s)::int, floor(ST_XMax(f.fov) / s)::int) gi,
			generate_series(floor(ST_YMin(f.fov) / s)::int, floor(ST_YMax(f.fov) / s)::int) gj
		WHERE f.fov IS NOT NULL AND EXISTS (SELECT 1 FROM coverage_cells k WHERE k.i = gi AND k.j = gj)
		ORDER BY gi, gj
		ON CONFLICT (i, j) DO UPDATE SET mark = nextval('coverage_dirty_mark');
	END IF;
	RETURN NULL;
END
$$;

CREATE TRIGGER cameras_coverage_insert AFTER INSERT ON cameras REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION cameras_coverage_changed();
CREATE TRIGGER cameras_coverage_update AFTER UPDATE ON cameras REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION cameras_coverage_changed();
CREATE TRIGGER cameras_coverage_delete AFTER DELETE ON cameras REFERENCING OLD TABLE AS old_rows
	FOR EACH STATEMENT EXECUTE FUNCTION cameras_coverage_changed();
CREATE TRIGGER cameras_coverage_truncate AFTER TRUNCATE ON cameras
	FOR EACH STATEMENT EXECUTE FUNCTION cameras_coverage_changed();

-- Cuts one area into cells again (a new or redrawn outline). Cells that no cone comes near are
-- known to be unseen at once; the rest wait for `coverage_refresh`.
CREATE FUNCTION coverage_rebuild(area bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	shape geometry;
BEGIN
	DELETE FROM coverage_areas WHERE area_id = area;
	SELECT ST_Transform(geom, 3857) INTO shape FROM areas WHERE id = area;
	IF shape IS NULL THEN
		RETURN;
	END IF;
	INSERT INTO coverage_areas (area_id, area_m2) VALUES (area, ST_Area(shape));
	INSERT INTO coverage_cells (area_id, i, j, geom, covered_m2)
	SELECT area, g.i, g.j, p.piece,
		CASE WHEN EXISTS (SELECT 1 FROM cameras c WHERE c.status = 'active' AND c.fov_3857 && p.piece) THEN NULL ELSE 0 END
	FROM ST_SquareGrid(coverage_cell_size(), shape) g,
		LATERAL (
			SELECT CASE WHEN ST_Contains(shape, g.geom) THEN g.geom
				ELSE ST_CollectionExtract(ST_Intersection(g.geom, shape), 3) END AS piece
		) p
	WHERE ST_Intersects(g.geom, shape) AND NOT ST_IsEmpty(p.piece) AND ST_Area(p.piece) > 0;
	UPDATE coverage_areas
	SET pending = (SELECT count(*) FROM coverage_cells WHERE area_id = area AND covered_m2 IS NULL)
	WHERE area_id = area;
END
$$;

CREATE FUNCTION areas_coverage_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' OR NOT ST_Equals(OLD.geom, NEW.geom) THEN
		PERFORM coverage_rebuild(NEW.id);
	END IF;
	RETURN NULL;
END
$$;

CREATE TRIGGER areas_coverage AFTER INSERT OR UPDATE OF geom ON areas
	FOR EACH ROW EXECUTE FUNCTION areas_coverage_changed();

-- Recomputes the cells of up to `max_squares` marked grid squares (oldest marks first) and of up
-- to `max_squares` squares with cells never computed, then the sums of the areas they belong
-- to. Returns the number of squares done (0: nothing to do, or another server is at it).
CREATE FUNCTION coverage_refresh(max_squares integer) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
	s constant double precision := coverage_cell_size();
	done integer;
BEGIN
	IF NOT pg_try_advisory_xact_lock(hashtext('coverage_refresh')) THEN
		RETURN 0;
	END IF;
	CREATE TEMP TABLE coverage_batch ON COMMIT DROP AS
		SELECT i, j, mark FROM coverage_dirty ORDER BY mark LIMIT max_squares;
	INSERT INTO coverage_batch (i, j, mark)
	SELECT DISTINCT p.i, p.j, NULL::bigint
	FROM (SELECT i, j FROM coverage_cells WHERE covered_m2 IS NULL LIMIT max_squares) p
	WHERE NOT EXISTS (SELECT 1 FROM coverage_batch b WHERE b.i = p.i AND b.j = p.j);
	SELECT count(*) INTO done FROM coverage_batch;
	IF done = 0 THEN
		DROP TABLE coverage_batch;
		RETURN 0;
	END IF;

	-- One union of the cones per square, then its intersection with each area's piece.
	WITH seen AS MATERIALIZED (
		SELECT b.i, b.j, (
			SELECT ST_Union(c.fov_3857)
			FROM cameras c
			WHERE c.status = 'active' AND c.fov_3857 && q.square AND ST_Intersects(c.fov_3857, q.square)
		) AS fov
		FROM coverage_batch b,
			LATERAL (SELECT ST_MakeEnvelope(b.i * s, b.j * s, (b.i + 1) * s, (b.j + 1) * s, 3857) AS square) q
	)
	UPDATE coverage_cells k
	SET covered_m2 = CASE WHEN seen.fov IS NULL THEN 0 ELSE ST_Area(ST_Intersection(seen.fov, k.geom)) END
	FROM seen
	WHERE k.i = seen.i AND k.j = seen.j;

	DELETE FROM coverage_dirty d USING coverage_batch b
	WHERE d.i = b.i AND d.j = b.j AND d.mark = b.mark;

	UPDATE coverage_areas a
	SET covered_m2 = t.covered, pending = t.pending
	FROM (
		SELECT area_id, coalesce(sum(covered_m2), 0) AS covered, count(*) FILTER (WHERE covered_m2 IS NULL) AS pending
		FROM coverage_cells
		WHERE area_id IN (SELECT DISTINCT k.area_id FROM coverage_cells k JOIN coverage_batch b ON b.i = k.i AND b.j = k.j)
		GROUP BY area_id
	) t
	WHERE a.area_id = t.area_id;
	DROP TABLE coverage_batch;
	RETURN done;
END
$$;

-- Areas that exist already: cut into cells now, computed by the app's job.
SELECT coverage_rebuild(id) FROM areas;

-- migrate:down
DROP FUNCTION coverage_refresh(integer);
DROP TRIGGER areas_coverage ON areas;
DROP FUNCTION areas_coverage_changed();
DROP FUNCTION coverage_rebuild(bigint);
DROP TRIGGER cameras_coverage_truncate ON cameras;
DROP TRIGGER cameras_coverage_delete ON cameras;
DROP TRIGGER cameras_coverage_update ON cameras;
DROP TRIGGER cameras_coverage_insert ON cameras;
DROP FUNCTION cameras_coverage_changed();
DROP TABLE coverage_dirty;
DROP SEQUENCE coverage_dirty_mark;
DROP TABLE coverage_cells;
DROP TABLE coverage_areas;
DROP FUNCTION coverage_cell_size();
