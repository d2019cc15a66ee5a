-- Moderation, trust and history.
--
-- A moderator's decision on a submission is one transaction: the submission's status moves on
-- only if its version is the one the moderator saw (optimistic concurrency), the camera changes,
-- the change is recorded as a camera revision, and the decision is written to the audit log.
-- The audit log is append-only: a trigger refuses UPDATE, DELETE and TRUNCATE for every role,
-- including the table's owner (privileges alone would not stop a superuser or the owner).

-- migrate:up

ALTER TABLE submissions
	ADD CONSTRAINT submissions_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE SET NULL,
	-- The last decision: who (moderators only ever see this), when, why.
	ADD COLUMN decided_by bigint REFERENCES users (id) ON DELETE SET NULL,
	ADD COLUMN decided_at timestamptz,
	ADD COLUMN reject_reason text CHECK (reject_reason IN ('not_a_camera', 'duplicate', 'wrong_place', 'unclear_photo', 'private_property', 'abuse', 'other')),
	-- A note to the reporter with a rejection, shown on their status page.
	ADD COLUMN decision_note text CHECK (length(decision_note) <= 2000),
	-- "Needs more information": the moderator's question and the reporter's answer.
	ADD COLUMN info_request text CHECK (length(info_request) <= 2000),
	ADD COLUMN info_response text CHECK (length(info_response) <= 2000),
	ADD CONSTRAINT submissions_rejection_reason CHECK ((status = 'rejected') = (reject_reason IS NOT NULL)),
	ADD CONSTRAINT submissions_needs_info_question CHECK (status <> 'needs_info' OR info_request IS NOT NULL);

-- Bystander protection: a photo becomes public only once a moderator has looked at it and either
-- found no identifiable face or plate ('clear') or blurred the regions listed ('blurred').
ALTER TABLE photos
	ADD COLUMN review text NOT NULL DEFAULT 'unreviewed' CHECK (review IN ('unreviewed', 'clear', 'blurred')),
	-- Blurred rectangles as fractions of the image: [{"x":..,"y":..,"w":..,"h":..}].
	ADD COLUMN blur_regions jsonb CHECK (blur_regions IS NULL OR jsonb_typeof(blur_regions) = 'array'),
	ADD CONSTRAINT photos_public_reviewed CHECK (visibility = 'pending' OR review <> 'unreviewed');

-- Who has seen a camera: one row per distinct contributor, so one person confirming ten times
-- counts once. `contributor` is 'user:<id>' for a signed-in contributor and 'submission:<id>'
-- for an anonymous one (nothing more about an anonymous person is known, by design).
CREATE TABLE camera_confirmations (
	camera_id bigint NOT NULL REFERENCES cameras (id) ON DELETE CASCADE,
	contributor text NOT NULL CHECK (contributor ~ '^(user|submission):[0-9]+$'),
	-- The day only: public outputs never carry a time.
	seen_on date NOT NULL,
	PRIMARY KEY (camera_id, contributor)
);

-- Every change to a camera, with the whole record before and after (see
-- src/lib/server/moderation/revisions.ts for the snapshot's fields).
CREATE TABLE camera_revisions (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	camera_id bigint NOT NULL REFERENCES cameras (id) ON DELETE CASCADE,
	action text NOT NULL CHECK (action IN ('create', 'edit', 'confirm', 'merge', 'remove', 'revert')),
	-- The moderator; shown to moderators only.
	actor_id bigint REFERENCES users (id) ON DELETE SET NULL,
	submission_id bigint REFERENCES submissions (id) ON DELETE SET NULL,
	-- NULL before: the revision that created the camera.
	before jsonb CHECK (before IS NULL OR jsonb_typeof(before) = 'object'),
	after jsonb NOT NULL CHECK (jsonb_typeof(after) = 'object'),
	created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX camera_revisions_camera_idx ON camera_revisions (camera_id, id);

CREATE TABLE audit_log (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	at timestamptz NOT NULL DEFAULT clock_timestamp(),
	actor_id bigint REFERENCES users (id),
	action text NOT NULL CHECK (action ~ '^[a-z_]+\.[a-z_]+$'),
	target_type text NOT NULL CHECK (target_type IN ('submission', 'camera', 'user')),
	target_id text NOT NULL,
	details jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(details) = 'object')
);
CREATE INDEX audit_log_target_idx ON audit_log (target_type, target_id);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
	FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
	FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC;

-- migrate:down
DROP TABLE audit_log;
DROP FUNCTION audit_log_append_only();
DROP TABLE camera_revisions;
DROP TABLE camera_confirmations;
ALTER TABLE photos
	DROP CONSTRAINT photos_public_reviewed,
	DROP COLUMN blur_regions,
	DROP COLUMN review;
ALTER TABLE submissions
	DROP CONSTRAINT submissions_needs_info_question,
	DROP CONSTRAINT submissions_rejection_reason,
	DROP COLUMN info_response,
	DROP COLUMN info_request,
	DROP COLUMN decision_note,
	DROP COLUMN reject_reason,
	DROP COLUMN decided_at,
	DROP COLUMN decided_by,
	DROP CONSTRAINT submissions_user_id_fkey;
