"""Replies and answers: events already acted on, erasure, and themes to assign again. None of these commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Connection, delete, literal_column, or_, select, text
from sqlalchemy.orm import Session

from storage.models import (
    Answer,
    ProcessedEvent,
    ProgrammeDay,
    PromptDelivery,
    Reply,
    SafeguardingAlertCopy,
    SafeguardingCheckIn,
)
from storage.queries._common import _insert


def claim_event(session: Session | Connection, *, event_id: str, now: datetime) -> bool:
    """Record a Slack event id; False when it was seen before (a retry). Works on a session
    or on a bare connection (``Store.statements``)."""
    statement = (
        _insert(session, ProcessedEvent)
        .values(event_id=event_id, received_at=now)
        .on_conflict_do_nothing(index_elements=["event_id"])
        .returning(ProcessedEvent.event_id)
    )
    return session.scalar(statement) is not None


def erase_reply(session: Session, *, reply_id: int) -> None:
    """Delete one reply and its answers (children first, as in ``erase_deliveries``)."""
    session.execute(delete(Answer).where(Answer.reply_id == reply_id))
    session.execute(delete(SafeguardingAlertCopy).where(SafeguardingAlertCopy.reply_id == reply_id))
    session.execute(delete(SafeguardingCheckIn).where(SafeguardingCheckIn.reply_id == reply_id))
    session.execute(delete(Reply).where(Reply.id == reply_id))


def answers_to_retheme(
    session: Session, *, programme_id: int, version: str, untagged_only: bool, limit: int
) -> Sequence[Answer]:
    """Answers of a programme themed by another codebook version (or not yet at all)."""
    stale = (
        Answer.theme_version.is_(None)
        if untagged_only
        else or_(Answer.theme_version.is_(None), Answer.theme_version != version)
    )
    return session.scalars(
        select(Answer)
        .join(Reply, Reply.id == Answer.reply_id)
        .join(PromptDelivery, PromptDelivery.id == Reply.delivery_id)
        .join(ProgrammeDay, ProgrammeDay.id == PromptDelivery.day_id)
        .where(ProgrammeDay.programme_id == programme_id, stale)
        .limit(limit)
    ).all()


def programmes_with_untagged_answers(session: Session) -> Sequence[int]:
    """Programmes with an answer not yet themed. Written from the answers up, so that every
    database starts from ix_answers_theme_version (a handful of rows, usually none) rather
    than from the programmes down through all their answers."""
    untagged = select(Answer.reply_id).where(Answer.theme_version.is_(None))
    if session.get_bind().dialect.name == "sqlite":
        # Once ANALYZEd, SQLite sees one theme version across the table and reads it all.
        untagged = (
            select(literal_column("reply_id"))
            .select_from(text("answers INDEXED BY ix_answers_theme_version"))
            .where(text("theme_version IS NULL"))
        )
    replies = select(Reply.delivery_id).where(Reply.id.in_(untagged))
    deliveries = select(PromptDelivery.day_id).where(PromptDelivery.id.in_(replies))
    return session.scalars(
        select(ProgrammeDay.programme_id).where(ProgrammeDay.id.in_(deliveries)).distinct()
    ).all()


def release_event(session: Session, *, event_id: str) -> None:
    """Forget an id claimed for a request that then failed, so its retry is acted on."""
    session.execute(delete(ProcessedEvent).where(ProcessedEvent.event_id == event_id))


def forget_events_before(session: Session, *, before: datetime) -> int:
    """Drop ids older than any retry or replay window; returns how many went."""
    return session.execute(
        delete(ProcessedEvent).where(ProcessedEvent.received_at < before)
    ).rowcount
