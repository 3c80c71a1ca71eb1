-- Jobs, their uploads and artifacts. The jobs table is also the embedded/shared-server queue:
-- workers claim rows with FOR UPDATE SKIP LOCKED and hold them with an expiring lease.

CREATE TABLE uploads (
  job_id        uuid PRIMARY KEY,
  object_key    text NOT NULL UNIQUE,
  filename      text NOT NULL,
  content_type  text NOT NULL,
  size_bytes    bigint NOT NULL CHECK (size_bytes > 0),
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL
);

CREATE TABLE jobs (
  job_id              uuid PRIMARY KEY REFERENCES uploads (job_id),
  job_type            text NOT NULL,
  status              text NOT NULL CHECK (status IN
                        ('queued', 'running', 'uploading_outputs', 'completed', 'failed', 'cancelled')),
  parameters          jsonb NOT NULL,
  request_sha256      text NOT NULL,
  input_key           text NOT NULL,
  input_sha256        text,
  progress            double precision NOT NULL DEFAULT 0,
  stage               text,
  message             text,
  error_code          text,
  error_message       text,
  error_details       jsonb,
  attempts            integer NOT NULL DEFAULT 0,
  max_attempts        integer NOT NULL,
  run_after           timestamptz NOT NULL DEFAULT now(),
  lease_owner         text,
  lease_expires_at    timestamptz,
  cancel_requested_at timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  started_at          timestamptz,
  finished_at         timestamptz
);

CREATE INDEX jobs_due_idx ON jobs (created_at) WHERE status = 'queued';
CREATE INDEX jobs_leased_idx ON jobs (lease_expires_at) WHERE status IN ('running', 'uploading_outputs');
CREATE INDEX jobs_listing_idx ON jobs (created_at DESC, job_id);

CREATE TABLE artifacts (
  job_id        uuid NOT NULL REFERENCES jobs (job_id) ON DELETE CASCADE,
  file_key      text NOT NULL,
  file_name     text NOT NULL,
  file_type     text NOT NULL,
  content_type  text NOT NULL,
  size_bytes    bigint NOT NULL,
  sha256        text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (job_id, file_key)
);
