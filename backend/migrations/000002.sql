-- The transactional outbox of the SQS queue: the API inserts a row in the same transaction as the job, and a relay
-- publishes unpublished rows to SQS and stamps them, so a job is never recorded without its message or the reverse.
-- The table queue (embedded, team server) leaves it empty.

CREATE TABLE job_outbox (
  id            bigserial PRIMARY KEY,
  job_id        uuid NOT NULL REFERENCES jobs (job_id) ON DELETE CASCADE,
  created_at    timestamptz NOT NULL DEFAULT now(),
  published_at  timestamptz
);

CREATE INDEX job_outbox_unpublished_idx ON job_outbox (id) WHERE published_at IS NULL;
