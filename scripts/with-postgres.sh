#!/usr/bin/env bash
# Runs a command with TEST_DATABASE_URL set: the caller's PostgreSQL when it is already set, else a throwaway one
# (scripts/postgres-for-tests.sh) that is stopped and deleted when the command ends. Used by `npm run test:load`.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${TEST_DATABASE_URL:-}" ]; then
  # shellcheck source=scripts/postgres-for-tests.sh
  source scripts/postgres-for-tests.sh
fi
# Not exec: the EXIT trap of postgres-for-tests.sh must still run to stop the server.
"$@"
