-- A camera's place is kept, and so published, to 5 decimal places of a degree (about 1 m; 1.1 m
-- of latitude, 0.8 m of longitude in Serbia): enough to find a camera on a pole or a wall, and
-- no finer than a moderator can confirm on the map. Rounding where the place is stored means
-- every output that reads it (the API, GeoJSON, CSV, the OpenStreetMap export, feeds, tiles, the
-- camera page, the snapshot) publishes the same rounded value, whatever wrote the row (a
-- moderator's approval, an import, a revert). Reports keep the place as sent, for moderators
-- only; a place read from a photo's GPS is never published as such (src/lib/server/moderation/
-- decide.ts: the moderator confirms the place).

-- migrate:up
CREATE FUNCTION cameras_round_place() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	NEW.geom := ST_SetSRID(
		ST_MakePoint(round(ST_X(NEW.geom)::numeric, 5)::float8, round(ST_Y(NEW.geom)::numeric, 5)::float8),
		4326
	);
	RETURN NEW;
END
$$;
CREATE TRIGGER cameras_round_place BEFORE INSERT OR UPDATE OF geom ON cameras
	FOR EACH ROW EXECUTE FUNCTION cameras_round_place();

-- Places stored before: rounded now (the trigger does it).
UPDATE cameras SET geom = geom
WHERE ST_X(geom) <> round(ST_X(geom)::numeric, 5)::float8 OR ST_Y(geom) <> round(ST_Y(geom)::numeric, 5)::float8;

-- migrate:down
DROP TRIGGER cameras_round_place ON cameras;
DROP FUNCTION cameras_round_place();
