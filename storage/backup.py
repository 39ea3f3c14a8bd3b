"""Back up and restore the store and the reply spool, as one file.

A backup is a gzipped tar holding ``manifest.json`` (the format, the app version, the schema
revision, the kind of database, when it was made), the database (``database.sqlite3`` from
SQLite's online backup API, or ``database.pgdump`` from ``pg_dump -Fc``) and ``spool/``, the
replies still waiting for the database. Making one is safe while the bot runs; restoring
replaces the database, so the bot must be stopped first.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from storage.db import Store, head_revision, is_known_revision

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.pgdump"
SPOOL = "spool"


class BackupError(RuntimeError):
    """Backing up or restoring cannot go ahead; the message says why and what to do."""


@dataclass(frozen=True)
class Manifest:
    app_version: str
    schema_revision: str | None
    database: str  # "sqlite" or "postgresql"
    created_at: str
    spool_files: int
    format: int = FORMAT

    def to_json(self) -> bytes:
        return json.dumps(self.__dict__, indent=2).encode()


def backup(store: Store, spool_dir: str | Path, out: str | Path, *, app_version: str) -> Manifest:
    """Write a backup of ``store`` and the spool to ``out`` (made private: 0600)."""
    out = Path(out)
    kind = store.engine.dialect.name
    spool = sorted(Path(spool_dir).glob("*.json")) if Path(spool_dir).is_dir() else []
    with tempfile.TemporaryDirectory(prefix="copro-backup-") as work:
        dump = Path(work) / (SQLITE_FILE if kind == "sqlite" else POSTGRES_FILE)
        if kind == "sqlite":
            _sqlite_copy(_sqlite_path(store), dump)
        else:
            _run_pg("pg_dump", ["--format=custom", "--no-owner", f"--file={dump}"], store)
        manifest = Manifest(
            app_version=app_version,
            schema_revision=store.schema_revision(),
            database=kind,
            created_at=datetime.now(UTC).isoformat(timespec="seconds"),
            spool_files=len(spool),
        )
        partial = out.with_name(out.name + ".partial")
        with open(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as raw:
            with tarfile.open(fileobj=raw, mode="w:gz") as tar:
                _add_bytes(tar, MANIFEST, manifest.to_json())
                tar.add(dump, arcname=dump.name)
                for path in spool:
                    tar.add(path, arcname=f"{SPOOL}/{path.name}")
            raw.flush()
            os.fsync(raw.fileno())
        partial.replace(out)  # a backup file is whole, or not there
    return manifest


def read_manifest(path: str | Path) -> Manifest:
    try:
        with tarfile.open(path, mode="r:gz") as tar:
            member = tar.extractfile(MANIFEST)
            data = json.loads(member.read()) if member else None
    except (OSError, tarfile.TarError, KeyError, ValueError) as error:
        raise BackupError(f"{path} is not a copro-bot backup ({error}).") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupError(f"{path} is not a copro-bot backup this release can read.")
    return Manifest(**{k: data.get(k) for k in Manifest.__dataclass_fields__})


def restore(store: Store, spool_dir: str | Path, path: str | Path) -> Manifest:
    """Replace the database with the backup's and put its spooled replies back; then migrate
    an older schema forward. A backup from a newer schema, or of the other kind of database,
    is refused before anything changes."""
    manifest = read_manifest(path)
    kind = store.engine.dialect.name
    if manifest.schema_revision and not is_known_revision(manifest.schema_revision):
        raise BackupError(
            f"This backup is from a newer release (copro-bot {manifest.app_version}, schema "
            f"{manifest.schema_revision}; this release knows up to {head_revision()}). Nothing "
            "was changed. Restore it with that release or a later one."
        )
    if manifest.database != kind:
        raise BackupError(
            f"This backup holds a {manifest.database} database, but DATABASE_URL points at "
            f"{kind}. Nothing was changed. Point DATABASE_URL at the same kind of database."
        )
    with tempfile.TemporaryDirectory(prefix="copro-restore-") as work:
        with tarfile.open(path, mode="r:gz") as tar:
            tar.extractall(work, filter="data")
        dump = Path(work) / (SQLITE_FILE if kind == "sqlite" else POSTGRES_FILE)
        if not dump.is_file():
            raise BackupError(f"{path} has no database in it ({dump.name} is missing).")
        store.dispose()  # no pooled connection may hold the old database open
        if kind == "sqlite":
            _sqlite_copy(dump, _sqlite_path(store))
        else:
            _drop_tables_not_in(store, dump)
            _run_pg(
                "pg_restore",
                ["--clean", "--if-exists", "--no-owner", "--single-transaction", str(dump)],
                store,
            )
        _restore_spool(Path(work) / SPOOL, Path(spool_dir))
    store.dispose()
    store.migrate()  # an older backup comes forward to this release's schema
    return manifest


def _restore_spool(source: Path, folder: Path) -> None:
    """The backup's waiting replies go back beside any that are there now (names are unique)."""
    if not source.is_dir():
        return
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    for path in sorted(source.glob("*.json")):
        target = folder / path.name
        shutil.copyfile(path, target)
        os.chmod(target, 0o600)


def _sqlite_path(store: Store) -> Path:
    database = store.engine.url.database
    if not database or database == ":memory:":
        raise BackupError("Only a SQLite database in a file can be backed up or restored.")
    return Path(database)


def _sqlite_copy(source: Path, target: Path) -> None:
    """SQLite's online backup API: a consistent copy even while the bot writes."""
    with sqlite3.connect(source) as reading, sqlite3.connect(target) as writing:
        reading.backup(writing)
    reading.close()
    writing.close()


def _drop_tables_not_in(store: Store, dump: Path) -> None:
    """Tables a newer migration made, which the (older) backup does not have: --clean would
    not drop them and their foreign keys would stop it dropping the rest. The migration after
    the restore makes them again."""
    listing = _run_pg("pg_restore", ["--list", str(dump)], store, database=False)
    kept = {line.split()[-2] for line in listing.splitlines() if " TABLE public " in line}
    with store.engine.begin() as connection:
        present = connection.exec_driver_sql(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
        ).scalars()
        for table in sorted(set(present) - kept):
            connection.exec_driver_sql(f'DROP TABLE IF EXISTS "{table}" CASCADE')


def _run_pg(tool: str, arguments: list[str], store: Store, *, database: bool = True) -> str:
    """Run pg_dump or pg_restore on the store's database; the password goes in the
    environment (PGPASSWORD), never on a command line that others on the server could see."""
    found = shutil.which(tool)
    if found is None:
        raise BackupError(
            f"Backing up and restoring PostgreSQL needs {tool}, which is not installed here. "
            "Install PostgreSQL's client tools, the same major version as the server or newer "
            "(on Debian or Ubuntu: apt-get install postgresql-client)."
        )
    url = make_url(store.url)
    env = {**os.environ}
    for name, value in (
        ("PGHOST", url.host), ("PGPORT", url.port), ("PGUSER", url.username),
        ("PGPASSWORD", url.password), ("PGDATABASE", url.database),
        ("PGSSLMODE", url.query.get("sslmode")),
    ):  # fmt: skip
        if value:
            env[name] = str(value)
    target = ["--dbname", url.database or ""] if database else []
    done = subprocess.run(
        [found, *arguments, *target], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise BackupError(f"{tool} failed: {done.stderr.strip() or done.returncode}")
    return done.stdout


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.now(UTC).timestamp())
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(data))
