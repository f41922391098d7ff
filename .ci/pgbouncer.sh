#!/usr/bin/env bash
# Issue 27: the app (its requests, migrations and job engine) through PgBouncer in transaction
# mode. Starts Debian's pgbouncer on loopback in front of the test server, runs the critical-path
# spec against the build `npm test` made, and stops it again. A minute or two.
#   PGBOUNCER_PORT (6440)  E2E_PORT (3100)  TEST_DATABASE_URL (the server behind it)
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v pgbouncer >/dev/null; then
  echo "== installing Debian's pgbouncer"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq pgbouncer >/dev/null || { apt-get update -qq && apt-get install -y -qq pgbouncer >/dev/null; }
fi
# Debian's package starts its own service on 6432; ours is private and on another port.
port="${PGBOUNCER_PORT:-6440}"
server="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
server_host=$(node -e 'const u = new URL(process.argv[1]); console.log(u.hostname)' "$server")
server_port=$(node -e 'const u = new URL(process.argv[1]); console.log(u.port || 5432)' "$server")

dir=$(mktemp -d /tmp/attune-pgbouncer.XXXXXX)
cat >"$dir/pgbouncer.ini" <<INI
[databases]
* = host=${server_host} port=${server_port}
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${port}
unix_socket_dir =
auth_type = trust
auth_file = ${dir}/users.txt
pool_mode = transaction
max_client_conn = 200
default_pool_size = 20
admin_users = postgres
logfile = ${dir}/pgbouncer.log
pidfile = ${dir}/pgbouncer.pid
INI
echo '"postgres" ""' >"$dir/users.txt"

as_user=()
if [ "$(id -u)" = 0 ]; then chown -R postgres "$dir"; as_user=(-u postgres); fi
stop() {
  if [ -f "$dir/pgbouncer.pid" ]; then kill "$(cat "$dir/pgbouncer.pid")" 2>/dev/null || true; sleep 1; fi
  rm -rf "$dir"
}
trap stop EXIT
pgbouncer -d "${as_user[@]}" "$dir/pgbouncer.ini"
for _ in $(seq 1 20); do pg_isready -h 127.0.0.1 -p "$port" -q && break; sleep 0.5; done

echo "== the critical path through PgBouncer (transaction mode) on 127.0.0.1:${port}"
status=0
E2E_DATABASE_VIA="127.0.0.1:${port}" npx playwright test e2e/critical-path.spec.ts --workers=1 --output=test-results/pgbouncer || status=$?
# The app's server connections went through the pooler: it must have carried transactions.
stats=$(psql -h 127.0.0.1 -p "$port" -U postgres -d pgbouncer -Atc "show stats")
carried=$(printf '%s\n' "$stats" | awk -F'|' '$1 ~ /^attune_e2e_/ && $2 > 0 { print $1 " carried " $2 " transactions" }')
if [ -z "$carried" ]; then echo "pgbouncer carried no transaction of the run's database"; status=1; else echo "$carried"; fi
if [ "$status" != 0 ]; then tail -30 "$dir/pgbouncer.log"; fi
exit "$status"
