"""Engine, sessions and migrations: the one place that opens database sessions."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")


class SchemaFromNewerRelease(RuntimeError):
    """The database was migrated by a newer copro-bot than this one: running on it could
    break data that newer code wrote, so nothing runs."""

    def __init__(self, revision: str) -> None:
        self.revision = revision
        super().__init__(
            f"This database was set up by a newer release of copro-bot (schema {revision}; this "
            f"release knows up to {head_revision()}). Nothing was changed. Run the newer release "
            "again, or restore a backup made by this one (copro-bot restore FILE)."
        )


def normalise_url(url: str) -> str:
    """Accept the plain ``postgresql://`` URLs people copy from their provider.

    SQLAlchemy would pick psycopg2 for those; we ship psycopg 3.
    """
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def make_engine(url: str) -> Engine:
    """``hide_parameters``: a failing statement's error (and SQLAlchemy's log of it) names the
    statement but never its values, which hold reply text and people's details."""
    url = normalise_url(url)
    if url.startswith("sqlite"):
        # Threads of the HTTP server and the scheduler share the engine.
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 30}, hide_parameters=True
        )

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):  # pragma: no cover - trivial
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")  # SQLite ignores ON DELETE otherwise
            cursor.execute("PRAGMA journal_mode=WAL")  # readers do not block the writer
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True, hide_parameters=True)


class DatabaseUnavailable(Exception):
    """The database could not be reached (down, restarting, or the network between)."""


class Store:
    """Owns the engine and hands out units of work.

    ``with store.transaction() as session:`` commits when the block ends and rolls back if it
    raises; query functions never commit by themselves.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def from_url(cls, url: str) -> Store:
        return cls(make_engine(url))

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        with self._sessions.begin() as session:
            yield session

    @contextmanager
    def statements(self) -> Iterator[Connection]:
        """A unit of work on a bare connection, for a hot path of one or two plain statements
        (a request's replay check): committed at the end, as ``transaction`` is, with none of
        an ORM session's set-up (about half the CPU of the same statement in a session)."""
        with self.engine.begin() as connection:
            yield connection

    def reachable(self) -> bool:
        """Whether the database answers now (for /health); a failure is logged, not raised."""
        try:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
            return True
        except Exception as error:
            log.warning("database unreachable (%s)", type(error).__name__)
            return False

    def _connect(self):
        """A connection, or DatabaseUnavailable when the database cannot be reached."""
        try:
            return self.engine.connect()
        except (OperationalError, InterfaceError) as error:
            raise DatabaseUnavailable(str(error.orig or error)) from error

    def schema_revision(self) -> str | None:
        """The migration the database is at, or None when it has never been migrated."""
        with self._connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()

    def refuse_newer_schema(self) -> str | None:
        """SchemaFromNewerRelease when the database is at a migration this code does not know;
        otherwise the migration it is at (None: never migrated)."""
        current = self.schema_revision()
        if current is not None and not is_known_revision(current):
            raise SchemaFromNewerRelease(current)
        return current

    def migrate(self, revision: str = "head") -> None:
        """Bring the schema up to the newest migration (run at every start; cheap when current);
        ``revision`` stops earlier, for the upgrade tests. A database from a newer release is
        refused (SchemaFromNewerRelease), never touched."""
        current = self.refuse_newer_schema()
        if revision == "head" and current == head_revision():
            return  # already current: no need to load every migration script again
        self._alembic(command.upgrade, revision)

    def downgrade(self, revision: str) -> None:
        """Take the schema back to ``revision`` (an operator undoing an upgrade)."""
        self._alembic(command.downgrade, revision)

    def _alembic(self, action, revision: str) -> None:
        with self._connect() as connection:
            sqlite = connection.dialect.name == "sqlite"
            if sqlite:
                # SQLite's batch migrations copy a table and drop the old one; with foreign
                # keys on, that drop cascades and deletes every row pointing at the table.
                # The pragma only takes effect outside a transaction.
                connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
                connection.commit()
            try:
                with connection.begin():
                    config = alembic_config()
                    config.attributes["connection"] = connection
                    action(config, revision)
                    if sqlite:
                        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                        if broken:  # roll the migration back rather than keep broken links
                            raise RuntimeError(f"migration left {len(broken)} broken references")
            finally:
                if sqlite:  # the connection goes back to the pool: keep ON DELETE working
                    connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                    connection.commit()

    def dispose(self) -> None:
        self.engine.dispose()


@cache
def head_revision() -> str:
    """The newest migration this code has (the scripts do not change while the code runs)."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


@cache
def is_known_revision(revision: str) -> bool:
    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except Exception:  # alembic says "can't locate revision" in several ways
        return False


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config
