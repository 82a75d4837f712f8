# Sourced by `make serve`, `make backup`, `make restore` and `make loadtest`: the production
# settings with the values from .env, plus safe local defaults for trying it on one machine.
# Variables already set in the environment win over .env.
if [ -f .env ]; then
    while IFS='=' read -r key value; do
        [ -z "${!key+set}" ] && export "$key=$value"
    done < <(grep -E '^[A-Za-z_][A-Za-z0-9_]*=' .env)
fi
export DJANGO_SETTINGS_MODULE=config.settings.production
export DATABASE_URL="${DATABASE_URL:-postgres://chapterhouse:chapterhouse@127.0.0.1:5432/chapterhouse}"
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-127.0.0.1,localhost}"
if [ -z "${SECRET_KEY:-}" ]; then
    # Local only: a fresh key per start (sessions end with the server).
    SECRET_KEY="$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')"
    export SECRET_KEY
    # Plain HTTP on loopback: no TLS redirect, cookies without the Secure flag.
    export SECURE_SSL_REDIRECT="${SECURE_SSL_REDIRECT:-false}"
    export SECURE_COOKIES="${SECURE_COOKIES:-false}"
fi
export MEDIA_ROOT="${MEDIA_ROOT:-$PWD/media}"
export STATIC_ROOT="${STATIC_ROOT:-$PWD/static}"
