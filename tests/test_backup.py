"""`copro-bot backup` and `copro-bot restore`: the database and the replies waiting in the
spool come back, on SQLite and PostgreSQL; an older backup is migrated forward, a newer one
refused, and a running bot is never restored under."""

from __future__ import annotations

import io
import json
import shutil
import tarfile

import pytest
from sqlalchemy import create_engine, text

from bot import __version__
from bot.cli import main
from storage import Store
from storage.backup import BackupError, backup, read_manifest
from storage.db import head_revision
from storage.locks import SchedulerLock
from storage.spool import ReplySpool
from tests.conftest import throwaway_postgres
from tests.test_upgrade import RELEASE, RELEASED_HEAD, _copy_rows, counts

HELD = {"kind": "text", "user": "U0T1M01X", "text": "kept while the database was away"}


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database(request, tmp_path, monkeypatch):
    """A URL of a store holding the previous release's data, migrated to this release, with
    the environment pointing the command at it and at a spool folder."""
    copy = tmp_path / "copro.sqlite3"
    shutil.copy(RELEASE / "copro.sqlite3", copy)
    monkeypatch.setenv("COPRO_SPOOL_DIR", str(tmp_path / "spool"))
    if request.param == "sqlite":
        url = f"sqlite:///{copy}"
        Store.from_url(url).migrate()
        monkeypatch.setenv("DATABASE_URL", url)
        yield url
        return
    with throwaway_postgres("copro_backup") as url:
        store = Store.from_url(url)
        store.migrate(RELEASED_HEAD)
        _copy_rows(create_engine(f"sqlite:///{copy}"), store)
        store.migrate()
        store.dispose()
        monkeypatch.setenv("DATABASE_URL", url)
        yield url


def test_a_backup_restores_the_data_and_the_spool(database, tmp_path, capsys):
    store = Store.from_url(database)
    before = counts(store)
    assert before["replies"] >= 5
    spool = ReplySpool(tmp_path / "spool")
    token = spool.keep(HELD)
    out = tmp_path / "backup.tar.gz"

    assert main(["backup", "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert f"(schema {head_revision()}) and 1 waiting reply to {out}" in said
    assert out.stat().st_mode & 0o077 == 0  # it holds everyone's answers: private
    manifest = read_manifest(out)
    assert manifest.app_version == __version__ and manifest.schema_revision == head_revision()
    assert manifest.database == store.engine.dialect.name and manifest.spool_files == 1

    with store.engine.begin() as connection:  # something goes badly wrong
        connection.execute(text("DELETE FROM answers"))
        connection.execute(text("DELETE FROM replies"))
    spool.done(token)
    assert counts(store)["replies"] == 0 and spool.pending() == []

    assert main(["restore", str(out), "--yes"]) == 0
    assert "Restored the backup made" in capsys.readouterr().out
    assert counts(store) == before
    assert [kept.item for kept in spool.pending()] == [HELD]
    store.dispose()


def test_restore_asks_first_and_changes_nothing_unless_told_yes(database, tmp_path, capsys):
    out = tmp_path / "backup.tar.gz"
    assert main(["backup", "--out", str(out)]) == 0
    store = Store.from_url(database)
    with store.engine.begin() as connection:
        connection.execute(text("DELETE FROM answers"))
    assert main(["restore", str(out)]) == 1  # no terminal to ask at, and no --yes
    assert "Nothing was changed. (Add --yes" in capsys.readouterr().err
    with store.engine.connect() as connection:
        assert connection.execute(text("SELECT COUNT(*) FROM answers")).scalar() == 0
    store.dispose()


def test_restore_refuses_while_the_bot_is_running(database, tmp_path, capsys):
    out = tmp_path / "backup.tar.gz"
    assert main(["backup", "--out", str(out)]) == 0
    running = SchedulerLock(Store.from_url(database))  # what a running bot holds
    assert running.try_acquire()
    try:
        assert main(["restore", str(out), "--yes"]) == 1
    finally:
        running.release()
    assert "copro-bot is running on this database. Stop it first" in capsys.readouterr().err


def test_a_backup_from_a_newer_schema_is_refused(database, tmp_path, capsys):
    out = tmp_path / "backup.tar.gz"
    assert main(["backup", "--out", str(out)]) == 0
    newer = tmp_path / "newer.tar.gz"
    _rewrite_manifest(out, newer, schema_revision="0042", app_version="0.9.0")
    store = Store.from_url(database)
    before = counts(store)
    assert main(["restore", str(newer), "--yes"]) == 1
    said = capsys.readouterr().err
    assert "from a newer release (copro-bot 0.9.0, schema 0042" in said
    assert "Nothing was changed" in said
    assert counts(store) == before
    store.dispose()


def test_an_older_backup_is_restored_and_migrated_forward(tmp_path, monkeypatch, capsys):
    released = tmp_path / "released.sqlite3"
    shutil.copy(RELEASE / "copro.sqlite3", released)
    old = Store.from_url(f"sqlite:///{released}")
    out = tmp_path / "old.tar.gz"
    backup(old, tmp_path / "no-spool", out, app_version="0.1.0")
    assert read_manifest(out).schema_revision == RELEASED_HEAD
    fresh = tmp_path / "fresh.sqlite3"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{fresh}")
    monkeypatch.setenv("COPRO_SPOOL_DIR", str(tmp_path / "spool"))
    assert main(["restore", str(out), "--yes"]) == 0
    assert f"then migrated to schema {head_revision()}" in capsys.readouterr().out
    restored = Store.from_url(f"sqlite:///{fresh}")
    assert restored.schema_revision() == head_revision()
    assert counts(restored) == counts(old)
    old.dispose()
    restored.dispose()


def test_a_postgresql_backup_without_pg_dump_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no pg_dump here
    store = Store.from_url("postgresql://copro@127.0.0.1:5432/copro")
    with pytest.raises(BackupError, match="needs pg_dump, which is not installed here"):
        backup(store, tmp_path / "spool", tmp_path / "b.tar.gz", app_version=__version__)
    assert not (tmp_path / "b.tar.gz").exists()


def test_a_file_that_is_not_a_backup_is_refused(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'copro.db'}")
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not a backup")
    assert main(["restore", str(junk), "--yes"]) == 1
    assert "is not a copro-bot backup" in capsys.readouterr().err


def _rewrite_manifest(source, target, **changes) -> None:
    with tarfile.open(source, "r:gz") as reading, tarfile.open(target, "w:gz") as writing:
        for member in reading.getmembers():
            data = reading.extractfile(member).read() if member.isfile() else None
            if member.name == "manifest.json":
                data = json.dumps({**json.loads(data), **changes}).encode()
                member.size = len(data)
            writing.addfile(member, io.BytesIO(data) if data is not None else None)
