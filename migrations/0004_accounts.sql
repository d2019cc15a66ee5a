-- Accounts, sessions and login throttling (src/lib/server/auth/).
-- A session token is "<id>.<secret>"; only the id and SHA-256(secret) are stored, so nothing in
-- this schema can be replayed as a cookie. No IP address is stored: throttling counters are keyed
-- by a hash of an HMAC of the client address under a key that is replaced every UTC day.

-- migrate:up

CREATE TABLE users (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	-- A pseudonym: letters, digits, '.', '_' and '-'; unique regardless of case (see the index).
	username text NOT NULL CHECK (username ~ '^[A-Za-z0-9._-]{3,32}$'),
	-- Optional and unverified; not unique, so nobody can claim someone else's address first.
	email text CHECK (email IS NULL OR (length(email) BETWEEN 3 AND 254 AND email ~ '^[^@\s]+@[^@\s]+$')),
	-- argon2id in PHC string format (src/lib/server/auth/password.ts).
	password_hash text NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
	role text NOT NULL DEFAULT 'contributor' CHECK (role IN ('contributor', 'moderator', 'admin')),
	created_at timestamptz NOT NULL DEFAULT now(),
	password_changed_at timestamptz NOT NULL DEFAULT now(),
	role_changed_at timestamptz
);
CREATE UNIQUE INDEX users_username_key ON users (lower(username));

CREATE TABLE sessions (
	-- Public half of the token (base32, 160 bits); the secret half is known only to the browser.
	id text PRIMARY KEY CHECK (id ~ '^[a-z2-7]{32}$'),
	secret_hash bytea NOT NULL CHECK (length(secret_hash) = 32),
	user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	created_at timestamptz NOT NULL,
	-- Inactivity expiry: last_verified_at + the inactivity timeout; refreshed at most once a day.
	last_verified_at timestamptz NOT NULL,
	-- Absolute expiry, however active the session is.
	expires_at timestamptz NOT NULL,
	CHECK (expires_at > created_at AND last_verified_at >= created_at)
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

-- The key of the day for client keys (src/lib/server/client-key.ts); older keys are deleted, so a
-- hash from an earlier day can no longer be linked to an address.
CREATE TABLE client_keys (
	day date PRIMARY KEY,
	key bytea NOT NULL CHECK (length(key) = 32)
);

-- Failed attempts per throttling key (src/lib/server/auth/throttle.ts). key_hash is SHA-256 of the
-- bucket name, the client key and, for per-account buckets, the lower-cased username.
CREATE TABLE login_throttle (
	bucket text NOT NULL CHECK (bucket IN ('login_pair', 'login_client', 'signup_client')),
	key_hash bytea NOT NULL CHECK (length(key_hash) = 32),
	failures integer NOT NULL CHECK (failures >= 0),
	last_failure_at timestamptz NOT NULL,
	blocked_until timestamptz,
	PRIMARY KEY (bucket, key_hash)
);
CREATE INDEX login_throttle_last_failure_idx ON login_throttle (last_failure_at);

-- migrate:down
DROP TABLE login_throttle;
DROP TABLE client_keys;
DROP TABLE sessions;
DROP TABLE users;
