-- The number of cameras an authority says it operates in an area ("officially admitted"), with
-- where and when it said so: shown beside the number citizens mapped. One current claim per
-- area; every change is in the audit log (target type `area`, action `area.claim`).

-- migrate:up
CREATE TABLE area_claims (
	area_id bigint PRIMARY KEY REFERENCES areas (id) ON DELETE CASCADE,
	cameras integer NOT NULL CHECK (cameras >= 0),
	source text NOT NULL CHECK (length(source) BETWEEN 1 AND 300),
	stated_on date NOT NULL,
	url text CHECK (url ~ '^https?://' AND length(url) <= 2000),
	updated_at timestamptz NOT NULL DEFAULT now()
);

-- migrate:down
DROP TABLE area_claims;
