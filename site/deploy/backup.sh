#!/usr/bin/env bash
# `make backup`: the database (pg_dump, custom format) and the media folder (images,
# documents, renditions) into one folder, with checksums. Uses the same environment as
# the app (.env / DATABASE_URL / MEDIA_ROOT). BACKUP_DIR chooses the folder.
set -euo pipefail
cd "$(dirname "$0")/../.."
. site/deploy/production-env.sh
. site/deploy/pg-tools.sh
case "$DATABASE_URL" in
    postgres://*|postgresql://*) ;;
    *) echo "Sicherung: DATABASE_URL ist keine PostgreSQL-Datenbank." >&2; exit 2 ;;
esac
BACKUP_DIR="${BACKUP_DIR:-backups/$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$BACKUP_DIR"
tmp="$BACKUP_DIR/.incomplete"
mkdir -p "$tmp"
"$PG_BIN/pg_dump" --format=custom --no-owner --no-privileges --file "$tmp/database.dump" "$DATABASE_URL"
mkdir -p "$MEDIA_ROOT"
tar -C "$MEDIA_ROOT" -czf "$tmp/media.tar.gz" .
(cd "$tmp" && sha256sum database.dump media.tar.gz > SHA256SUMS)
mv "$tmp"/database.dump "$tmp"/media.tar.gz "$tmp"/SHA256SUMS "$BACKUP_DIR"/
rmdir "$tmp"
echo "Sicherung fertig: $BACKUP_DIR ($(du -sh "$BACKUP_DIR" | cut -f1))"
