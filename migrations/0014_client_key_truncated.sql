-- Client keys kept short, and kept with reports and confirmations (src/lib/server/client-key.ts).
--
-- A client key is now the first 20 bits of HMAC(day key, address), stored as 3 bytes with the last
-- 4 bits zero: each value stands for about 4,096 IPv4 addresses (and a vast number of IPv6
-- networks), so even a copy of the database taken together with that day's key cannot link a row
-- to an address, while rate limits, which need only tell apart the clients active on one day,
-- still work across app servers. Counters made with the old 32-byte keys are dropped (they last a
-- day at most).
--
-- Reports and confirmations carry the sender's client key of the day they were sent, so a
-- moderator can be told when they decide a report sent from their own client that day, and so
-- that confirmations from one client on one day count once.

-- migrate:up
DELETE FROM rate_limits;
ALTER TABLE rate_limits DROP CONSTRAINT rate_limits_key_hash_check;
ALTER TABLE rate_limits ADD CONSTRAINT rate_limits_key_hash_check CHECK (length(key_hash) = 3);
DELETE FROM login_throttle;

ALTER TABLE submissions ADD COLUMN client_key bytea CHECK (client_key IS NULL OR length(client_key) = 3);
ALTER TABLE camera_confirmations ADD COLUMN client_key bytea CHECK (client_key IS NULL OR length(client_key) = 3);
CREATE INDEX camera_confirmations_client_idx ON camera_confirmations (camera_id, seen_on, client_key);

-- migrate:down
DROP INDEX camera_confirmations_client_idx;
ALTER TABLE camera_confirmations DROP COLUMN client_key;
ALTER TABLE submissions DROP COLUMN client_key;
DELETE FROM rate_limits;
ALTER TABLE rate_limits DROP CONSTRAINT rate_limits_key_hash_check;
ALTER TABLE rate_limits ADD CONSTRAINT rate_limits_key_hash_check CHECK (length(key_hash) = 32);
