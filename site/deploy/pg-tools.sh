# PG_BIN: the newest installed PostgreSQL client tools (pg_dump must not be older than
# the server), unless set.
if [ -z "${PG_BIN:-}" ]; then
    PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
    PG_BIN="${PG_BIN:-$(dirname "$(command -v pg_dump)")}"
fi
