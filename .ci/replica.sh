#!/usr/bin/env bash
# Issue 27: dashboards from a streaming read replica. Makes a private primary (initdb) and a replica
# of it (pg_basebackup, streaming) on loopback, runs the critical-path spec with the app's
# DATABASE_REPLICA_URL set: the replica must serve the dashboards' reads (its statistics move), and
# once the spec stops it, the primary must serve them (said in the app's log). A minute or two.
#   REPLICA_PORTS ("5440 5441")  E2E_PORT (3100)
set -euo pipefail
cd "$(dirname "$0")/.."

bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
read -r primary_port replica_port <<<"${REPLICA_PORTS:-5440 5441}"
dir=$(mktemp -d /tmp/attune-replica.XXXXXX)
run=()
if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; run=(runuser -u postgres --); fi
pg() { "${run[@]}" "$bin/$1" "${@:2}"; }
options() { echo "-p $1 -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir -c max_connections=60 -c fsync=off"; }

stop() {
  for data in "$dir/replica" "$dir/primary"; do
    [ -f "$data/postmaster.pid" ] && pg pg_ctl -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
  done
  rm -rf "$dir"
}
trap stop EXIT

pg initdb -D "$dir/primary" -U postgres -A trust -E UTF8 --locale=C --no-sync >/dev/null
echo "host replication all 127.0.0.1/32 trust" >>"$dir/primary/pg_hba.conf"
pg pg_ctl -D "$dir/primary" -l "$dir/primary.log" -o "$(options "$primary_port")" -w start >/dev/null
pg pg_basebackup -h 127.0.0.1 -p "$primary_port" -U postgres -D "$dir/replica" -R -X stream
pg pg_ctl -D "$dir/replica" -l "$dir/replica.log" -o "$(options "$replica_port") -c hot_standby=on" -w start >/dev/null
psql -h 127.0.0.1 -p "$replica_port" -U postgres -d postgres -Atc "select 'replica in recovery: ' || pg_is_in_recovery()"

echo "== the critical path with a streaming read replica (primary :${primary_port}, replica :${replica_port})"
log="$dir/playwright.log"
status=0
TEST_DATABASE_URL="postgres://postgres@127.0.0.1:${primary_port}/postgres" \
  E2E_DATABASE_REPLICA_URL="postgres://postgres@127.0.0.1:${replica_port}/postgres" \
  E2E_REPLICA_PASS=1 \
  E2E_REPLICA_STOP="${run[*]} $bin/pg_ctl -D $dir/replica -m fast -w stop" \
  npx playwright test e2e/critical-path.spec.ts --workers=1 --output=test-results/replica 2>&1 | tee "$log" || status=$?
if ! grep -q "read replica in use for dashboards" "$log"; then echo "the app never used the replica"; status=1; fi
if ! grep -q "read replica unavailable: dashboards read from the primary" "$log"; then echo "the app did not say it fell back to the primary"; status=1; fi
if [ "$status" != 0 ]; then tail -20 "$dir/replica.log"; fi
exit "$status"
