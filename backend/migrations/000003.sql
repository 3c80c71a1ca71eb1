-- Team servers: API tokens (only their SHA-256 is kept; the token itself is shown once, by `zerosec token create`)
-- and the owner of every upload and job, so one user never sees another's. Rows made without authentication
-- (embedded and local web mode) have no owner.

CREATE TABLE api_tokens (
  id            text PRIMARY KEY,
  user_name     text NOT NULL CHECK (length(user_name) BETWEEN 1 AND 200),
  token_sha256  text NOT NULL UNIQUE,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_used_at  timestamptz,
  revoked_at    timestamptz
);

ALTER TABLE uploads ADD COLUMN owner text;
ALTER TABLE jobs ADD COLUMN owner text;

CREATE INDEX jobs_owner_listing_idx ON jobs (owner, created_at DESC, job_id);
