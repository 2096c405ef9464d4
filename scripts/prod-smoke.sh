#!/usr/bin/env bash
# Production smoke without Docker (CI runs it; a person can run it by hand — docs/OPERATIONS.md "Production smoke").
#
# The shape of docker/docker-compose.yml on this machine: a fresh PostgreSQL database, two API processes started at
# the same moment from the built output (apps/api/dist) with NODE_ENV=production and the settings of
# docker/.env.example (secrets filled with throw-away test values), and Debian's nginx running the repository's own
# docker/nginx/zhicheng.conf (only the lines marked "# smoke:" rewritten for ports and paths) in front of them,
# serving the built SPA (apps/web/dist). scripts/prod-smoke.mjs then drives everything through nginx.
#
# Needs: a build (pnpm -r … run build), PostgreSQL on DATABASE_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres),
# /usr/sbin/nginx (apt-get install nginx; brotli is used when libnginx-mod-http-brotli-filter is installed), openssl.
# Ports: SMOKE_PORT (nginx, default 8090) and SMOKE_PORT+1, SMOKE_PORT+2 (the two API processes).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
ADMIN_URL=${DATABASE_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}
PORT=${SMOKE_PORT:-8090}
API_A=$((PORT + 1))
API_B=$((PORT + 2))
NGINX=${NGINX_BIN:-/usr/sbin/nginx}
DB="zc_smoke_$(date +%s)_$$"
WORK=$(mktemp -d /tmp/zc-smoke.XXXXXX)
chmod 755 "$WORK"
pids=()

say() { printf '[prod-smoke %ss] %s\n' "$SECONDS" "$*"; }
cleanup() {
  local rc=$?
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  psql "$ADMIN_URL" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  if [ $rc -ne 0 ]; then
    say "FAILED — logs kept in $WORK (api-a.log, api-b.log, nginx-error.log, access.log)"
    for f in api-a.log api-b.log nginx-error.log; do [ -f "$WORK/$f" ] && { echo "--- $f (last 15 lines)"; tail -n 15 "$WORK/$f"; }; done
  else
    rm -rf "$WORK"
  fi
  exit $rc
}
trap cleanup EXIT

[ -f apps/api/dist/main.js ] && [ -f apps/web/dist/index.html ] || { say "build first: pnpm -r --workspace-concurrency=1 --filter './packages/*' --filter './apps/*' run build"; exit 1; }
[ -x "$NGINX" ] || { say "$NGINX missing: apt-get install nginx"; exit 1; }

# --- settings: every variable of docker/.env.example, the secrets replaced by test values ---------------------
openssl genpkey -algorithm ed25519 -out "$WORK/cert-signing-key.pem" 2>/dev/null
declare -A test_values=(
  [JWT_SECRET]="$(openssl rand -hex 32)"
  [DATA_KEY]="$(openssl rand -hex 16)"
  [INDEX_KEY]="$(openssl rand -hex 32)"
  [CERT_SIGNING_KEY]="$(awk '{printf "%s\\n", $0}' "$WORK/cert-signing-key.pem")"
  [PUBLIC_BASE_URL]="http://127.0.0.1:$PORT"
  [CERT_SEAL_BUNDLE]="$WORK/seal-bundle.json"
)
(cd apps/api && node dist/database/cli.js seal-keys "$WORK/seal-bundle.json") >/dev/null
: > "$WORK/api.env"
while IFS= read -r line; do
  [[ "$line" =~ ^([A-Z][A-Z0-9_]*)=(.*)$ ]] || continue
  name=${BASH_REMATCH[1]}; value=${BASH_REMATCH[2]}
  [ "$name" = POSTGRES_PASSWORD ] && continue # the database container's; here the fresh database below
  [ -n "${test_values[$name]:-}" ] && value=${test_values[$name]}
  printf '%s=%s\n' "$name" "$value" >> "$WORK/api.env"
done < docker/.env.example
for required in JWT_SECRET DATA_KEY INDEX_KEY CERT_SIGNING_KEY CERT_SEAL_BUNDLE PUBLIC_BASE_URL SEED_DEMO; do
  grep -q "^$required=" "$WORK/api.env" || { say "docker/.env.example lacks $required"; exit 1; }
done
grep -q '^SEED_DEMO=false$' "$WORK/api.env" || { say "docker/.env.example must set SEED_DEMO=false"; exit 1; }

psql "$ADMIN_URL" -qc "CREATE DATABASE $DB"
DB_URL=$(node -e 'const u=new URL(process.argv[1]);u.pathname="/"+process.argv[2];console.log(u.toString())' "$ADMIN_URL" "$DB")

# What docker-compose.yml sets for the api service besides the file: the database, the uploads folder, and the
# proxy to believe (nginx connects from 127.0.0.1; the smoke's "straight to the API" client uses other loopback addresses).
run_api() {
  local port=$1 log=$2
  (
    while IFS= read -r kv; do export "$kv"; done < "$WORK/api.env"
    export NODE_ENV=production DATABASE_URL="$DB_URL" PORT="$port" HOST=127.0.0.1 TRUST_PROXY=127.0.0.1 \
      UPLOAD_DIR="$WORK/uploads" DATA_DIR="$WORK/data"
    unset WEB_DIST
    cd apps/api && exec node dist/main.js
  ) > "$log" 2>&1 &
  pids+=($!)
}

say "two API processes, started at once on the empty database $DB"
run_api "$API_A" "$WORK/api-a.log"
run_api "$API_B" "$WORK/api-b.log"

# --- nginx with the repository's configuration ---------------------------------------------------------------------
mkdir -p "$WORK/zhicheng.d" "$WORK/temp"
BROTLI_MODULE=/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so
LOAD=""
if [ -f "$BROTLI_MODULE" ]; then
  LOAD="load_module $BROTLI_MODULE;"
  cp docker/nginx/brotli.conf "$WORK/zhicheng.d/"
  export SMOKE_BROTLI=1
else
  say "brotli module not installed (libnginx-mod-http-brotli-filter): gzip only"
  export SMOKE_BROTLI=0
fi
sed -e "s|^\( *\)server api:3000; # smoke: upstream|\1server 127.0.0.1:$API_A;\n\1server 127.0.0.1:$API_B;|" \
    -e "s|^\( *\)listen 80; # smoke: listen|\1listen 127.0.0.1:$PORT;|" \
    -e "s|^\( *\)root /usr/share/nginx/html; # smoke: root|\1root $ROOT/apps/web/dist;|" \
    -e "s|^\( *\)access_log /var/log/nginx/zhicheng.access.log zhicheng_json; # smoke: access_log|\1access_log $WORK/access.log zhicheng_json;|" \
    -e "s|^\( *\)include /etc/nginx/zhicheng.d/\*.conf; # smoke: optional|\1include $WORK/zhicheng.d/*.conf;|" \
    docker/nginx/zhicheng.conf > "$WORK/zhicheng.conf"
[ "$(grep -c '^ *[^# ].*# smoke:' "$WORK/zhicheng.conf")" = 0 ] || { say "a '# smoke:' line of docker/nginx/zhicheng.conf was not rewritten"; exit 1; }
cat > "$WORK/nginx.conf" <<CONF
$LOAD
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 512; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  client_body_temp_path $WORK/temp/body;
  proxy_temp_path $WORK/temp/proxy;
  fastcgi_temp_path $WORK/temp/fastcgi;
  uwsgi_temp_path $WORK/temp/uwsgi;
  scgi_temp_path $WORK/temp/scgi;
  include $WORK/zhicheng.conf;
}
CONF
"$NGINX" -t -q -p "$WORK" -c "$WORK/nginx.conf"
"$NGINX" -p "$WORK" -c "$WORK/nginx.conf"

for port in "$API_A" "$API_B"; do
  for i in $(seq 1 120); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/api/health/ready" 2>/dev/null && break
    for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null || { say "an API process exited during start"; exit 1; }; done
    [ "$i" = 120 ] && { say "API on $port not ready after 60 s"; exit 1; }
    sleep 0.5
  done
done
say "both API processes ready; nginx on 127.0.0.1:$PORT"

SMOKE_URL="http://127.0.0.1:$PORT" SMOKE_API_A="http://127.0.0.1:$API_A" SMOKE_API_B="http://127.0.0.1:$API_B" \
SMOKE_LOG_A="$WORK/api-a.log" SMOKE_LOG_B="$WORK/api-b.log" SMOKE_DB_URL="$DB_URL" SMOKE_ENV_FILE="$WORK/api.env" \
SMOKE_API_PID_B="${pids[1]}" SMOKE_SIGNING_KEY="$WORK/cert-signing-key.pem" \
  node scripts/prod-smoke.mjs
