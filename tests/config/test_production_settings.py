"""Production settings: refuse to start half-configured, `check --deploy` is clean, and
every response carries the security headers."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

from tests import factories

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "x" * 20 + "-a-long-and-random-production-secret-key-" + "y" * 20,
    "DATABASE_URL": "sqlite:///unused-by-check.sqlite3",
    "ALLOWED_HOSTS": "www.example.org",
}


def run_manage(*args, env):
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={"PATH": os.environ.get("PATH", ""), **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_reports_nothing_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS"])
def test_missing_required_variable_stops_start_up_with_one_sentence(missing):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != missing}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line == (
        "django.core.exceptions.ImproperlyConfigured: Die Umgebungsvariable "
        f"{missing} fehlt; bitte setzen (Vorlage: site/deploy/env.example)."
    )


@pytest.mark.parametrize(
    ("variable", "value", "allowed"),
    [
        ("TASKS_BACKEND", "celery", "immediate, database"),
        ("FRONTEND_CACHE_BACKEND", "varnish", "leer oder http, cloudflare oder cloudfront"),
    ],
)
def test_unknown_choice_stops_start_up_naming_the_allowed_values(variable, value, allowed):
    result = run_manage("check", env={**PRODUCTION_ENV, variable: value})
    assert result.returncode != 0
    assert allowed in result.stderr.strip().splitlines()[-1]


@pytest.mark.django_db
def test_public_page_sends_security_headers_and_strict_csp(anonymous, article):
    response = anonymous.get(article.url)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    csp = dict(
        directive.strip().split(" ", 1)
        for directive in response["Content-Security-Policy"].split(";")
    )
    assert csp["script-src"] == "'self'"
    assert csp["object-src"] == "'none'"
    assert csp["frame-ancestors"] == "'none'"
    assert csp["base-uri"] == "'self'"


@pytest.mark.django_db
def test_public_pages_carry_no_inline_script(anonymous, article):
    """The public CSP forbids inline scripts, so our templates must not need any."""
    for page in (factories.home_page(), article.get_parent(), article):
        html = anonymous.get(page.url).content.decode()
        assert "<script>" not in html and " on" + "click=" not in html


@pytest.mark.django_db
def test_admin_csp_allows_what_wagtail_admin_needs(client):
    admin = factories.UserFactory(is_superuser=True)
    client.force_login(admin)
    response = client.get("/admin/")
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in csp
    assert "frame-ancestors 'self'" in csp
    assert "object-src 'none'" in csp


@pytest.mark.django_db
def test_healthz_answers_ok_without_secrets(anonymous):
    response = anonymous.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"].startswith("max-age=0")
