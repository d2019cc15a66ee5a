-- Camera models and what they can do.
--
-- `camera_models` is a catalogue kept by moderators (manufacturer, model, capabilities, links to
-- the evidence). A camera may name its model (`cameras.model_id`). A camera is "biometric-capable"
-- when its own suspected capabilities include face recognition or its model's do; the database
-- keeps that in `cameras.biometric` (a BEFORE trigger on every camera write, and an update of the
-- model's cameras when a model's capabilities change), so the tile filter `biometric=1` is a plain
-- column test and the statistics per area count it in `area_stat_counts` like any other attribute.

-- migrate:up

CREATE TABLE camera_models (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	manufacturer text NOT NULL CHECK (length(manufacturer) BETWEEN 1 AND 200),
	model text NOT NULL CHECK (length(model) BETWEEN 1 AND 200),
	capabilities text[] NOT NULL DEFAULT '{}' CHECK (capabilities <@ ARRAY['face_recognition', 'plate_reading']::text[]),
	-- [{"url": "https://...", "title": "..."}]
	evidence jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(evidence) = 'array'),
	notes text CHECK (length(notes) <= 2000),
	created_at timestamptz NOT NULL DEFAULT now(),
	updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX camera_models_name_idx ON camera_models (lower(manufacturer), lower(model));

ALTER TABLE audit_log DROP CONSTRAINT audit_log_target_type_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_target_type_check
	CHECK (target_type IN ('submission', 'camera', 'user', 'camera_model', 'area'));

-- The statistics count biometric-capable cameras: one more attribute in the breakdown. Until
-- now no camera has a model, so biometric = face recognition for every row.
ALTER TABLE area_stat_counts ADD COLUMN biometric boolean NOT NULL DEFAULT false;
UPDATE area_stat_counts SET biometric = face_recognition;
ALTER TABLE area_stat_counts DROP CONSTRAINT area_stat_counts_pkey;
ALTER TABLE area_stat_counts ADD PRIMARY KEY
	(area_id, status, surveillance_type, operator_class, face_recognition, plate_reading, biometric, confidence);

ALTER TABLE cameras
	ADD COLUMN model_id bigint REFERENCES camera_models (id),
	ADD COLUMN biometric boolean NOT NULL DEFAULT false;
CREATE INDEX cameras_model_idx ON cameras (model_id) WHERE model_id IS NOT NULL;
-- Before the stats trigger below learns the column: the counts were set above.
UPDATE cameras SET biometric = true WHERE 'face_recognition' = ANY (capabilities);

CREATE FUNCTION cameras_biometric() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	NEW.biometric := 'face_recognition' = ANY (NEW.capabilities)
		OR EXISTS (SELECT 1 FROM camera_models m WHERE m.id = NEW.model_id AND 'face_recognition' = ANY (m.capabilities));
	RETURN NEW;
END
$$;
CREATE TRIGGER cameras_biometric BEFORE INSERT OR UPDATE ON cameras
	FOR EACH ROW EXECUTE FUNCTION cameras_biometric();

-- A model whose capabilities change: its cameras are written again, so the trigger above
-- recomputes them (and the statistics and tile triggers follow).
CREATE FUNCTION camera_models_biometric() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF ('face_recognition' = ANY (NEW.capabilities)) IS DISTINCT FROM ('face_recognition' = ANY (OLD.capabilities)) THEN
		-- The value set is recomputed by cameras_biometric; naming the column fires the stats trigger.
		UPDATE cameras SET biometric = biometric
		WHERE model_id = NEW.id AND NOT 'face_recognition' = ANY (capabilities);
	END IF;
	RETURN NULL;
END
$$;
CREATE TRIGGER camera_models_biometric AFTER UPDATE OF capabilities ON camera_models
	FOR EACH ROW EXECUTE FUNCTION camera_models_biometric();

CREATE OR REPLACE FUNCTION area_stats_add(c cameras, delta integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO area_stat_counts AS t
		(area_id, status, surveillance_type, operator_class, face_recognition, plate_reading, biometric, confidence, cameras)
	SELECT a.id, c.status, c.surveillance_type, c.operator_class,
		'face_recognition' = ANY (c.capabilities), 'plate_reading' = ANY (c.capabilities), c.biometric, c.confidence, delta
	FROM areas a
	WHERE a.geom && c.geom AND ST_Intersects(a.geom, c.geom)
	ON CONFLICT (area_id, status, surveillance_type, operator_class, face_recognition, plate_reading, biometric, confidence)
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

CREATE OR REPLACE FUNCTION area_stats_recount(area bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM area_stat_counts WHERE area_id = area;
	DELETE FROM area_stat_months WHERE area_id = area;
	INSERT INTO area_stat_counts
		(area_id, status, surveillance_type, operator_class, face_recognition, plate_reading, biometric, confidence, cameras)
	SELECT area, c.status, c.surveillance_type, c.operator_class,
		'face_recognition' = ANY (c.capabilities), 'plate_reading' = ANY (c.capabilities), c.biometric, c.confidence, count(*)
	FROM cameras c JOIN areas a ON a.id = area AND a.geom && c.geom AND ST_Intersects(a.geom, c.geom)
	GROUP BY 2, 3, 4, 5, 6, 7, 8;
	INSERT INTO area_stat_months (area_id, month, verified, removed)
	SELECT area, x.month, sum(x.verified), sum(x.removed)
	FROM cameras c JOIN areas a ON a.id = area AND a.geom && c.geom AND ST_Intersects(a.geom, c.geom),
		LATERAL (VALUES (date_trunc('month', c.first_seen)::date, 1, 0),
			(date_trunc('month', c.removed_on)::date, 0, 1)) AS x (month, verified, removed)
	WHERE x.month IS NOT NULL
	GROUP BY x.month;
END
$$;

-- model_id too: a new model changes `biometric` in the BEFORE trigger, not in the SET list.
DROP TRIGGER cameras_area_stats_update ON cameras;
CREATE TRIGGER cameras_area_stats_update AFTER UPDATE OF geom, status, surveillance_type, operator_class, capabilities, model_id, biometric, confidence, first_seen, removed_on ON cameras
	FOR EACH ROW EXECUTE FUNCTION cameras_area_stats();

-- migrate:down
DROP TRIGGER cameras_area_stats_update ON cameras;
CREATE TRIGGER cameras_area_stats_update AFTER UPDATE OF geom, status, surveillance_type, operator_class, capabilities, confidence, first_seen, removed_on ON cameras
	FOR EACH ROW EXECUTE FUNCTION cameras_area_stats();

CREATE OR REPLACE FUNCTION area_stats_add(c cameras, delta integer) RETURNS void LANGUAGE plpgsql AS $$
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

CREATE OR REPLACE FUNCTION area_stats_recount(area bigint) RETURNS void LANGUAGE plpgsql AS $$
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

DROP TRIGGER camera_models_biometric ON camera_models;
DROP FUNCTION camera_models_biometric();
DROP TRIGGER cameras_biometric ON cameras;
DROP FUNCTION cameras_biometric();
DROP INDEX cameras_model_idx;
ALTER TABLE cameras DROP COLUMN biometric, DROP COLUMN model_id;

-- Rows that differed only by `biometric` become one.
CREATE TEMP TABLE area_stat_counts_folded AS
	SELECT area_id, status, surveillance_type, operator_class, face_recognition, plate_reading, confidence, sum(cameras)::int AS cameras
	FROM area_stat_counts
	GROUP BY area_id, status, surveillance_type, operator_class, face_recognition, plate_reading, confidence;
DELETE FROM area_stat_counts;
ALTER TABLE area_stat_counts DROP CONSTRAINT area_stat_counts_pkey;
ALTER TABLE area_stat_counts DROP COLUMN biometric;
INSERT INTO area_stat_counts SELECT * FROM area_stat_counts_folded;
ALTER TABLE area_stat_counts ADD PRIMARY KEY
	(area_id, status, surveillance_type, operator_class, face_recognition, plate_reading, confidence);
DROP TABLE area_stat_counts_folded;

-- The append-only log keeps its entries about models: the old rule holds for new rows only.
ALTER TABLE audit_log DROP CONSTRAINT audit_log_target_type_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_target_type_check
	CHECK (target_type IN ('submission', 'camera', 'user', 'area')) NOT VALID;

DROP TABLE camera_models;
