-- Statistics per area, kept up to date by the database itself.
--
-- `area_stat_counts` holds, per area, how many cameras there are of each combination of the
-- attributes the statistics break down by. Row triggers on `cameras` move a camera's count
-- between combinations and areas as it is created, changed or removed; a trigger on `areas`
-- recounts an area whose outline changes. Reading an area's numbers is then a sum over a few
-- dozen rows, whatever the number of cameras (PRODUCT.md: statistics p50 <= 20 ms at 1M).
-- `area_stat_months` does the same per calendar month for growth charts: cameras first seen
-- (verified) and cameras removed that month.

-- migrate:up

CREATE TABLE area_stat_counts (
	area_id bigint NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
	status text NOT NULL,
	surveillance_type text NOT NULL,
	operator_class text NOT NULL,
	face_recognition boolean NOT NULL,
	plate_reading boolean NOT NULL,
	confidence text NOT NULL,
	-- No CHECK (cameras >= 0): PostgreSQL checks the row an INSERT ... ON CONFLICT proposes
	-- (here -1) before it finds the conflict that turns it into an update.
	cameras integer NOT NULL,
	PRIMARY KEY (area_id, status, surveillance_type, operator_class, face_recognition, plate_reading, confidence)
);

CREATE TABLE area_stat_months (
	area_id bigint NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
	month date NOT NULL CHECK (extract(day FROM month) = 1),
	verified integer NOT NULL DEFAULT 0,
	removed integer NOT NULL DEFAULT 0,
	PRIMARY KEY (area_id, month)
);

-- Adds `delta` (1 or -1) for one camera row to every area that contains it.
CREATE FUNCTION area_stats_add(c cameras, delta integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO area_stat_counts AS t
		(area_id, status, surveillance_type, operator_class, face_recognition, plate_reading, confidence, cameras)
	SELECT a.id, c.status, c.surveillance_type, c.operator_class,
		'face_recognition' = ANY (c.capabilities), 'plate_reading' = ANY (c.capabilities), c.confidence, delta
	FROM areas a
	WHERE a.geom && c.geom AND ST_Intersects(a.geom, c.geom)
	ON CONFLICT (area_id, status, surveillance_type, operator_class, face_recognition, plate_reading, confidence)
	DO UPDATE SET cameras = t.cameras + EXCLUDED.cameras;

	IF c.first_seen IS NOT NULL OR c.removed_on IS NOT NULL THEN
		INSERT INTO area_stat_months AS m (area_id, month, verified, removed)
		SELECT a.id, x.month, sum(x.verified), sum(x.removed)
		FROM areas a,
			(VALUES (date_trunc('month', c.first_seen)::date, delta, 0),
				(date_trunc('month', c.removed_on)::date, 0, delta)) AS x (month, verified, removed)
		WHERE x.month IS NOT NULL AND a.geom && c.geom AND ST_Intersects(a.geom, c.geom)
		GROUP BY a.id, x.month
		ON CONFLICT (area_id, month)
		DO UPDATE SET verified = m.verified + EXCLUDED.verified, removed = m.removed + EXCLUDED.removed;
	END IF;
END
$$;

CREATE FUNCTION cameras_area_stats() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP IN ('UPDATE', 'DELETE') THEN
		PERFORM area_stats_add(OLD, -1);
	END IF;
	IF TG_OP IN ('INSERT', 'UPDATE') THEN
		PERFORM area_stats_add(NEW, 1);
	END IF;
	RETURN NULL;
END
$$;

CREATE TRIGGER cameras_area_stats AFTER INSERT OR DELETE ON cameras
	FOR EACH ROW EXECUTE FUNCTION cameras_area_stats();
CREATE TRIGGER cameras_area_stats_update AFTER UPDATE OF geom, status, surveillance_type, operator_class, capabilities, confidence, first_seen, removed_on ON cameras
	FOR EACH ROW EXECUTE FUNCTION cameras_area_stats();

-- Recounts one area from scratch (a new or changed outline).
CREATE FUNCTION area_stats_recount(area bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM area_stat_counts WHERE area_id = area;
	DELETE FROM area_stat_months WHERE area_id = area;
	INSERT INTO area_stat_counts
		(area_id, status, surveillance_type, operator_class, face_recognition, plate_reading, confidence, cameras)
	SELECT area, c.status, c.surveillance_type, c.operator_class,
		'face_recognition' = ANY (c.capabilities), 'plate_reading' = ANY (c.capabilities), c.confidence, count(*)
	FROM cameras c JOIN areas a ON a.id = area AND a.geom && c.geom AND ST_Intersects(a.geom, c.geom)
	GROUP BY 2, 3, 4, 5, 6, 7;
	INSERT INTO area_stat_months (area_id, month, verified, removed)
	SELECT area, x.month, sum(x.verified), sum(x.removed)
	FROM cameras c JOIN areas a ON a.id = area AND a.geom && c.geom AND ST_Intersects(a.geom, c.geom),
		LATERAL (VALUES (date_trunc('month', c.first_seen)::date, 1, 0),
			(date_trunc('month', c.removed_on)::date, 0, 1)) AS x (month, verified, removed)
	WHERE x.month IS NOT NULL
	GROUP BY x.month;
END
$$;

CREATE FUNCTION areas_area_stats() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM area_stats_recount(NEW.id);
	RETURN NULL;
END
$$;

CREATE TRIGGER areas_area_stats AFTER INSERT OR UPDATE OF geom ON areas
	FOR EACH ROW EXECUTE FUNCTION areas_area_stats();

-- Areas that exist already.
SELECT area_stats_recount(id) FROM areas;

-- migrate:down
DROP TRIGGER areas_area_stats ON areas;
DROP FUNCTION areas_area_stats();
DROP FUNCTION area_stats_recount(bigint);
DROP TRIGGER cameras_area_stats_update ON cameras;
DROP TRIGGER cameras_area_stats ON cameras;
DROP FUNCTION cameras_area_stats();
DROP FUNCTION area_stats_add(cameras, integer);
DROP TABLE area_stat_months;
DROP TABLE area_stat_counts;
