"""Pieces the query modules share. None of these commits."""

from __future__ import annotations

from sqlalchemy import Connection, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storage.models import (
    Member,
    MemberIdentity,
    Reply,
)

PUT_BACK = "no_concern"  # a safeguarding lead found no concern: the reply is back


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


def _shown():
    """A reply the digest and the export may show (as its author chose): never flagged, or
    put back by a safeguarding lead who found no concern."""
    return or_(Reply.safeguarding.is_(None), Reply.safeguarding_decision == PUT_BACK)


def _held_back():
    """A flagged reply no safeguarding lead has put back: for the leads only."""
    return Reply.safeguarding.is_not(None) & (
        Reply.safeguarding_decision.is_(None) | (Reply.safeguarding_decision != PUT_BACK)
    )
