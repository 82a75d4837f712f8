"""`make backup` / `make restore`: a populated database and media folder round-trip into an
empty database with every page, revision, image and document intact."""

import hashlib
import os
import subprocess

import pytest
from django.conf import settings

from tests.servers import AppServer, manage, production_env


def make(target, env):
    return subprocess.run(  # noqa: S603
        ["make", "--no-print-directory", target],  # noqa: S607
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


# Identifiers come from pg_tables / pg_sequences of our own test database.
ROW_CHECKSUM = (
    "SELECT count(*) || ' ' || md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), ''))"
    ' FROM "{table}" t'
)


def table_fingerprints(server, database):
    """Row count and a checksum of every row of every table, and every sequence's value."""
    tables = server.psql(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1", database
    ).split()
    fingerprints = {}
    for table in tables:
        fingerprints[table] = server.psql(ROW_CHECKSUM.format(table=table), database)
    for sequence in server.psql(
        "SELECT sequencename FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1", database
    ).split():
        fingerprints[f"sequence {sequence}"] = server.psql(
            f'SELECT last_value FROM "{sequence}"',  # noqa: S608
            database,
        )
    return fingerprints


def file_hashes(root):
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def count(server, database, table):
    return int(server.psql(f'SELECT count(*) FROM "{table}"', database))  # noqa: S608


@pytest.fixture
def source(private_postgres, tmp_path):
    private_postgres.create_database("backup_source", template="app_template")
    media = tmp_path / "media-source"
    env = production_env(DATABASE_URL=private_postgres.url("backup_source"), MEDIA_ROOT=media)
    manage("shell", "-c", "from tests.backup_content import populate; populate()", env=env)
    yield env, media
    private_postgres.psql('DROP DATABASE IF EXISTS "backup_source" WITH (FORCE)')


def test_backup_restores_every_page_revision_image_and_document(
    private_postgres, source, tmp_path, collected_static
):
    source_env, source_media = source
    backup_dir = tmp_path / "backup"
    result = make("backup", {**source_env, "BACKUP_DIR": str(backup_dir)})
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(os.listdir(backup_dir)) == ["SHA256SUMS", "database.dump", "media.tar.gz"]

    private_postgres.create_database("backup_target")
    target_media = tmp_path / "media-target"
    target_env = production_env(
        DATABASE_URL=private_postgres.url("backup_target"),
        MEDIA_ROOT=target_media,
        BACKUP_DIR=backup_dir,
    )
    result = make("restore", target_env)
    assert result.returncode == 0, result.stdout + result.stderr

    # The content is really there …
    assert count(private_postgres, "backup_target", "wagtailcore_page") >= 16
    assert count(private_postgres, "backup_target", "wagtailcore_revision") >= 20
    assert count(private_postgres, "backup_target", "wagtailimages_image") == 3
    assert count(private_postgres, "backup_target", "wagtailimages_rendition") == 3
    assert count(private_postgres, "backup_target", "wagtaildocs_document") == 2
    # … and identical, row for row, in every table; sequences continue where they were.
    assert table_fingerprints(private_postgres, "backup_target") == table_fingerprints(
        private_postgres, "backup_source"
    )
    # Every file — originals, renditions, documents — byte for byte.
    source_files = file_hashes(source_media)
    assert len(source_files) == 3 + 3 + 2
    assert file_hashes(target_media) == source_files

    # The restored site serves every live page, with its images and documents.
    app = AppServer(target_env, tmp_path / "restored.log").start()
    try:
        paths = private_postgres.psql(
            "SELECT url_path FROM wagtailcore_page WHERE live AND depth >= 2 ORDER BY path",
            "backup_target",
        ).split()
        root = paths[0]
        for url_path in paths:
            status, body = app.get("/" + url_path[len(root) :])
            assert status == 200, url_path
            if "/artikel-" in url_path:
                assert "/media/images/bild-" in body
                assert "/documents/" in body
    finally:
        app.stop()


def test_restore_refuses_a_database_that_is_not_empty(private_postgres, source, tmp_path):
    source_env, _ = source
    backup_dir = tmp_path / "backup"
    assert make("backup", {**source_env, "BACKUP_DIR": str(backup_dir)}).returncode == 0
    before = table_fingerprints(private_postgres, "backup_source")

    result = make(
        "restore",
        {**source_env, "MEDIA_ROOT": str(tmp_path / "empty-media"), "BACKUP_DIR": backup_dir},
    )
    assert result.returncode != 0
    assert "Wiederherstellung abgebrochen: die Zieldatenbank ist nicht leer" in result.stderr
    assert table_fingerprints(private_postgres, "backup_source") == before


def test_restore_refuses_a_damaged_backup(private_postgres, source, tmp_path):
    source_env, _ = source
    backup_dir = tmp_path / "backup"
    assert make("backup", {**source_env, "BACKUP_DIR": str(backup_dir)}).returncode == 0
    with open(backup_dir / "database.dump", "r+b") as dump:
        dump.seek(200)
        dump.write(b"kaputt")
    private_postgres.create_database("backup_damaged")
    result = make(
        "restore",
        production_env(
            DATABASE_URL=private_postgres.url("backup_damaged"),
            MEDIA_ROOT=tmp_path / "media-damaged",
            BACKUP_DIR=backup_dir,
        ),
    )
    assert result.returncode != 0
    assert "die Prüfsummen stimmen nicht" in result.stderr
    assert count_tables(private_postgres, "backup_damaged") == 0


def count_tables(server, database):
    return int(
        server.psql(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'",
            database,
        )
    )
