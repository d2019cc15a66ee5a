-- A report's place is stored once: in `geom`, with `location_source` saying whether the reporter
-- gave it or a photo's GPS tags did. The payload JSON no longer repeats the reporter's
-- coordinates, so the moderation has one place to read and no copy to choose between.

-- migrate:up
UPDATE submissions
SET
	geom = COALESCE(
		geom,
		ST_SetSRID(ST_MakePoint((payload ->> 'lng')::float8, (payload ->> 'lat')::float8), 4326)
	),
	location_source = COALESCE(location_source, 'reporter'),
	payload = payload - 'lat' - 'lng'
WHERE payload ? 'lat' AND payload ? 'lng';

-- migrate:down
UPDATE submissions
SET payload = payload || jsonb_build_object('lat', ST_Y(geom), 'lng', ST_X(geom))
WHERE location_source = 'reporter';
