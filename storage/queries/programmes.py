"""Programmes, their teams and their days. None of these commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from storage.models import (
    Programme,
    ProgrammeDay,
    PromptDelivery,
    Team,
)


def programme_by_name(session: Session, *, name: str) -> Programme | None:
    return session.scalar(select(Programme).where(Programme.name == name))


def programmes(session: Session) -> Sequence[Programme]:
    return session.scalars(select(Programme).order_by(Programme.id)).all()


def programme(session: Session, *, programme_id: int) -> Programme | None:
    return session.get(Programme, programme_id)


def live_programmes(session: Session, *, since: datetime) -> Sequence[Programme]:
    """Programmes with a prompt still to come (or due since ``since``): worth asking consent for."""
    upcoming = select(ProgrammeDay.programme_id).where(ProgrammeDay.prompt_at >= since)
    return session.scalars(
        select(Programme).where(Programme.id.in_(upcoming)).order_by(Programme.id)
    ).all()


def teams(session: Session, *, programme_id: int) -> Sequence[Team]:
    return session.scalars(
        select(Team).where(Team.programme_id == programme_id).order_by(Team.id)
    ).all()


def programme_days(session: Session, *, programme_id: int) -> Sequence[ProgrammeDay]:
    """A programme's days in the order they end."""
    return session.scalars(
        select(ProgrammeDay)
        .where(ProgrammeDay.programme_id == programme_id)
        .order_by(ProgrammeDay.ends_at)
    ).all()


def day_has_prompts(session: Session, *, day_id: int) -> bool:
    return (
        session.scalar(select(PromptDelivery.id).where(PromptDelivery.day_id == day_id).limit(1))
        is not None
    )


def days_due(session: Session, *, since: datetime, until: datetime) -> Sequence[ProgrammeDay]:
    return session.scalars(
        select(ProgrammeDay)
        .where(ProgrammeDay.prompt_at <= until, ProgrammeDay.prompt_at >= since)
        .options(joinedload(ProgrammeDay.programme))
        .order_by(ProgrammeDay.prompt_at)
    ).all()


def days_between(
    session: Session, *, programme_id: int, first: date, last: date
) -> Sequence[ProgrammeDay]:
    return session.scalars(
        select(ProgrammeDay)
        .where(
            ProgrammeDay.programme_id == programme_id,
            ProgrammeDay.date >= first,
            ProgrammeDay.date <= last,
        )
        .order_by(ProgrammeDay.ends_at)
    ).all()


def days_prompting_after(session: Session, *, since: datetime) -> Sequence[ProgrammeDay]:
    """Programme days whose prompt is later than ``since`` (the scheduler's date jobs)."""
    return session.scalars(select(ProgrammeDay).where(ProgrammeDay.prompt_at > since)).all()


def programmes_with_weekly_digest(session: Session) -> Sequence[Programme]:
    """With their days, in one more query rather than one a programme (the sweep reads them)."""
    return session.scalars(
        select(Programme)
        .where(Programme.digest_weekly.is_not(None))
        .options(selectinload(Programme.days))
        .order_by(Programme.id)
    ).all()
