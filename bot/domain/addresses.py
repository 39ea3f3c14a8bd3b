"""Where a person can be reached, on platforms where they must reach the bot first.

On some platforms (``identity.ADDRESSED``: Teams) the bot cannot open a chat with someone by
their ID alone: it needs the conversation the platform gave it when the person installed the
app. The adapter says so here when it happens (``reached``), with what the platform told it
about the person; this links them to every programme listing them, by ID or e-mail, and keeps
the adapter's opaque address beside their identity. Nothing here reads an address.

Someone listed but not reachable yet is never skipped in silence: ``not_reachable`` names
them for the programme load and for facilitators' status.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.domain.identity import ADDRESSED
from bot.domain.messenger import Person
from storage import Store, queries
from storage.models import Member

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Reached:
    """A person who has just reached the bot, as their platform describes them."""

    platform: str
    user_id: str  # the ID the bot will know them by from now on
    address: str  # the adapter's own, opaque: how to write to them later
    aliases: tuple[str, ...] = ()  # other IDs a programme file may list them under
    emails: tuple[str, ...] = ()  # their e-mail addresses (work e-mail, sign-in name)
    name: str | None = None
    timezone: str | None = None


@dataclass(frozen=True)
class Known:
    """A reachable person, for an adapter that must write to them."""

    user_id: str
    address: str
    name: str | None
    timezone: str | None

    def person(self) -> Person:
        return Person(self.user_id, self.name, self.timezone or None)


class Addresses:
    def __init__(self, *, store: Store) -> None:
        self.store = store

    def reached(self, person: Reached) -> list[int]:
        """Link the person to every active member listing them; returns those members' ids.

        Their consent request, if one is owed, then goes at the next sweep rather than a day
        later: the sweep had been looking for them once a day.
        """
        ids = (person.user_id, *person.aliases)
        linked: list[int] = []
        with self.store.transaction() as session:
            for member in queries.members_matching(
                session, platform=person.platform, ids=ids, emails=person.emails
            ):
                if not _may_take(session, member, person):
                    continue
                member.set_identity(person.platform, person.user_id)
                for identity in member.identities:
                    if identity.platform == person.platform:
                        identity.address = person.address
                if not member.display_name and person.name:
                    member.display_name = person.name
                if person.timezone and not member.timezone:
                    member.timezone = person.timezone
                session.flush()
                queries.look_again_now(session, member_id=member.id)
                linked.append(member.id)
        if not linked:
            log.info("someone reached the bot on %s who is in no programme", person.platform)
        return linked

    def address_of(self, platform: str, user_id: str) -> str | None:
        with self.store.transaction() as session:
            for identity in queries.identities_of(session, platform=platform, external_id=user_id):
                if identity.address:
                    return identity.address
        return None

    def find(
        self, platform: str, *, user_id: str | None = None, email: str | None = None
    ) -> Known | None:
        """A reachable person by their ID or e-mail; None when they have not reached the bot."""
        with self.store.transaction() as session:
            identity = None
            if user_id:
                found = queries.identities_of(session, platform=platform, external_id=user_id)
                identity = next((i for i in found if i.address), None)
            if identity is None and email:
                identity = queries.identity_by_email(session, platform=platform, email=email)
            if identity is None:
                return None
            member = identity.member
            return Known(
                identity.external_id, identity.address, member.display_name, member.timezone
            )

    def gone(self, platform: str, user_id: str) -> None:
        """The person removed or blocked the app: no address until they reach the bot again."""
        with self.store.transaction() as session:
            for identity in queries.identities_of(session, platform=platform, external_id=user_id):
                identity.address = None

    def any_address(self, platform: str) -> str | None:
        """The address learned most recently on the platform (to find its service, say)."""
        with self.store.transaction() as session:
            return queries.latest_address(session, platform=platform)


def not_reachable(session, *, programme_id: int, platform: str) -> list[str]:
    """Who the programme lists but the bot cannot message yet, by name or e-mail; empty on
    platforms where an ID is enough."""
    if platform not in ADDRESSED:
        return []
    return [
        _label(member, platform)
        for member in queries.unaddressed_members(
            session, programme_id=programme_id, platform=platform
        )
    ]


def _label(member: Member, platform: str) -> str:
    return member.display_name or member.email or member.identity_on(platform) or "someone"


def _may_take(session, member: Member, person: Reached) -> bool:
    """False when another member of the same programme already has this ID (listed twice):
    taking it would break the one-person-one-member rule."""
    if member.identity_on(person.platform) == person.user_id:
        return True
    others = queries.memberships(session, platform=person.platform, external_id=person.user_id)
    if any(o.programme_id == member.programme_id and o.id != member.id for o in others):
        log.warning("member %d is %s, who is already a member", member.id, person.user_id)
        return False
    return True
