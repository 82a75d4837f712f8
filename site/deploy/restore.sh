#!/usr/bin/env bash
# `make restore BACKUP_DIR=backups/<time>`: puts a backup from `make backup` into an EMPTY
# database (DATABASE_URL) and an empty MEDIA_ROOT. Checks the checksums first and restores
# the database in one transaction: on any error nothing is half-written.
set -euo pipefail
cd "$(dirname "$0")/../.."
. site/deploy/production-env.sh
. site/deploy/pg-tools.sh
fail() { echo "Wiederherstellung abgebrochen: $*" >&2; exit 2; }
[ -n "${BACKUP_DIR:-}" ] || fail "bitte BACKUP_DIR=… angeben (Ordner von make backup)."
[ -f "$BACKUP_DIR/database.dump" ] && [ -f "$BACKUP_DIR/media.tar.gz" ] \
    || fail "$BACKUP_DIR enthält keine vollständige Sicherung."
(cd "$BACKUP_DIR" && sha256sum --quiet --check SHA256SUMS) \
    || fail "die Prüfsummen stimmen nicht; die Sicherung ist beschädigt."
tables="$("$PG_BIN/psql" "$DATABASE_URL" -tAc \
    "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")"
[ "$tables" = "0" ] || fail "die Zieldatenbank ist nicht leer ($tables Tabellen); bitte eine neue, leere Datenbank angeben."
if [ -d "$MEDIA_ROOT" ] && [ -n "$(ls -A "$MEDIA_ROOT")" ]; then
    fail "der Medienordner $MEDIA_ROOT ist nicht leer."
fi
"$PG_BIN/pg_restore" --no-owner --no-privileges --exit-on-error --single-transaction \
    --dbname "$DATABASE_URL" "$BACKUP_DIR/database.dump"
mkdir -p "$MEDIA_ROOT"
tar -C "$MEDIA_ROOT" -xzf "$BACKUP_DIR/media.tar.gz"
echo "Wiederhergestellt aus $BACKUP_DIR."
