"""The store: models, engine and sessions, queries and migrations.

Nothing outside this package opens a database session by hand: callers take a unit of work
from :class:`storage.db.Store` and pass its session to the query functions.
"""

from storage.db import Store

__all__ = ["Store"]
