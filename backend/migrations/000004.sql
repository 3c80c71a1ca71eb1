-- Experiment logs (issue #10): one growing table of runs per project, kept as append-only row versions so every
-- revision can be restored exactly; the domain profiles (column dictionaries) the logs are read with; saved views;
-- and where a job input made from a log came from (uploads.source, copied into result.json).

CREATE TABLE profiles (
  id          text NOT NULL,
  version     integer NOT NULL CHECK (version >= 1),
  definition  jsonb NOT NULL,
  created_by  text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id, version)
);

-- `profile` is a snapshot: a log keeps reading its rows the way it was created, whatever later profile versions say.
CREATE TABLE experiment_logs (
  log_id       uuid PRIMARY KEY,
  owner        text,
  name         text NOT NULL,
  description  text,
  profile      jsonb NOT NULL,
  key_columns  jsonb NOT NULL,
  revision     integer NOT NULL DEFAULT 0,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX experiment_logs_owner_idx ON experiment_logs (owner, created_at DESC);

-- A row's state at revision R is its latest version with revision <= R; a `deleted` version removes it.
-- Never updated, only appended.
CREATE TABLE log_row_versions (
  log_id          uuid NOT NULL REFERENCES experiment_logs (log_id) ON DELETE CASCADE,
  row_id          uuid NOT NULL,
  revision        integer NOT NULL,
  status          text NOT NULL CHECK (status IN ('planned', 'done')),
  "values"        jsonb NOT NULL,
  deleted         boolean NOT NULL DEFAULT false,
  planned_by_job  uuid,
  PRIMARY KEY (log_id, row_id, revision)
);

CREATE INDEX log_row_versions_revision_idx ON log_row_versions (log_id, revision);

CREATE TABLE log_revisions (
  log_id       uuid NOT NULL REFERENCES experiment_logs (log_id) ON DELETE CASCADE,
  revision     integer NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('import', 'restore', 'planned_from_job')),
  created_by   text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  summary      jsonb NOT NULL,
  file_name    text,
  file_sha256  text,
  restored_to  integer,
  job_id       uuid,
  note         text,
  PRIMARY KEY (log_id, revision)
);

CREATE TABLE log_views (
  view_id     uuid PRIMARY KEY,
  log_id      uuid NOT NULL REFERENCES experiment_logs (log_id) ON DELETE CASCADE,
  name        text NOT NULL,
  filter      jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (log_id, name)
);

ALTER TABLE uploads ADD COLUMN source jsonb;
