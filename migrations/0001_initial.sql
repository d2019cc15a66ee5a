-- Schema v1: administrative areas and verified cameras.
-- Allowed attribute values follow OpenStreetMap's man_made=surveillance tagging
-- (iD tagging presets, see src/lib/camera-tags.ts which mirrors these lists).

-- migrate:up
CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE areas (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	level text NOT NULL CHECK (level IN ('country', 'region', 'city', 'municipality', 'district', 'neighbourhood', 'custom')),
	name_sr_latn text NOT NULL CHECK (length(name_sr_latn) BETWEEN 1 AND 200),
	name_sr_cyrl text NOT NULL CHECK (length(name_sr_cyrl) BETWEEN 1 AND 200),
	name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 200),
	population integer CHECK (population >= 0),
	population_source text,
	source text,
	geom geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom)),
	area_km2 double precision NOT NULL,
	created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX areas_geom_idx ON areas USING gist (geom);

CREATE TABLE cameras (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	geom geometry(Point, 4326) NOT NULL,
	-- Web Mercator copy for tiles, kept in step by the database itself.
	geom_3857 geometry(Point, 3857) GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED,
	surveillance text NOT NULL DEFAULT 'public' CHECK (surveillance IN ('public', 'outdoor', 'indoor')),
	surveillance_type text NOT NULL DEFAULT 'camera' CHECK (surveillance_type IN ('camera', 'ALPR', 'guard', 'gunshot_detector')),
	camera_type text CHECK (camera_type IN ('fixed', 'panning', 'dome')),
	camera_mount text CHECK (camera_mount IN ('wall', 'pole', 'ceiling', 'street_lamp', 'traffic_signals', 'gantry', 'bridge', 'roof', 'building')),
	camera_direction smallint[] NOT NULL DEFAULT '{}' CHECK (0 <= ALL (camera_direction) AND 360 > ALL (camera_direction) AND cardinality(camera_direction) <= 8),
	surveillance_zone text CHECK (surveillance_zone IN ('traffic', 'street', 'town', 'parking', 'building', 'shop', 'bank', 'public_transport', 'area')),
	height real CHECK (height > 0 AND height <= 300),
	operator text CHECK (length(operator) <= 200),
	operator_class text NOT NULL DEFAULT 'unknown' CHECK (operator_class IN ('police', 'government', 'transport', 'private', 'unknown')),
	manufacturer text CHECK (length(manufacturer) <= 200),
	model text CHECK (length(model) <= 200),
	-- Suspected capabilities, with the evidence for them in words.
	capabilities text[] NOT NULL DEFAULT '{}' CHECK (capabilities <@ ARRAY['face_recognition', 'plate_reading']::text[]),
	capability_evidence text CHECK (length(capability_evidence) <= 2000),
	status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'removed')),
	removed_on date,
	confidence text NOT NULL DEFAULT 'verified' CHECK (confidence IN ('reported', 'verified', 'confirmed')),
	confirmations integer NOT NULL DEFAULT 0 CHECK (confirmations >= 0),
	first_seen date,
	last_seen date,
	-- Where the record came from: a citizen report, an OSM import, an official list, demo data.
	source text NOT NULL DEFAULT 'citizen' CHECK (source IN ('citizen', 'osm', 'official', 'demo')),
	source_ref text,
	version integer NOT NULL DEFAULT 1,
	created_at timestamptz NOT NULL DEFAULT now(),
	updated_at timestamptz NOT NULL DEFAULT now(),
	CHECK ((status = 'removed') = (removed_on IS NOT NULL))
);
CREATE INDEX cameras_geom_idx ON cameras USING gist (geom);
CREATE INDEX cameras_geom_3857_idx ON cameras USING gist (geom_3857);
CREATE UNIQUE INDEX cameras_source_ref_idx ON cameras (source, source_ref) WHERE source_ref IS NOT NULL;

-- migrate:down
DROP TABLE cameras;
DROP TABLE areas;
