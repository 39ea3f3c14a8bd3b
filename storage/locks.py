"""One scheduler for many processes: a PostgreSQL advisory lock, or a file lock for SQLite.

The lock lives as long as the connection (or file handle) that took it, so a process that
dies, even by SIGKILL, lets go of it at once and another can take over.
"""

from __future__ import annotations

import fcntl
import logging
import threading
import zlib
from pathlib import Path
from typing import IO

from sqlalchemy import Connection, text

from storage.db import Store

log = logging.getLogger(__name__)

# A fixed 32-bit key: every copro-bot process sharing a database asks for the same lock.
SCHEDULER_LOCK_KEY = zlib.crc32(b"copro-bot scheduler")


class SchedulerLock:
    def __init__(self, store: Store) -> None:
        self.store = store
        self._connection: Connection | None = None
        self._file: IO[bytes] | None = None
        self._releasing = threading.Lock()

    @property
    def is_sqlite(self) -> bool:
        return self.store.engine.dialect.name == "sqlite"

    def try_acquire(self) -> bool:
        if self.is_sqlite:
            return self._lock_file()
        connection = self.store.engine.connect()
        held = connection.scalar(
            text("SELECT pg_try_advisory_lock(:key)"), {"key": SCHEDULER_LOCK_KEY}
        )
        connection.commit()  # end the transaction; the session-level lock stays with the connection
        if held:
            self._connection = connection
        else:
            connection.close()
        return bool(held)

    def still_held(self) -> bool:
        """False once the database connection holding the lock has gone (a restart, say)."""
        if self.is_sqlite:
            return self._file is not None
        if self._connection is None:
            return False
        try:
            self._connection.execute(text("SELECT 1"))
            self._connection.commit()
            return True
        except Exception:
            log.warning("lost the database connection that held the scheduler lock")
            self.release()
            return False

    def release(self) -> None:
        """From any thread: a stop at SIGTERM and a campaign giving up may release at once, and
        each takes what it releases under the lock, so nothing is closed twice."""
        with self._releasing:
            connection, self._connection = self._connection, None
            handle, self._file = self._file, None
        if connection is not None:
            try:
                # Ending the session releases the advisory lock. close() alone would not: it
                # hands the connection back to the pool, session and lock still open, and no
                # other process could lead until this one exited.
                connection.invalidate()
                connection.close()
            except Exception:  # already broken: the lock went with it
                pass
        if handle is not None:
            handle.close()

    def _lock_file(self) -> bool:
        database = self.store.engine.url.database
        if not database or database == ":memory:":
            return True  # a private in-memory database cannot be shared anyway
        handle = Path(database + ".lock").open("ab")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            return False
        self._file = handle
        return True
