"""The store: models, engine and sessions, queries and migrations.

Nothing outside this package opens a database session by hand or writes SQL: callers take a
unit of work from :class:`storage.db.Store` and pass its ``Session`` to the query functions
in ``storage.queries`` (split by subject), which never commit.
"""

from sqlalchemy.orm import Session

from storage.db import DatabaseUnavailable, Store

__all__ = ["DatabaseUnavailable", "Session", "Store"]
