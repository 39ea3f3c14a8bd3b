"""Reminders: prompts still waiting for an answer, and the claim that sends each once. None of these commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session, joinedload

from storage.models import (
    Member,
    ProgrammeDay,
    PromptDelivery,
    ReminderSent,
)
from storage.queries._common import _insert


class AwaitingScope(NamedTuple):
    """Where a reminder may still be due: prompts of these programmes sent since ``sent_since``
    whose reminder number ``last`` (their programme's last) has not gone yet."""

    programme_ids: Sequence[int]
    sent_since: datetime
    last: int


def deliveries_awaiting_answer(
    session: Session, *, scopes: Sequence[AwaitingScope], snoozed_since: datetime
) -> list[PromptDelivery]:
    """Sent prompts with neither answer nor skip, to members still willing to be asked, that
    a reminder may still be due for: within a scope, or snoozed and sent since
    ``snoozed_since``. Each half reads only open prompts through its partial index
    (migration 0014), so the sweep's cost follows the prompts awaiting reminders, not the
    size of the store."""
    finished = (
        select(ReminderSent.id)
        .where(ReminderSent.delivery_id == PromptDelivery.id)
        .correlate(PromptDelivery)
    )
    within = [
        ProgrammeDay.programme_id.in_(scope.programme_ids)
        & (PromptDelivery.sent_at >= scope.sent_since)
        & ~finished.where(ReminderSent.sequence >= scope.last).exists()
        for scope in scopes
        if scope.programme_ids and scope.last >= 0
    ]
    found: dict[int, PromptDelivery] = {}
    if within:
        since = min(scope.sent_since for scope in scopes)
        for delivery in _awaiting(session, PromptDelivery.sent_at >= since, or_(*within)):
            found[delivery.id] = delivery
    snoozed = _awaiting(
        session, PromptDelivery.snoozed_until.is_not(None), PromptDelivery.sent_at >= snoozed_since
    )
    for delivery in snoozed:
        found.setdefault(delivery.id, delivery)
    return list(found.values())


def _awaiting(session: Session, *conditions) -> Sequence[PromptDelivery]:
    return session.scalars(
        select(PromptDelivery)
        .join(Member, Member.id == PromptDelivery.member_id)
        .join(ProgrammeDay, ProgrammeDay.id == PromptDelivery.day_id)
        .where(
            PromptDelivery.state == "sent",
            *conditions,
            Member.opted_out.is_(False),
            Member.active.is_(True),
            Member.consent_given.is_(True),  # consent taken back: no more reminders either
        )
        .options(
            joinedload(PromptDelivery.member).selectinload(Member.identities),
            joinedload(PromptDelivery.day).joinedload(ProgrammeDay.programme),
        )
    ).all()


def reminder_sequences(session: Session, *, delivery_ids: Sequence[int]) -> dict[int, int]:
    """The highest reminder already sent, per delivery."""
    if not delivery_ids:
        return {}
    rows = session.execute(
        select(ReminderSent.delivery_id, func.max(ReminderSent.sequence))
        .where(ReminderSent.delivery_id.in_(delivery_ids))
        .group_by(ReminderSent.delivery_id)
    )
    return {delivery_id: sequence for delivery_id, sequence in rows}


def claim_reminder(session: Session, *, delivery_id: int, sequence: int, now: datetime) -> bool:
    statement = (
        _insert(session, ReminderSent)
        .values(delivery_id=delivery_id, sequence=sequence, sent_at=now)
        .on_conflict_do_nothing(index_elements=["delivery_id", "sequence"])
        .returning(ReminderSent.id)
    )
    return session.scalar(statement) is not None


def release_reminder(session: Session, *, delivery_id: int, sequence: int) -> None:
    session.execute(
        delete(ReminderSent).where(
            ReminderSent.delivery_id == delivery_id, ReminderSent.sequence == sequence
        )
    )
