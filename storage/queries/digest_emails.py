"""The weekly digest's e-mail: queued once per programme and week, claimed before it is
sent, retried at a time kept in the row. None of these commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session

from storage.models import DigestEmail, Member
from storage.queries._common import _insert


def queue_digest_email(
    session: Session,
    *,
    programme_id: int,
    iso_year: int,
    iso_week: int,
    late_since: datetime | None,
    now: datetime,
) -> int | None:
    """Queue the week's e-mail; None when it is queued already (the unique constraint)."""
    statement = (
        _insert(session, DigestEmail)
        .values(
            programme_id=programme_id, iso_year=iso_year, iso_week=iso_week,
            late_since=late_since, state="pending", attempts=0, next_attempt_at=now,
            created_at=now,
        )
        .on_conflict_do_nothing()
        .returning(DigestEmail.id)
    )  # fmt: skip
    return session.scalar(statement)


def _claimable(now: datetime, stale_before: datetime):
    """Due for a try, or claimed by a process that stopped before it finished."""
    return or_(
        and_(DigestEmail.state == "pending", DigestEmail.next_attempt_at <= now),
        and_(DigestEmail.state == "sending", DigestEmail.claimed_at < stale_before),
    )


def digest_emails_due(session: Session, *, now: datetime, stale_before: datetime) -> Sequence[int]:
    return session.scalars(
        select(DigestEmail.id).where(_claimable(now, stale_before)).order_by(DigestEmail.id)
    ).all()


def claim_digest_email(
    session: Session, *, email_id: int, now: datetime, stale_before: datetime
) -> DigestEmail | None:
    """Claim one e-mail for this process (one UPDATE, so two processes cannot both win) and
    count the attempt; None when another got there first or it is not due."""
    claimed = session.execute(
        update(DigestEmail)
        .where(DigestEmail.id == email_id, _claimable(now, stale_before))
        .values(state="sending", claimed_at=now, attempts=DigestEmail.attempts + 1)
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed != 1:
        return None
    return session.get(DigestEmail, email_id, populate_existing=True)


def finish_digest_email(
    session: Session,
    *,
    email_id: int,
    state: str,
    now: datetime,
    error: str | None = None,
    next_attempt_at: datetime | None = None,
) -> None:
    """``sent``, ``failed`` (no more tries) or ``pending`` again at ``next_attempt_at``."""
    values: dict = {"state": state, "last_error": error}
    if state == "sent":
        values["sent_at"] = now
    if next_attempt_at is not None:
        values["next_attempt_at"] = next_attempt_at
    session.execute(
        update(DigestEmail)
        .where(DigestEmail.id == email_id, DigestEmail.state == "sending")
        .values(**values)
        .execution_options(synchronize_session=False)
    )


def facilitator_identities(session: Session, *, programme_id: int, platform: str) -> list[str]:
    """The chat IDs, on ``platform``, of a programme's facilitators still in its file."""
    members = session.scalars(
        select(Member).where(
            Member.programme_id == programme_id,
            Member.role == "facilitator",
            Member.active.is_(True),
            Member.erased_at.is_(None),
        )
    ).all()
    return [m.identity_on(platform) for m in members if m.identity_on(platform)]
