-- Cameras already in OpenStreetMap come in as leads (npm run osm:import), never as verified
-- cameras: a moderator confirms a lead (it becomes a camera with source 'osm' and source_ref
-- 'node/<id>' or 'way/<id>'), rejects it, or merges it with a camera already known. A lead is
-- identified by its OSM type and id, so importing again updates it and never duplicates it.

-- migrate:up
CREATE TABLE camera_leads (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	osm_type text NOT NULL CHECK (osm_type IN ('node', 'way')),
	osm_id bigint NOT NULL CHECK (osm_id > 0),
	osm_version integer,
	-- A node's position, or a way's centroid.
	geom geometry(Point, 4326) NOT NULL,
	-- Every tag as read, and the attributes mapped from them (src/lib/server/osm/tags.ts).
	tags jsonb NOT NULL CHECK (jsonb_typeof(tags) = 'object'),
	attributes jsonb NOT NULL CHECK (jsonb_typeof(attributes) = 'object'),
	status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'confirmed', 'rejected', 'merged')),
	-- The camera it became (confirmed) or was merged with.
	camera_id bigint REFERENCES cameras (id) ON DELETE SET NULL,
	reason text CHECK (length(reason) <= 500),
	decided_by bigint REFERENCES users (id) ON DELETE SET NULL,
	decided_at timestamptz,
	imported_at timestamptz NOT NULL DEFAULT now(),
	updated_at timestamptz NOT NULL DEFAULT now(),
	UNIQUE (osm_type, osm_id)
);
CREATE INDEX camera_leads_open_idx ON camera_leads (id) WHERE status = 'open';
CREATE INDEX camera_leads_geom_idx ON camera_leads USING gist (geom);

ALTER TABLE audit_log DROP CONSTRAINT audit_log_target_type_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_target_type_check
	CHECK (target_type IN ('submission', 'camera', 'user', 'camera_model', 'area', 'lead'));

-- migrate:down
ALTER TABLE audit_log DROP CONSTRAINT audit_log_target_type_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_target_type_check
	CHECK (target_type IN ('submission', 'camera', 'user', 'camera_model', 'area')) NOT VALID;
DROP TABLE camera_leads;
