#!/usr/bin/env bash
# Everything CI checks, in the order that fails fastest: system packages, types, lint, build, then all tests
# (unit, integration on PGlite and a real PostgreSQL, crash recovery, end-to-end in Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh
source scripts/postgres-for-tests.sh
npm run typecheck
npm run lint
npm run build
npx vitest run
