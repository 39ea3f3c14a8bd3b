"""Members and the identities by which each platform knows them. None of these commits."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session, joinedload, selectinload

from storage.models import (
    ConsentRecord,
    Member,
    MemberIdentity,
    Programme,
    PromptDelivery,
)
from storage.queries.prompts import erase_deliveries


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


def members_known_by(session: Session, *, programme_id: int, person: str) -> Sequence[Member]:
    """A programme's members known by ``person``: a chat ID on any platform, or an e-mail
    address (in any case)."""
    by_identity = select(MemberIdentity.member_id).where(MemberIdentity.external_id == person)
    return session.scalars(
        select(Member)
        .where(
            Member.programme_id == programme_id,
            or_(Member.id.in_(by_identity), func.lower(Member.email) == person.lower()),
        )
        .options(selectinload(Member.identities))
        .order_by(Member.id)
    ).all()


def member(session: Session, *, member_id: int) -> Member | None:
    return session.get(Member, member_id)


def erase_member_data(session: Session, *, member_ids: Sequence[int]) -> int:
    """Delete every delivery of these members (and so their replies and reminders), and their
    consent history."""
    session.execute(delete(ConsentRecord).where(ConsentRecord.member_id.in_(member_ids)))
    deliveries = session.scalars(
        select(PromptDelivery.id).where(PromptDelivery.member_id.in_(member_ids))
    ).all()
    return erase_deliveries(session, delivery_ids=list(deliveries))


def members_matching(
    session: Session, *, platform: str, ids: Sequence[str], emails: Sequence[str]
) -> Sequence[Member]:
    """Active members of programmes on ``platform`` listed under any of these IDs or e-mail
    addresses (e-mail compared without case), with their identities."""
    lowered = [e.lower() for e in emails if e]
    by_id = select(MemberIdentity.member_id).where(
        MemberIdentity.platform == platform, MemberIdentity.external_id.in_(list(ids) or [""])
    )
    return session.scalars(
        select(Member)
        .join(Programme, Programme.id == Member.programme_id)
        .where(
            Programme.platform == platform,
            Member.active.is_(True),
            or_(Member.id.in_(by_id), func.lower(Member.email).in_(lowered or [""])),
        )
        .options(selectinload(Member.identities))
        .order_by(Member.id)
    ).all()


def identities_of(session: Session, *, platform: str, external_id: str) -> Sequence[MemberIdentity]:
    """Every identity (one per programme) of one person on one platform."""
    return session.scalars(
        select(MemberIdentity).where(
            MemberIdentity.platform == platform, MemberIdentity.external_id == external_id
        )
    ).all()


def identity_by_email(session: Session, *, platform: str, email: str) -> MemberIdentity | None:
    """The identity, with an address, of the member with this e-mail on ``platform``."""
    return session.scalars(
        select(MemberIdentity)
        .join(Member, Member.id == MemberIdentity.member_id)
        .where(
            MemberIdentity.platform == platform,
            MemberIdentity.address.is_not(None),
            func.lower(Member.email) == email.lower(),
        )
        .order_by(MemberIdentity.id.desc())
        .limit(1)
    ).first()


def latest_address(session: Session, *, platform: str) -> str | None:
    """The address most recently learned on ``platform`` (any person's)."""
    return session.scalars(
        select(MemberIdentity.address)
        .where(MemberIdentity.platform == platform, MemberIdentity.address.is_not(None))
        .order_by(MemberIdentity.id.desc())
        .limit(1)
    ).first()


def unaddressed_members(session: Session, *, programme_id: int, platform: str) -> Sequence[Member]:
    """Active members of the programme with no address on ``platform`` (not reachable yet)."""
    addressed = select(MemberIdentity.member_id).where(
        MemberIdentity.platform == platform, MemberIdentity.address.is_not(None)
    )
    return session.scalars(
        select(Member)
        .where(
            Member.programme_id == programme_id,
            Member.active.is_(True),
            Member.opted_out.is_(False),
            Member.id.not_in(addressed),
        )
        .order_by(Member.id)
    ).all()
