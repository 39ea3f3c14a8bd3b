"""What a digest, the status and the weekly post read, and the record of digests posted. None of these commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import Select, delete, func, select, update
from sqlalchemy.orm import Session

from storage.models import (
    Answer,
    DigestPosted,
    Member,
    ProgrammeDay,
    PromptDelivery,
    Reply,
)
from storage.queries._common import _any_identity, _held_back, _insert, _shown


def digest_posted(
    session: Session, *, programme_id: int, iso_year: int, iso_week: int, team_id: int | None
) -> bool:
    """Whether a digest covering this team (or every team) for the week has been posted."""
    return (
        session.scalar(
            select(func.count(DigestPosted.id)).where(
                DigestPosted.programme_id == programme_id,
                DigestPosted.iso_year == iso_year,
                DigestPosted.iso_week == iso_week,
                (DigestPosted.team_id.is_(None) | (DigestPosted.team_id == team_id)),
            )
        )
        > 0
    )


def _own_members(statement: Select, programme_id: int | None) -> Select:
    """Only the programme's own members: the same rows, but PostgreSQL then reads them by the
    programme's index instead of hashing every programme's members (bench/national.py)."""
    return (
        statement if programme_id is None else statement.where(Member.programme_id == programme_id)
    )


def _days_of(programme_id: int, first: date | None = None, last: date | None = None) -> Select:
    """A programme's day ids, for prompts to be filtered by their day (``day_id IN (…)``):
    joined through the days and filtered there instead, PostgreSQL's planner reads every
    programme's prompts (bench/national.py)."""
    statement = select(ProgrammeDay.id).where(ProgrammeDay.programme_id == programme_id)
    if first is not None:
        statement = statement.where(ProgrammeDay.date >= first)
    if last is not None:
        statement = statement.where(ProgrammeDay.date <= last)
    return statement


def delivery_counts(
    session: Session, *, day_ids: Sequence[int], programme_id: int | None = None
) -> list[tuple[int | None, str, bool | None, int]]:
    """(team id, delivery state, anonymous, how many) for the given days, in one query."""
    if not day_ids:
        return []
    statement = (
        select(Member.team_id, PromptDelivery.state, Reply.anonymous, func.count(PromptDelivery.id))
        .select_from(PromptDelivery)
        .join(Member, Member.id == PromptDelivery.member_id)
        .outerjoin(Reply, Reply.delivery_id == PromptDelivery.id)
        # A failed delivery never reached anyone, so it is not "prompted" in "N of M answered".
        .where(
            PromptDelivery.day_id.in_(day_ids), PromptDelivery.state.not_in(("pending", "failed"))
        )
        .group_by(Member.team_id, PromptDelivery.state, Reply.anonymous)
    )
    return [tuple(row) for row in session.execute(_own_members(statement, programme_id))]


def _digest_answers(*extra) -> Select:
    """Answer rows as a digest reads them, with any ``extra`` columns; replies showing signs
    of risk go to the safeguarding leads, not into a digest, unless a lead put them back.
    Each row carries its reply's usage choice: the digest counts every reply and quotes only
    those that allow it."""
    return (
        select(
            Member.team_id, Answer.question_id, Answer.text, Reply.usage,
            Member.display_name, Answer.theme, Member.participant_role, Reply.id, *extra,
        )
        .select_from(Answer)
        .join(Reply, Reply.id == Answer.reply_id)
        .join(PromptDelivery, PromptDelivery.id == Reply.delivery_id)
        .join(Member, Member.id == PromptDelivery.member_id)
        .where(_shown())
        .order_by(Reply.created_at, Answer.id)
    )  # fmt: skip


def answers_for_days(
    session: Session,
    *,
    day_ids: Sequence[int],
    team_id: int | None = None,
    programme_id: int | None = None,
) -> Select:
    """Answer rows with what a digest needs, oldest first; streamed by the caller.

    Ordered by time without selecting it: turning 150,000 timestamps into Python objects was a
    third of a large digest's build time (bench/digest.py).
    """
    statement = _digest_answers().where(PromptDelivery.day_id.in_(day_ids))
    if team_id is not None:
        statement = statement.where(Member.team_id == team_id)
    return _own_members(statement, programme_id)


def answers_since(session: Session, *, programme_id: int, before: date, since: datetime):
    """Answers to days before ``before`` saved after ``since``: the candidates for a weekly
    digest's "arrived late" part (the caller keeps those whose own week's digest was out)."""
    return session.execute(
        _digest_answers(ProgrammeDay.date, Reply.created_at)
        .join(ProgrammeDay, ProgrammeDay.id == PromptDelivery.day_id)
        .where(
            ProgrammeDay.programme_id == programme_id,
            ProgrammeDay.date < before,
            Reply.created_at > since,
        )
    )


def late_replies_exist(
    session: Session, *, programme_id: int, before: date, since: datetime
) -> bool:
    """Whether any reply to a day before ``before`` was saved after ``since``: the cheap
    question before a weekly digest of late replies only is built. Written from the replies
    saved since then (ix_replies_created_at: few), not from the programme's whole history."""
    days = select(ProgrammeDay.id).where(
        ProgrammeDay.programme_id == programme_id, ProgrammeDay.date < before
    )
    prompts = select(PromptDelivery.id).where(PromptDelivery.day_id.in_(days))
    return (
        session.scalar(
            select(Reply.id)
            .where(
                Reply.created_at > since,
                Reply.safeguarding.is_(None),
                # Through a function, so no database starts from the programme's prompts.
                func.coalesce(Reply.delivery_id, 0).in_(prompts),
            )
            .limit(1)
        )
        is not None
    )


def status_rows(session: Session, *, programme_id: int):
    """(day, team id, member display name or id, state, anonymous) for every delivery."""
    return session.execute(
        select(
            ProgrammeDay.id,
            Member.team_id,
            func.coalesce(Member.display_name, _any_identity(), Member.email),
            PromptDelivery.state,
            Reply.anonymous,
        )
        .select_from(PromptDelivery)
        .join(ProgrammeDay, ProgrammeDay.id == PromptDelivery.day_id)
        .join(Member, Member.id == PromptDelivery.member_id)
        .outerjoin(Reply, Reply.delivery_id == PromptDelivery.id)
        .where(
            PromptDelivery.day_id.in_(_days_of(programme_id)), Member.programme_id == programme_id
        )
        .order_by(ProgrammeDay.ends_at, Member.id)
    ).all()


def theme_counts(
    session: Session, *, day_ids: Sequence[int], team_ids: Sequence[int] | None = None
) -> list[tuple[str, str | None, int]]:
    """(question id, theme, answers) over the given days: last period's themes, for trends;
    with ``team_ids``, only those teams' answers (the digest's own rows)."""
    if not day_ids or team_ids == []:
        return []
    statement = (
        select(Answer.question_id, Answer.theme, func.count(Answer.id))
        .join(Reply, Reply.id == Answer.reply_id)
        .join(PromptDelivery, PromptDelivery.id == Reply.delivery_id)
        .where(PromptDelivery.day_id.in_(day_ids))
        .group_by(Answer.question_id, Answer.theme)
    )
    if team_ids is not None:
        statement = statement.join(Member, Member.id == PromptDelivery.member_id).where(
            Member.team_id.in_(team_ids)
        )
    rows = session.execute(statement)
    return [tuple(row) for row in rows]


def rate_series(
    session: Session, *, programme_id: int, first: date, last: date
) -> list[tuple[date, int | None, str, int]]:
    """(day date, team id, delivery state, how many) per programme day: the chart's data."""
    rows = session.execute(
        select(
            ProgrammeDay.date, Member.team_id, PromptDelivery.state, func.count(PromptDelivery.id)
        )
        .join(PromptDelivery, PromptDelivery.day_id == ProgrammeDay.id)
        .join(Member, Member.id == PromptDelivery.member_id)
        .where(
            PromptDelivery.day_id.in_(_days_of(programme_id, first, last)),
            Member.programme_id == programme_id,
            PromptDelivery.state.not_in(("pending", "failed")),
        )
        .group_by(ProgrammeDay.date, Member.team_id, PromptDelivery.state)
    )
    return [tuple(row) for row in rows]


def weekly_digests(session: Session, *, programme_id: int) -> Sequence[DigestPosted]:
    return session.scalars(
        select(DigestPosted)
        .where(DigestPosted.programme_id == programme_id, DigestPosted.kind == "weekly")
        .order_by(DigestPosted.iso_year, DigestPosted.iso_week)
    ).all()


def weekly_digest_weeks(
    session: Session, *, programme_ids: Sequence[int]
) -> dict[tuple[int, int, int], datetime]:
    """{(programme id, ISO year, ISO week): when} for every weekly digest claimed or posted for
    these programmes, in one query: the sweep needs no query per programme to know them."""
    if not programme_ids:
        return {}
    rows = session.execute(
        select(
            DigestPosted.programme_id,
            DigestPosted.iso_year,
            DigestPosted.iso_week,
            DigestPosted.posted_at,
        ).where(DigestPosted.programme_id.in_(programme_ids), DigestPosted.kind == "weekly")
    )
    return {(p, year, week): at for p, year, week, at in rows}


def withheld_replies(session: Session, *, day_ids: Sequence[int]) -> int:
    """Replies kept out of the digest for safeguarding (flagged, and not put back by a lead):
    counted, never shown."""
    if not day_ids:
        return 0
    return session.scalar(
        select(func.count(Reply.id))
        .join(PromptDelivery, PromptDelivery.id == Reply.delivery_id)
        .where(PromptDelivery.day_id.in_(day_ids), _held_back())
    )


def claim_weekly_digest(
    session: Session,
    *,
    programme_id: int,
    iso_year: int,
    iso_week: int,
    channel: str,
    now: datetime,
) -> int | None:
    """Claim the week's weekly digest; None when it is claimed already (the partial unique
    index refuses a second), so exactly one sweep or process posts it."""
    statement = (
        _insert(session, DigestPosted)
        .values(
            programme_id=programme_id, iso_year=iso_year, iso_week=iso_week, team_id=None,
            channel=channel, posted_at=now, kind="weekly", state="claimed",
        )
        .on_conflict_do_nothing()
        .returning(DigestPosted.id)
    )  # fmt: skip
    return session.scalar(statement)


def release_weekly_digest(session: Session, *, claim_id: int) -> None:
    session.execute(delete(DigestPosted).where(DigestPosted.id == claim_id))


def mark_weekly_digest_posted(
    session: Session, *, claim_id: int, message_ref: str | None, now: datetime
) -> None:
    session.execute(
        update(DigestPosted)
        .where(DigestPosted.id == claim_id)
        .values(state="posted", message_ref=message_ref, posted_at=now)
    )
