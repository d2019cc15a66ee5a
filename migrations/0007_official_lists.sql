-- Official (or leaked) lists of camera locations, to compare with what citizens have mapped.
-- A list is imported whole; each point keeps a reference stable across re-imports (a row
-- number or an id from the source), so importing the same list again changes nothing.

-- migrate:up

CREATE TABLE official_lists (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	-- Who published it and where it can be found.
	source text NOT NULL CHECK (length(source) BETWEEN 1 AND 500),
	-- The date the list speaks for (published, or "as of").
	published_on date,
	-- Cameras this close (metres) to a listed point count as the same camera.
	match_radius_m real NOT NULL DEFAULT 30 CHECK (match_radius_m > 0 AND match_radius_m <= 500),
	created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE official_cameras (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	list_id bigint NOT NULL REFERENCES official_lists (id) ON DELETE CASCADE,
	ref text NOT NULL CHECK (length(ref) BETWEEN 1 AND 200),
	location text CHECK (length(location) <= 500),
	geom geometry(Point, 4326) NOT NULL,
	properties jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(properties) = 'object'),
	UNIQUE (list_id, ref)
);
CREATE INDEX official_cameras_geom_idx ON official_cameras USING gist (geom);

-- migrate:down
DROP TABLE official_cameras;
DROP TABLE official_lists;
