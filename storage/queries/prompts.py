"""Prompt deliveries: who is due one, the claim that sends each once, and their state. None of these commits."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session, joinedload, selectinload

from storage.models import (
    Answer,
    Member,
    ProgrammeDay,
    PromptDelivery,
    ReminderSent,
    Reply,
    SafeguardingAlertCopy,
    SafeguardingCheckIn,
)
from storage.queries._common import _insert


def members_to_prompt(
    session: Session, *, day: ProgrammeDay, consent_version: str
) -> Sequence[Member]:
    """Active, not opted-out members of the day's programme who agreed to the consent wording
    ``consent_version`` and have no delivery for the day yet."""
    already = select(PromptDelivery.member_id).where(PromptDelivery.day_id == day.id)
    return session.scalars(
        select(Member)
        .where(
            Member.programme_id == day.programme_id,
            Member.active.is_(True),
            Member.opted_out.is_(False),
            Member.consent_given.is_(True),
            Member.consent_version == consent_version,
            Member.id.not_in(already),
        )
        .options(selectinload(Member.identities))
        .order_by(Member.id)
    ).all()


def claim_deliveries(
    session: Session, *, day_id: int, member_ids: Iterable[int], now: datetime
) -> list[int]:
    """Create pending deliveries; a member who already has one for the day is left alone.

    The unique (member, day) constraint decides races between processes, not this code.
    """
    rows = [
        {"member_id": m, "day_id": day_id, "state": "pending", "created_at": now}
        for m in member_ids
    ]
    if not rows:
        return []
    statement = (
        _insert(session, PromptDelivery)
        .values(rows)
        .on_conflict_do_nothing(index_elements=["member_id", "day_id"])
        .returning(PromptDelivery.id)
    )
    return list(session.scalars(statement))


def reclaim_stale_deliveries(session: Session, *, older_than: datetime, now: datetime) -> list[int]:
    """Take over deliveries claimed but never marked sent (their process died in between).

    One UPDATE both finds and re-stamps them, so when several processes sweep at once each
    stale delivery is taken over by exactly one of them.
    """
    statement = (
        update(PromptDelivery)
        .where(PromptDelivery.state == "pending", PromptDelivery.created_at < older_than)
        .values(created_at=now)
        .returning(PromptDelivery.id)
    )
    return list(session.scalars(statement))


def delivery(session: Session, *, delivery_id: int) -> PromptDelivery | None:
    found = deliveries(session, delivery_ids=[delivery_id])
    return found[0] if found else None


def deliveries(session: Session, *, delivery_ids: Sequence[int]) -> list[PromptDelivery]:
    """Prompts with what sending them needs, in id order: a fan-out reads a few hundred in
    one query rather than one query (and one transaction) a member."""
    if not delivery_ids:
        return []
    return list(
        session.scalars(
            select(PromptDelivery)
            .where(PromptDelivery.id.in_(delivery_ids))
            .order_by(PromptDelivery.id)
            .options(
                joinedload(PromptDelivery.member).joinedload(Member.team),
                joinedload(PromptDelivery.member).selectinload(Member.identities),
                joinedload(PromptDelivery.day).joinedload(ProgrammeDay.programme),
                joinedload(PromptDelivery.reply).selectinload(Reply.answers),
            )
            # Fresh from the database even if the session saw the row before a lock was taken.
            .execution_options(populate_existing=True)
        ).unique()
    )


def set_delivery_state(session: Session, *, delivery_id: int, state: str, **values: object) -> None:
    session.execute(
        update(PromptDelivery).where(PromptDelivery.id == delivery_id).values(state=state, **values)
    )


def mark_sent(session: Session, *, sent: Sequence[tuple[int, str, datetime]]) -> None:
    """Mark prompts sent, (delivery id, message ref, when) each, in one executemany."""
    if sent:
        session.execute(
            update(PromptDelivery),
            [
                {"id": delivery_id, "state": "sent", "message_ref": ref, "sent_at": at}
                for delivery_id, ref, at in sent
            ],
        )


def latest_delivery(
    session: Session,
    *,
    member_id: int,
    states: Sequence[str],
    sent_before: datetime | None = None,
) -> PromptDelivery | None:
    """The member's latest prompt in one of ``states``; with ``sent_before``, the latest that
    had been sent by then (a reply held in the spool belongs to the prompt open when it came)."""
    statement = (
        select(PromptDelivery)
        .join(ProgrammeDay)
        .where(PromptDelivery.member_id == member_id, PromptDelivery.state.in_(states))
        .order_by(ProgrammeDay.ends_at.desc(), PromptDelivery.id.desc())
        .limit(1)
    )
    if sent_before is not None:
        statement = statement.where(PromptDelivery.sent_at <= sent_before)
    return session.scalar(statement)


def lock_delivery(session: Session, *, delivery_id: int) -> None:
    """Hold the prompt's row until the transaction ends, so replies to one prompt that arrive
    together take turns instead of overwriting each other (SQLite's writers take turns
    anyway; PostgreSQL needs the row lock)."""
    session.execute(
        select(PromptDelivery.id).where(PromptDelivery.id == delivery_id).with_for_update()
    )


def member_deliveries(session: Session, *, member_id: int) -> Sequence[PromptDelivery]:
    """A member's prompts that reached them, newest day first, with their replies."""
    return session.scalars(
        select(PromptDelivery)
        .join(ProgrammeDay)
        .where(
            PromptDelivery.member_id == member_id,
            PromptDelivery.state.in_(("sent", "answered", "skipped")),
        )
        .options(
            joinedload(PromptDelivery.day),
            joinedload(PromptDelivery.member),
            joinedload(PromptDelivery.reply).selectinload(Reply.answers),
        )
        .order_by(ProgrammeDay.ends_at.desc(), PromptDelivery.id.desc())
    ).all()


def erase_deliveries(session: Session, *, delivery_ids: Sequence[int]) -> int:
    """Delete deliveries with their answers, replies and reminders; returns replies deleted.

    Children go first, explicitly: SQLite only cascades when its foreign keys pragma is on.
    """
    if not delivery_ids:
        return 0
    replies = select(Reply.id).where(Reply.delivery_id.in_(delivery_ids))
    session.execute(delete(Answer).where(Answer.reply_id.in_(replies)))
    session.execute(
        delete(SafeguardingAlertCopy).where(SafeguardingAlertCopy.reply_id.in_(replies))
    )
    session.execute(delete(SafeguardingCheckIn).where(SafeguardingCheckIn.reply_id.in_(replies)))
    count = session.execute(delete(Reply).where(Reply.delivery_id.in_(delivery_ids))).rowcount
    session.execute(delete(ReminderSent).where(ReminderSent.delivery_id.in_(delivery_ids)))
    session.execute(delete(PromptDelivery).where(PromptDelivery.id.in_(delivery_ids)))
    return count


def deliveries_for_days_before(
    session: Session, *, programme_id: int, before: date
) -> tuple[list[int], int]:
    """Prompts for a programme's days before ``before``, and how many replies they have."""
    old_days = select(ProgrammeDay.id).where(
        ProgrammeDay.programme_id == programme_id, ProgrammeDay.date < before
    )
    expired = list(
        session.scalars(select(PromptDelivery.id).where(PromptDelivery.day_id.in_(old_days)))
    )
    replies = session.scalar(select(func.count(Reply.id)).where(Reply.delivery_id.in_(expired)))
    return expired, replies or 0
