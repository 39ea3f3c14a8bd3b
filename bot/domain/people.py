"""Finding a member in the chat workspace: by their chat ID, or by e-mail the first time."""

from __future__ import annotations

import logging

from bot.domain.identity import ADDRESSED
from bot.domain.messenger import Messenger, Person
from storage import Session, queries
from storage.models import Member

log = logging.getLogger(__name__)


def reachable_user_id(session: Session, messenger: Messenger, member: Member) -> str | None:
    """The member's ID on the messenger's platform, looking them up by e-mail the first time;
    also fills their name. None when they cannot be messaged (yet)."""
    platform = messenger.platform
    known = member.identity_on(platform)
    if platform in ADDRESSED:
        # Only the person can open the way (installing the app); until then, nobody to ask.
        return known if member.address_on(platform) else None
    if known and member.display_name:
        return known
    person = messenger.find_person(user_id=known, email=member.email)
    if person is None:
        log.warning("member %d cannot be found in the workspace", member.id)
        return known
    if person.user_id != known and any(
        other.programme_id == member.programme_id
        for other in queries.memberships(session, platform=platform, external_id=person.user_id)
    ):
        # Already a member under that ID (listed twice, or erased at their request):
        # taking the ID would break the unique constraint and stall every later sweep.
        log.warning("member %d is %s, who is already a member", member.id, person.user_id)
        return None
    member.set_identity(platform, person.user_id)
    remember(member, person)
    return person.user_id


def needs_lookup(messenger: Messenger, member: Member) -> bool:
    """Whether ``reachable_user_id`` would ask the workspace about this member first."""
    platform = messenger.platform
    if platform in ADDRESSED:
        return False
    return not (member.identity_on(platform) and member.display_name)


def remember(member: Member, person: Person | None) -> None:
    """Keep what the workspace says of a member: their name if we had none, and their time
    zone ("" when unknown, so they are not looked up again; quiet hours then use the
    programme's)."""
    if member.timezone is None:
        member.timezone = (person.timezone if person else None) or ""
    if person and not member.display_name:
        member.display_name = person.display_name
