#!/usr/bin/env bash
# Backup and restore drill (docs/OPERATIONS.md "Backup and restore"). Takes a backup the way OPERATIONS.md says —
# pg_dump of the database, a tar of the uploads folder, the keys — restores it into a NEW database and folder, and
# checks the restored copy with the keys from the backup: every migration applied, every encrypted personal datum
# decrypts (and matches its blind index), every certificate signature verifies, every stored file is there.
#
#   scripts/backup-drill.sh                 a demo source made for the drill (fresh database, demo data, new keys)
#   DRILL_SOURCE_URL=postgres://…/zhicheng DRILL_UPLOAD_DIR=/data/uploads DRILL_KEYS_FILE=/secure/zhicheng.keys \
#     scripts/backup-drill.sh               a real source: its database, its uploads, its key file (KEY=value lines:
#                                           JWT_SECRET, DATA_KEY, INDEX_KEY, CERT_SIGNING_KEY, CERT_SEAL_BUNDLE — the
#                                           bundle file it names is backed up with it)
# The restored database (zc_drill_restore_…) is dropped at the end unless DRILL_KEEP=1. Needs a build and pg_dump /
# pg_restore / psql of the server's major version.
set -euo pipefail
cd "$(dirname "$0")/.."
ADMIN_URL=${DATABASE_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}
WORK=$(mktemp -d /tmp/zc-drill.XXXXXX)
STAMP="$(date +%s)_$$"
dburl() { node -e 'const u=new URL(process.argv[1]);u.pathname="/"+process.argv[2];console.log(u.toString())' "$ADMIN_URL" "$1"; }
say() { printf '[backup-drill %ss] %s\n' "$SECONDS" "$*"; }
made_source=""
RESTORED="zc_drill_restore_$STAMP"
cleanup() {
  [ -n "$made_source" ] && psql "$ADMIN_URL" -qc "DROP DATABASE IF EXISTS $made_source WITH (FORCE)" >/dev/null 2>&1 || true
  [ "${DRILL_KEEP:-0}" = 1 ] || psql "$ADMIN_URL" -qc "DROP DATABASE IF EXISTS $RESTORED WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
[ -f apps/api/dist/ops/restore-check.js ] || { say "build first (apps/api/dist missing)"; exit 1; }

if [ -z "${DRILL_SOURCE_URL:-}" ]; then
  made_source="zc_drill_source_$STAMP"
  say "making a demo source database $made_source with new keys"
  psql "$ADMIN_URL" -qc "CREATE DATABASE $made_source"
  SOURCE_URL=$(dburl "$made_source")
  UPLOAD_DIR="$WORK/source-uploads"; mkdir -p "$UPLOAD_DIR"; echo "drill attachment" > "$UPLOAD_DIR/drill.txt"
  KEYS_FILE="$WORK/source.keys"
  openssl genpkey -algorithm ed25519 -out "$WORK/signing.pem" 2>/dev/null
  signing=$(awk '{printf "%s\\n", $0}' "$WORK/signing.pem")
  (cd apps/api && node dist/database/cli.js seal-keys "$WORK/seal-bundle.json") >/dev/null
  printf 'JWT_SECRET=%s\nDATA_KEY=%s\nINDEX_KEY=%s\nCERT_SIGNING_KEY=%s\nCERT_SEAL_BUNDLE=%s\n' \
    "$(openssl rand -hex 32)" "$(openssl rand -hex 16)" "$(openssl rand -hex 32)" "$signing" "$WORK/seal-bundle.json" > "$KEYS_FILE"
  ( while IFS= read -r kv; do export "$kv"; done < "$KEYS_FILE"
    cd apps/api && NODE_ENV=test DATABASE_URL="$SOURCE_URL" DATA_DIR="$WORK/data" node dist/database/cli.js seed >/dev/null )
else
  SOURCE_URL=$DRILL_SOURCE_URL
  UPLOAD_DIR=${DRILL_UPLOAD_DIR:?set DRILL_UPLOAD_DIR (the UPLOAD_DIR of the API)}
  KEYS_FILE=${DRILL_KEYS_FILE:?set DRILL_KEYS_FILE (KEY=value lines of the four keys)}
fi

# --- backup (what the nightly job does) ------------------------------------------------------------------------
say "backup: pg_dump, uploads, keys"
BACKUP="$WORK/backup"; mkdir -p "$BACKUP"
t0=$SECONDS
pg_dump -Fc --no-owner -d "$SOURCE_URL" -f "$BACKUP/zhicheng.dump"
tar -C "$UPLOAD_DIR" -czf "$BACKUP/uploads.tar.gz" .
cp "$KEYS_FILE" "$BACKUP/zhicheng.keys" && chmod 600 "$BACKUP/zhicheng.keys"
# The seal key bundle is a file named by CERT_SEAL_BUNDLE: it goes with the keys.
seal=$(sed -n 's/^CERT_SEAL_BUNDLE=//p' "$KEYS_FILE")
if [ -n "$seal" ]; then cp "$seal" "$BACKUP/seal-bundle.json"; else : > "$BACKUP/seal-bundle.json"; fi
chmod 600 "$BACKUP/seal-bundle.json"
( cd "$BACKUP" && sha256sum zhicheng.dump uploads.tar.gz zhicheng.keys seal-bundle.json > SHA256SUMS )
say "backup taken in $((SECONDS - t0)) s: $(du -sh "$BACKUP" | cut -f1)"

# --- restore into a new database and folder ----------------------------------------------------------------------
t1=$SECONDS
( cd "$BACKUP" && sha256sum -c --quiet SHA256SUMS )
psql "$ADMIN_URL" -qc "CREATE DATABASE $RESTORED"
RESTORED_URL=$(dburl "$RESTORED")
pg_restore --no-owner --exit-on-error -d "$RESTORED_URL" "$BACKUP/zhicheng.dump"
mkdir -p "$WORK/restored-uploads" && tar -C "$WORK/restored-uploads" -xzf "$BACKUP/uploads.tar.gz"
say "restored into $RESTORED in $((SECONDS - t1)) s"

# --- check the restored copy with the keys from the backup -----------------------------------------------------
(
  while IFS= read -r kv; do [[ "$kv" =~ ^[A-Z] ]] && export "$kv"; done < "$BACKUP/zhicheng.keys"
  [ -s "$BACKUP/seal-bundle.json" ] && export CERT_SEAL_BUNDLE="$BACKUP/seal-bundle.json"
  cd apps/api && NODE_ENV=test DATABASE_URL="$RESTORED_URL" DATA_DIR="$WORK/data" node dist/ops/restore-check.js
)
missing=0
while IFS= read -r f; do [ -f "$WORK/restored-uploads/$f" ] || missing=$((missing + 1)); done < <(cd "$UPLOAD_DIR" && find . -type f)
[ "$missing" = 0 ] || { say "$missing files missing in the restored uploads"; exit 1; }
say "files: $(cd "$WORK/restored-uploads" && find . -type f | wc -l) restored"
say "drill passed: restore and check took $((SECONDS - t1)) s"
