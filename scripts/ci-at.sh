#!/usr/bin/env bash
# Runs the CI (.ci/run) as if it were HH:MM UTC now, to cover China's midnight (16:00 UTC) and the 16:00–24:00 UTC
# window — where a UTC date differs from China's date — at any hour (issue 21).
#   bash scripts/ci-at.sh 15:50     # starts ten minutes before China's midnight
# Only the processes started under the script are shifted, with Debian's faketime (libfaketime, relative offset, the
# monotonic clock untouched): Node (API, jest, build) and nginx. PostgreSQL keeps the real clock (started here first
# if needed), and the browser too (e2e/playwright.config.ts drops LD_PRELOAD for it): the API's business clock must
# not depend on the database's now(), and the SPA takes its dates from the API's X-Business-Time header.
set -euo pipefail
cd "$(dirname "$0")/.."
at=${1:?usage: ci-at.sh HH:MM (UTC)}
command -v faketime >/dev/null || { apt-get install -y -qq faketime >/dev/null 2>&1 || { echo "faketime is not installed"; exit 2; }; }
if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
  ver=$(ls /etc/postgresql | sort -n | tail -1)
  pg_ctlcluster --skip-systemctl-redirect "$ver" main start || true
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi
now=$(date -u +%s)
target=$(date -u -d "$(date -u +%F) $at" +%s)
# The next occurrence of HH:MM (never in the past: a backwards clock would make every certificate look not yet valid).
[ "$target" -lt "$now" ] && target=$((target + 86400))
offset=$((target - now))
echo "ci-at: real $(date -u +%FT%TZ); Node processes run at $(date -u -d "@$target" +%FT%TZ) (offset +${offset}s)"
export FAKETIME_DONT_FAKE_MONOTONIC=1
exec faketime -m -f "+${offset}" bash .ci/run
