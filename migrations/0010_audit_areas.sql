-- The audit log also records imports of area boundaries (the admin's area import page): target
-- type `area`, target id the imported areas' slugs. (0009 and this one both list every type, so
-- either order of applying them gives the same rule.)

-- migrate:up
ALTER TABLE audit_log DROP CONSTRAINT audit_log_target_type_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_target_type_check
	CHECK (target_type IN ('submission', 'camera', 'user', 'camera_model', 'area'));

-- migrate:down
-- Entries about areas stay (the log is append-only); the old rule holds for new rows only.
ALTER TABLE audit_log DROP CONSTRAINT audit_log_target_type_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_target_type_check
	CHECK (target_type IN ('submission', 'camera', 'user', 'camera_model')) NOT VALID;
