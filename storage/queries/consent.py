"""Who is to be asked for consent, and the claim that asks each wording once. None of these commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from storage.models import (
    Member,
    MemberIdentity,
)


def members_to_ask_consent(
    session: Session,
    *,
    programme_id: int,
    version: str,
    not_since: datetime,
    just_reached: Sequence[int] = (),
) -> Sequence[Member]:
    """Members to send the consent wording ``version``: active, not opted out, who have not
    said no, have not agreed to this wording, have not been sent it yet, and were not asked
    (or looked for) since ``not_since``, unless they are among ``just_reached`` (a look that
    found nobody a moment before they arrived must not hold them back a day)."""
    return session.scalars(
        select(Member)
        .where(
            Member.programme_id == programme_id,
            Member.active.is_(True),
            Member.opted_out.is_(False),
            Member.consent_given.is_not(False),
            Member.consent_version.is_distinct_from(version),
            Member.consent_asked_version.is_distinct_from(version),
            or_(
                Member.consent_asked_at.is_(None),
                Member.consent_asked_at < not_since,
                Member.id.in_(just_reached),
            ),
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


def mark_looked_for(session: Session, *, member_id: int, now: datetime) -> None:
    """The member could not be reached for their consent request: look again a day later,
    unless they became reachable meanwhile (an address arrived while we were looking)."""
    reachable = (
        select(MemberIdentity.id)
        .where(MemberIdentity.member_id == member_id, MemberIdentity.address.is_not(None))
        .exists()
    )
    session.execute(
        update(Member)
        .where(Member.id == member_id, ~reachable)
        .values(consent_asked_at=now)
        .execution_options(synchronize_session=False)
    )


def look_again_now(session: Session, *, member_id: int) -> None:
    """The member just became reachable: an undecided, unasked member is asked at the next
    sweep. An UPDATE, not an attribute: a sweep may have written the column meanwhile."""
    session.execute(
        update(Member)
        .where(
            Member.id == member_id,
            Member.consent_given.is_(None),
            Member.consent_asked_version.is_(None),
        )
        .values(consent_asked_at=None)
        .execution_options(synchronize_session=False)
    )
