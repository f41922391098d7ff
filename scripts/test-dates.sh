#!/usr/bin/env bash
# The date-sensitive tests on the calendar's hard days. A test that passes only on some days is a
# time bomb for every later landing; this runs those tests as if today were each of these days.
#
# Integration tests run under libfaketime (Debian's `faketime`) on the embedded database: Node,
# the app's clock and PGlite's now() all move together, so no code needs a hook for it. The e2e
# specs run against a server whose clock (lib/core/clock.ts) is moved by ATTUNE_TEST_NOW; they seed
# their rows relative to that clock. Needs a production build (`next build`) for the e2e part.
#
#   bash scripts/test-dates.sh            # every hard day, unit + e2e
#   bash scripts/test-dates.sh unit       # integration tests only
set -euo pipefail
cd "$(dirname "$0")/.."
part="${1:-all}"

if ! command -v faketime >/dev/null; then
  echo "scripts/test-dates.sh needs Debian's faketime (apt-get install faketime)." >&2
  exit 1
fi

# Instants in UTC; the practices in these tests live in Europe/London, America/Los_Angeles and
# Pacific/Auckland, so each instant is a hard day somewhere, and some are a different day in UTC.
days=(
  "2027-02-28T11:30:00Z"   # the 1st of a month in Auckland (1 March 00:30), the last in UTC, London, Los Angeles
  "2028-02-29T12:00:00Z"   # 29 February (Auckland already 1 March 01:00)
  "2027-03-28T01:30:00Z"   # London: the clocks have just gone forward
  "2027-04-03T14:30:00Z"   # Auckland: the night daylight saving ends
)

unit_tests=(
  lib/overview/overview.int.test.ts
  lib/overview/aggregates.int.test.ts
  lib/plans/plans.int.test.ts
  lib/plans/schedule.test.ts
  lib/scores/session-summary.test.ts
  lib/clients/caseload.int.test.ts
  lib/scores/scores.int.test.ts
)
# The plans spec passes on these days too (checked when this was written); the schedule's calendar
# is held by the integration tests above, so CI's time goes to the overview.
e2e_specs=(e2e/overview.spec.ts)

for day in "${days[@]}"; do
  if [ "$part" = all ] || [ "$part" = unit ]; then
    echo "== integration tests as of ${day}"
    # The machine's own zone must not matter either: run the first day in Auckland's.
    zone=UTC; [ "$day" = "${days[0]}" ] && zone=Pacific/Auckland
    # A relative offset in seconds: the clock runs on from that instant, whatever the zone.
    offset=$(( $(date -d "$day" +%s) - $(date +%s) ))
    TZ="$zone" FAKETIME_DONT_FAKE_MONOTONIC=1 faketime -f "$( [ "$offset" -ge 0 ] && echo "+" )${offset}" \
      env -u TEST_DATABASE_URL npx vitest run --project pglite "${unit_tests[@]}"
  fi
  # The overview spec's practice is in Auckland: London's change tells it nothing new.
  if { [ "$part" = all ] || [ "$part" = e2e ]; } && [ "$day" != "2027-03-28T01:30:00Z" ]; then
    echo "== e2e as of ${day}"
    ATTUNE_TEST_NOW="$day" npx playwright test "${e2e_specs[@]}"
  fi
done
