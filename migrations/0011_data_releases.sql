-- Dated snapshots of the open data (npm run release): the files live under DATA_DIR/releases/<name>/,
-- this table lists them with their sizes, checksums and what changed since the release before.

-- migrate:up

CREATE TABLE data_releases (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	-- YYYY-MM-DD, with -2, -3 … for a second release on the same day.
	name text NOT NULL UNIQUE CHECK (name ~ '^\d{4}-\d{2}-\d{2}(-[1-9]\d*)?$'),
	released_on date NOT NULL,
	cameras integer NOT NULL CHECK (cameras >= 0),
	-- The release compared with; NULL for the first one.
	previous text REFERENCES data_releases (name),
	added integer NOT NULL CHECK (added >= 0),
	removed integer NOT NULL CHECK (removed >= 0),
	changed integer NOT NULL CHECK (changed >= 0),
	-- The first ids of each kind of change (all of them are in the release's changes.json).
	added_ids bigint[] NOT NULL DEFAULT '{}',
	removed_ids bigint[] NOT NULL DEFAULT '{}',
	changed_ids bigint[] NOT NULL DEFAULT '{}',
	-- [{ "name", "bytes", "sha256", "contentType" }]
	files jsonb NOT NULL CHECK (jsonb_typeof(files) = 'array'),
	created_at timestamptz NOT NULL DEFAULT now()
);

-- migrate:down
DROP TABLE data_releases;
