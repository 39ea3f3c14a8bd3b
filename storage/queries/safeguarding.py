"""Safeguarding alerts after they are sent: each lead's copy, a lead's decision, and the kind
check-in. None of these commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from storage.models import (
    Member,
    Reply,
    SafeguardingAlertCopy,
    SafeguardingCheckIn,
)
from storage.queries._common import PUT_BACK, _insert

NO_CONCERN = PUT_BACK
FOLLOWING_UP = "following_up"


def add_alert_copies(
    session: Session, *, reply_id: int, leads: Sequence[tuple[str, str, str | None]],
    now: datetime,
) -> list[SafeguardingAlertCopy]:  # fmt: skip
    """One copy per (lead as listed, their user ID, their name); ids are known on return, so
    the alert's buttons can carry them."""
    copies = [
        SafeguardingAlertCopy(
            reply_id=reply_id, lead=lead, user_id=user_id, lead_name=name, created_at=now
        )
        for lead, user_id, name in leads
    ]
    session.add_all(copies)
    session.flush()
    return copies


def supersede_alert_copies(
    session: Session, *, reply_id: int, now: datetime
) -> list[SafeguardingAlertCopy]:
    """Mark a reply's current copies as replaced by a newer alert; returns them."""
    current = alert_copies(session, reply_id=reply_id)
    for copy in current:
        copy.superseded_at = now
    return list(current)


def alert_copy(session: Session, *, copy_id: int) -> SafeguardingAlertCopy | None:
    return session.get(SafeguardingAlertCopy, copy_id)


def alert_copies(
    session: Session, *, reply_id: int, current_only: bool = True
) -> Sequence[SafeguardingAlertCopy]:
    """A reply's copies, oldest first; by default only those no newer alert replaced."""
    statement = select(SafeguardingAlertCopy).where(SafeguardingAlertCopy.reply_id == reply_id)
    if current_only:
        statement = statement.where(SafeguardingAlertCopy.superseded_at.is_(None))
    return session.scalars(statement.order_by(SafeguardingAlertCopy.id)).all()


def set_alert_ref(session: Session, *, copy_id: int, message_ref: str) -> None:
    session.execute(
        update(SafeguardingAlertCopy)
        .where(SafeguardingAlertCopy.id == copy_id)
        .values(message_ref=message_ref)
    )


def decide_reply(
    session: Session, *, reply_id: int, decision: str, by: str, name: str | None, now: datetime
) -> bool:
    """Record a lead's decision unless one is recorded already; False when another lead got
    there first (the condition in the UPDATE decides a race, on both databases)."""
    result = session.execute(
        update(Reply)
        .where(Reply.id == reply_id, Reply.safeguarding_decision.is_(None))
        .values(
            safeguarding_decision=decision, safeguarding_decided_by=by,
            safeguarding_decider_name=name, safeguarding_decided_at=now,
        )
        .execution_options(synchronize_session=False)
    )  # fmt: skip
    return result.rowcount == 1


def claim_check_in(
    session: Session, *, reply_id: int, lead_user_id: str, lead_name: str | None, now: datetime
) -> int | None:
    """The reply's one kind check-in; None when a lead has sent it already."""
    statement = (
        _insert(session, SafeguardingCheckIn)
        .values(reply_id=reply_id, lead_user_id=lead_user_id, lead_name=lead_name, sent_at=now)
        .on_conflict_do_nothing(index_elements=["reply_id"])
        .returning(SafeguardingCheckIn.id)
    )
    return session.scalar(statement)


def check_in(session: Session, *, check_in_id: int) -> SafeguardingCheckIn | None:
    return session.get(SafeguardingCheckIn, check_in_id)


def check_in_for_reply(session: Session, *, reply_id: int) -> SafeguardingCheckIn | None:
    return session.scalar(
        select(SafeguardingCheckIn).where(SafeguardingCheckIn.reply_id == reply_id)
    )


def forget_check_in(session: Session, *, check_in_id: int) -> None:
    """A check-in that never reached the member: gone, so a lead may try again."""
    session.execute(delete(SafeguardingCheckIn).where(SafeguardingCheckIn.id == check_in_id))


def set_check_in_ref(session: Session, *, check_in_id: int, message_ref: str) -> None:
    session.execute(
        update(SafeguardingCheckIn)
        .where(SafeguardingCheckIn.id == check_in_id)
        .values(message_ref=message_ref)
    )


def answer_check_in(session: Session, *, check_in_id: int, answer: str, now: datetime) -> bool:
    """The member's answer, once; False when they answered already."""
    result = session.execute(
        update(SafeguardingCheckIn)
        .where(SafeguardingCheckIn.id == check_in_id, SafeguardingCheckIn.answer.is_(None))
        .values(answer=answer, answered_at=now)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def team_size(session: Session, *, team_id: int) -> int:
    """Active members of a team (a team this small points at its members by itself)."""
    return session.scalar(
        select(func.count(Member.id)).where(
            Member.team_id == team_id, Member.active.is_(True), Member.erased_at.is_(None)
        )
    )
