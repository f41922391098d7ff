#!/usr/bin/env bash
# Issue 24: the app as its own least-privileged database role. Makes a login role for this run,
# lets the e2e server migrate as the owner with APP_DATABASE_ROLE (which grants it the app's
# privileges) and run the app connected as that role, runs the critical-path spec against the build
# `npm test` made, then drops the role. The role must have done the work: it is the one that wrote
# the run's sign-in and audit rows. A minute or two.
#   TEST_DATABASE_URL (the server)  E2E_PORT (3100)
set -euo pipefail
cd "$(dirname "$0")/.."

server="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
role="attune_app_ci_$$"
psql "$server" -qc "create role ${role} login"
# The run's database is dropped by the e2e server when it stops; then nothing holds the role.
trap 'psql "$server" -qc "drop role if exists ${role}" || true' EXIT

echo "== the critical path as the database role ${role} (APP_DATABASE_ROLE)"
E2E_APP_DATABASE_ROLE="$role" npx playwright test e2e/critical-path.spec.ts --workers=1 --output=test-results/app-role
