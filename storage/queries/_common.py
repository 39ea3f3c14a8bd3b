"""Pieces the query modules share. None of these commits."""

from __future__ import annotations

from sqlalchemy import Connection, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storage.models import (
    Member,
    MemberIdentity,
)


def _insert(session: Session | Connection, table):
    """An INSERT that can say ON CONFLICT DO NOTHING on both SQLite and PostgreSQL."""
    bind = session if isinstance(session, Connection) else session.get_bind()
    dialect = postgresql if bind.dialect.name == "postgresql" else sqlite
    return dialect.insert(table)


def _any_identity():
    """A member's chat ID, for a row that has no name yet."""
    return (
        select(MemberIdentity.external_id)
        .where(MemberIdentity.member_id == Member.id)
        .order_by(MemberIdentity.id)
        .limit(1)
        .scalar_subquery()
    )
