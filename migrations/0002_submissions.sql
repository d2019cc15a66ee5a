-- Schema v2: reports from the public (submissions), their photos, and abuse limits.
--
-- Everything a contributor sends lands here as a pending submission; nothing becomes a public
-- camera without moderation. No raw IP address is stored anywhere: rate limits are keyed by an
-- HMAC of the address under a key that is replaced every day and deleted afterwards.
-- (user_id gets its foreign key to users, created in 0004, with moderation.)

-- migrate:up

-- Server-side secrets generated on first use (e.g. the key status tokens are derived with).
-- Kept in the database so several app servers share them.
CREATE TABLE app_secrets (
	name text PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 100),
	value bytea NOT NULL CHECK (length(value) >= 32),
	created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE submissions (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	-- The id shown to the reporter and API clients; the sequential id stays internal.
	public_id uuid NOT NULL DEFAULT gen_random_uuid(),
	-- SHA-256 of the secret status token (the token itself is never stored; see
	-- src/lib/server/repositories/submissions.ts for how it is derived).
	status_token_hash bytea NOT NULL CHECK (length(status_token_hash) = 32),
	kind text NOT NULL CHECK (kind IN ('new_camera', 'confirmation', 'edit', 'removal')),
	-- The camera a confirmation, edit or removal is about (moderation may later set it for a
	-- new camera too: the camera it created or was merged into).
	camera_id bigint REFERENCES cameras (id),
	-- The validated report (src/lib/schemas/submission.ts), as sent.
	payload jsonb NOT NULL CHECK (jsonb_typeof(payload) = 'object'),
	geom geometry(Point, 4326),
	-- Where the place came from: typed/picked by the reporter, or read from a photo's GPS tags.
	location_source text CHECK (location_source IN ('reporter', 'photo')),
	status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'needs_info', 'merged')),
	-- SHA-256 of the client's idempotency key, and of the canonical request (payload + photos):
	-- the same key with another request is refused instead of silently answered.
	idempotency_key_hash bytea NOT NULL CHECK (length(idempotency_key_hash) = 32),
	request_hash bytea NOT NULL CHECK (length(request_hash) = 32),
	-- Language for messages back to the reporter.
	locale text NOT NULL CHECK (locale IN ('sr-Latn', 'sr-Cyrl', 'en')),
	-- A signed-in contributor (accounts come later; no foreign key until the users table exists).
	user_id bigint,
	-- Optimistic concurrency for moderation: UPDATE ... WHERE id = $1 AND version = $2.
	version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
	-- Internal only: never shown publicly at a finer grain than a day.
	created_at timestamptz NOT NULL DEFAULT now(),
	updated_at timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT submissions_idempotency_key_hash_key UNIQUE (idempotency_key_hash),
	CONSTRAINT submissions_status_token_hash_key UNIQUE (status_token_hash),
	CONSTRAINT submissions_public_id_key UNIQUE (public_id),
	CONSTRAINT submissions_camera_required CHECK (kind = 'new_camera' OR camera_id IS NOT NULL),
	CONSTRAINT submissions_new_camera_place CHECK (kind <> 'new_camera' OR geom IS NOT NULL),
	CONSTRAINT submissions_location_source CHECK ((geom IS NULL) = (location_source IS NULL))
);
CREATE INDEX submissions_queue_idx ON submissions (status, created_at);
CREATE INDEX submissions_camera_idx ON submissions (camera_id) WHERE camera_id IS NOT NULL;
CREATE INDEX submissions_user_idx ON submissions (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX submissions_geom_idx ON submissions USING gist (geom);

-- One row per photo; each derivative is stored once under its content hash, so the same key
-- can be referenced by several rows (the file is deleted only when no row references it).
CREATE TABLE photos (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	submission_id bigint NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
	position smallint NOT NULL CHECK (position BETWEEN 0 AND 9),
	display_key text NOT NULL CHECK (display_key ~ '^[a-z0-9][a-z0-9._/-]{0,199}$'),
	display_type text NOT NULL CHECK (display_type IN ('image/jpeg', 'image/webp', 'image/png', 'image/avif')),
	display_width integer NOT NULL CHECK (display_width > 0),
	display_height integer NOT NULL CHECK (display_height > 0),
	thumb_key text NOT NULL CHECK (thumb_key ~ '^[a-z0-9][a-z0-9._/-]{0,199}$'),
	thumb_type text NOT NULL CHECK (thumb_type IN ('image/jpeg', 'image/webp', 'image/png', 'image/avif')),
	thumb_width integer NOT NULL CHECK (thumb_width > 0),
	thumb_height integer NOT NULL CHECK (thumb_height > 0),
	-- Pending photos are seen only by the reporter (status token) and moderators.
	visibility text NOT NULL DEFAULT 'pending' CHECK (visibility IN ('pending', 'public')),
	created_at timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT photos_submission_position_key UNIQUE (submission_id, position)
);
CREATE INDEX photos_display_key_idx ON photos (display_key);
CREATE INDEX photos_thumb_key_idx ON photos (thumb_key);

-- Photo files written to storage by a request that has not committed yet. A failed request
-- deletes the files nothing else references; files of a request that crashed are swept later.
CREATE TABLE photo_uploads (
	request_id uuid NOT NULL,
	key text NOT NULL,
	created_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (request_id, key)
);
CREATE INDEX photo_uploads_key_idx ON photo_uploads (key);
CREATE INDEX photo_uploads_created_idx ON photo_uploads (created_at);

-- Fixed-window counters per client: key_hash is the client key (src/lib/server/client-key.ts),
-- an HMAC of the address under a key replaced every UTC day. Rows of earlier days are deleted.
CREATE TABLE rate_limits (
	bucket text NOT NULL CHECK (length(bucket) BETWEEN 1 AND 50),
	key_hash bytea NOT NULL CHECK (length(key_hash) = 32),
	window_start timestamptz NOT NULL,
	count integer NOT NULL CHECK (count >= 0),
	PRIMARY KEY (bucket, key_hash, window_start)
);
CREATE INDEX rate_limits_window_idx ON rate_limits (window_start);

-- migrate:down
DROP TABLE rate_limits;
DROP TABLE photo_uploads;
DROP TABLE photos;
DROP TABLE submissions;
DROP TABLE app_secrets;
