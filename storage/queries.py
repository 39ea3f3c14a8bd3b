"""Query functions over a session the caller owns. None of them commits."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from sqlalchemy import Select, delete, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, joinedload, selectinload

from storage.models import (
    Answer,
    ConsentRecord,
    DigestPosted,
    Member,
    MemberIdentity,
    ProcessedEvent,
    Programme,
    ProgrammeDay,
    PromptDelivery,
    ReminderSent,
    Reply,
    Team,
)


def _insert(session: Session, table):
    """An INSERT that can say ON CONFLICT DO NOTHING on both SQLite and PostgreSQL."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    return dialect.insert(table)


def programme_by_name(session: Session, *, name: str) -> Programme | None:
    return session.scalar(select(Programme).where(Programme.name == name))


def programmes(session: Session) -> Sequence[Programme]:
    return session.scalars(select(Programme).order_by(Programme.id)).all()


def memberships(session: Session, *, platform: str, external_id: str) -> Sequence[Member]:
    """Every programme membership of one person on one platform, newest programme first."""
    return session.scalars(
        select(Member)
        .join(MemberIdentity, MemberIdentity.member_id == Member.id)
        .where(MemberIdentity.platform == platform, MemberIdentity.external_id == external_id)
        .options(joinedload(Member.team))
        .order_by(Member.programme_id.desc())
    ).all()


def programme_members(session: Session, *, programme_id: int) -> Sequence[Member]:
    """Everyone a programme has ever listed, with their identities."""
    return session.scalars(
        select(Member)
        .where(Member.programme_id == programme_id)
        .options(selectinload(Member.identities))
        .order_by(Member.id)
    ).all()


def member_for_user(session: Session, *, platform: str, external_id: str) -> Member | None:
    """The person's membership in their newest programme that still lists them."""
    for member in memberships(session, platform=platform, external_id=external_id):
        if member.active:
            return member
    return None


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


def live_programmes(session: Session, *, since: datetime) -> Sequence[Programme]:
    """Programmes with a prompt still to come (or due since ``since``): worth asking consent for."""
    upcoming = select(ProgrammeDay.programme_id).where(ProgrammeDay.prompt_at >= since)
    return session.scalars(
        select(Programme).where(Programme.id.in_(upcoming)).order_by(Programme.id)
    ).all()


def members_to_ask_consent(
    session: Session, *, programme_id: int, version: str, not_since: datetime
) -> Sequence[Member]:
    """Members to send the consent wording ``version``: active, not opted out, who have not
    said no, have not agreed to this wording, have not been sent it yet, and were not asked
    (or looked for) since ``not_since``."""
    return session.scalars(
        select(Member)
        .where(
            Member.programme_id == programme_id,
            Member.active.is_(True),
            Member.opted_out.is_(False),
            Member.consent_given.is_not(False),
            Member.consent_version.is_distinct_from(version),
            Member.consent_asked_version.is_distinct_from(version),
            or_(Member.consent_asked_at.is_(None), Member.consent_asked_at < not_since),
        )
        .order_by(Member.id)
    ).all()


def undecided_members(session: Session) -> Sequence[Member]:
    """Every member who has not said yes or no to any consent wording."""
    return session.scalars(
        select(Member).where(Member.consent_given.is_(None)).order_by(Member.id)
    ).all()


def claim_consent_request(session: Session, *, member_id: int, version: str, now: datetime) -> bool:
    """Mark the wording as sent to the member before it is sent; False if it already was."""
    claimed = session.execute(
        update(Member)
        .where(
            Member.id == member_id,
            Member.consent_asked_version.is_distinct_from(version),
        )
        .values(consent_asked_version=version, consent_asked_at=now)
        .execution_options(synchronize_session="fetch")
    )
    return claimed.rowcount == 1


def release_consent_request(session: Session, *, member_id: int) -> None:
    """The request did not go out: let the next sweep send it."""
    session.execute(
        update(Member)
        .where(Member.id == member_id)
        .values(consent_asked_version=None, consent_asked_at=None)
        .execution_options(synchronize_session="fetch")
    )


def days_due(session: Session, *, since: datetime, until: datetime) -> Sequence[ProgrammeDay]:
    return session.scalars(
        select(ProgrammeDay)
        .where(ProgrammeDay.prompt_at <= until, ProgrammeDay.prompt_at >= since)
        .options(joinedload(ProgrammeDay.programme))
        .order_by(ProgrammeDay.prompt_at)
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
    return session.scalar(
        select(PromptDelivery)
        .where(PromptDelivery.id == delivery_id)
        .options(
            joinedload(PromptDelivery.member).joinedload(Member.team),
            joinedload(PromptDelivery.member).selectinload(Member.identities),
            joinedload(PromptDelivery.day).joinedload(ProgrammeDay.programme),
            joinedload(PromptDelivery.reply).selectinload(Reply.answers),
        )
    )


def set_delivery_state(session: Session, *, delivery_id: int, state: str, **values: object) -> None:
    session.execute(
        update(PromptDelivery).where(PromptDelivery.id == delivery_id).values(state=state, **values)
    )


def latest_delivery(
    session: Session, *, member_id: int, states: Sequence[str]
) -> PromptDelivery | None:
    return session.scalar(
        select(PromptDelivery)
        .join(ProgrammeDay)
        .where(PromptDelivery.member_id == member_id, PromptDelivery.state.in_(states))
        .order_by(ProgrammeDay.ends_at.desc(), PromptDelivery.id.desc())
        .limit(1)
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


def deliveries_awaiting_answer(
    session: Session, *, sent_since: datetime
) -> Sequence[PromptDelivery]:
    """Sent prompts with neither answer nor skip, to members still willing to be asked."""
    return session.scalars(
        select(PromptDelivery)
        .join(Member)
        .where(
            PromptDelivery.state == "sent",
            PromptDelivery.sent_at >= sent_since,
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


def claim_event(session: Session, *, event_id: str, now: datetime) -> bool:
    """Record a Slack event id; False when it was seen before (a retry)."""
    statement = (
        _insert(session, ProcessedEvent)
        .values(event_id=event_id, received_at=now)
        .on_conflict_do_nothing(index_elements=["event_id"])
        .returning(ProcessedEvent.event_id)
    )
    return session.scalar(statement) is not None


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


def delivery_counts(
    session: Session, *, day_ids: Sequence[int]
) -> list[tuple[int | None, str, bool | None, int]]:
    """(team id, delivery state, anonymous, how many) for the given days, in one query."""
    if not day_ids:
        return []
    rows = session.execute(
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
    return [tuple(row) for row in rows]


def _digest_answers(*extra) -> Select:
    """Answer rows as a digest reads them, with any ``extra`` columns; replies showing signs
    of risk go to the safeguarding leads, never into a digest. Each row carries its reply's
    usage choice: the digest counts every reply and quotes only those that allow it."""
    return (
        select(
            Member.team_id, Answer.question_id, Answer.text, Reply.usage,
            Member.display_name, Answer.theme, Member.participant_role, Reply.id, *extra,
        )
        .select_from(Answer)
        .join(Reply, Reply.id == Answer.reply_id)
        .join(PromptDelivery, PromptDelivery.id == Reply.delivery_id)
        .join(Member, Member.id == PromptDelivery.member_id)
        .where(Reply.safeguarding.is_(None))
        .order_by(Reply.created_at, Answer.id)
    )  # fmt: skip


def answers_for_days(
    session: Session, *, day_ids: Sequence[int], team_id: int | None = None
) -> Select:
    """Answer rows with what a digest needs, oldest first; streamed by the caller.

    Ordered by time without selecting it: turning 150,000 timestamps into Python objects was a
    third of a large digest's build time (bench/digest.py).
    """
    statement = _digest_answers().where(PromptDelivery.day_id.in_(day_ids))
    if team_id is not None:
        statement = statement.where(Member.team_id == team_id)
    return statement


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
        .where(ProgrammeDay.programme_id == programme_id)
        .order_by(ProgrammeDay.ends_at, Member.id)
    ).all()


def _any_identity():
    """A member's chat ID, for a row that has no name yet."""
    return (
        select(MemberIdentity.external_id)
        .where(MemberIdentity.member_id == Member.id)
        .order_by(MemberIdentity.id)
        .limit(1)
        .scalar_subquery()
    )


def teams(session: Session, *, programme_id: int) -> Sequence[Team]:
    return session.scalars(
        select(Team).where(Team.programme_id == programme_id).order_by(Team.id)
    ).all()


def erase_member_data(session: Session, *, member_ids: Sequence[int]) -> int:
    """Delete every delivery of these members (and so their replies and reminders), and their
    consent history."""
    session.execute(delete(ConsentRecord).where(ConsentRecord.member_id.in_(member_ids)))
    deliveries = session.scalars(
        select(PromptDelivery.id).where(PromptDelivery.member_id.in_(member_ids))
    ).all()
    return erase_deliveries(session, delivery_ids=list(deliveries))


def erase_reply(session: Session, *, reply_id: int) -> None:
    """Delete one reply and its answers (children first, as in ``erase_deliveries``)."""
    session.execute(delete(Answer).where(Answer.reply_id == reply_id))
    session.execute(delete(Reply).where(Reply.id == reply_id))


def erase_deliveries(session: Session, *, delivery_ids: Sequence[int]) -> int:
    """Delete deliveries with their answers, replies and reminders; returns replies deleted.

    Children go first, explicitly: SQLite only cascades when its foreign keys pragma is on.
    """
    if not delivery_ids:
        return 0
    replies = select(Reply.id).where(Reply.delivery_id.in_(delivery_ids))
    session.execute(delete(Answer).where(Answer.reply_id.in_(replies)))
    count = session.execute(delete(Reply).where(Reply.delivery_id.in_(delivery_ids))).rowcount
    session.execute(delete(ReminderSent).where(ReminderSent.delivery_id.in_(delivery_ids)))
    session.execute(delete(PromptDelivery).where(PromptDelivery.id.in_(delivery_ids)))
    return count


def theme_counts(session: Session, *, day_ids: Sequence[int]) -> list[tuple[str, str | None, int]]:
    """(question id, theme, answers) over the given days: last period's themes, for trends."""
    if not day_ids:
        return []
    rows = session.execute(
        select(Answer.question_id, Answer.theme, func.count(Answer.id))
        .join(Reply, Reply.id == Answer.reply_id)
        .join(PromptDelivery, PromptDelivery.id == Reply.delivery_id)
        .where(PromptDelivery.day_id.in_(day_ids))
        .group_by(Answer.question_id, Answer.theme)
    )
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
            ProgrammeDay.programme_id == programme_id,
            ProgrammeDay.date >= first,
            ProgrammeDay.date <= last,
            PromptDelivery.state.not_in(("pending", "failed")),
        )
        .group_by(ProgrammeDay.date, Member.team_id, PromptDelivery.state)
    )
    return [tuple(row) for row in rows]


def answers_since(session: Session, *, programme_id: int, before: date, since: datetime) -> Select:
    """Answers to days before ``before`` saved after ``since``: the candidates for a weekly
    digest's "arrived late" part (the caller keeps those whose own week's digest was out)."""
    return (
        _digest_answers(ProgrammeDay.date, Reply.created_at)
        .join(ProgrammeDay, ProgrammeDay.id == PromptDelivery.day_id)
        .where(
            ProgrammeDay.programme_id == programme_id,
            ProgrammeDay.date < before,
            Reply.created_at > since,
        )
    )


def weekly_digests(session: Session, *, programme_id: int) -> Sequence[DigestPosted]:
    return session.scalars(
        select(DigestPosted)
        .where(DigestPosted.programme_id == programme_id, DigestPosted.kind == "weekly")
        .order_by(DigestPosted.iso_year, DigestPosted.iso_week)
    ).all()


def withheld_replies(session: Session, *, day_ids: Sequence[int]) -> int:
    """Replies kept out of the digest for safeguarding: counted, never shown."""
    if not day_ids:
        return 0
    return session.scalar(
        select(func.count(Reply.id))
        .join(PromptDelivery, PromptDelivery.id == Reply.delivery_id)
        .where(PromptDelivery.day_id.in_(day_ids), Reply.safeguarding.is_not(None))
    )


def export_answers(session: Session, *, programme_id: int):
    """Every answer of a programme for the export, oldest day first, in batches: (day name,
    day date, team name, question id, text, theme, participant role, usage, chat ID,
    created, edited). Replies showing signs of risk are for the safeguarding leads only."""
    return session.execute(
        select(
            ProgrammeDay.name, ProgrammeDay.date, Team.name, Answer.question_id, Answer.text,
            Answer.theme, Member.participant_role, Reply.usage, _any_identity(),
            Reply.created_at, Reply.edited_at,
        )
        .select_from(Answer)
        .join(Reply, Reply.id == Answer.reply_id)
        .join(PromptDelivery, PromptDelivery.id == Reply.delivery_id)
        .join(ProgrammeDay, ProgrammeDay.id == PromptDelivery.day_id)
        .join(Member, Member.id == PromptDelivery.member_id)
        .outerjoin(Team, Team.id == Member.team_id)
        .where(ProgrammeDay.programme_id == programme_id, Reply.safeguarding.is_(None))
        .order_by(ProgrammeDay.date, Team.name, Reply.created_at, Answer.id)
        .execution_options(yield_per=2000)
    )  # fmt: skip


def programme(session: Session, *, programme_id: int) -> Programme | None:
    return session.get(Programme, programme_id)
