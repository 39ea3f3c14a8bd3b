"""A member's own choices: pause, resume, and erasing everything of theirs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from bot.domain.clock import Clock
from bot.domain.errors import NotAllowed, NotAMember, UserError
from bot.domain.identity import Identity
from bot.domain.programmes import email_hash
from bot.domain.usage import MOST_PRIVATE, checked
from bot.domain.wording import command
from storage import Store, queries


def away_until(text: str, today: date) -> date:
    """The last day someone will be away, as typed or picked: from today up to a year ahead."""
    try:
        until = date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(
            f"Please give the last day you'll be away, like {command('away 2024-06-30')}."
        ) from None
    if not today <= until <= today + timedelta(days=366):
        raise UserError("Please give a date from today up to a year ahead.")
    return until


@dataclass(frozen=True)
class Facilitator:
    """Someone who may ask for the programme's digests, status and export."""

    member_id: int
    programme_id: int
    programme: str  # its name


@dataclass(frozen=True)
class Erased:
    replies: int
    programmes: int


# What forget-me clears on a member's row (the team and role too: with a name gone, a team
# and a role can still point at one person).
ERASED_FIELDS = (
    "display_name", "email", "team_id", "participant_role", "timezone", "away_until",
    "consent_version", "consent_given", "consent_at", "consent_asked_version",
    "consent_asked_at",
)  # fmt: skip


class Members:
    def __init__(self, *, store: Store, clock: Clock) -> None:
        self.store = store
        self.clock = clock

    def set_paused(self, *, who: Identity, paused: bool) -> bool:
        """Stop or restart prompts in every programme; returns whether anything changed."""
        with self.store.transaction() as session:
            found = queries.memberships(session, platform=who.platform, external_id=who.id)
            if not found:
                raise NotAMember()
            changed = any(m.opted_out != paused for m in found)
            for member in found:
                member.opted_out = paused
                if not paused:  # taking part again, by their own choice, after forget-me
                    member.erased_at = member.erased_email_hash = None
            return changed

    def forget(self, *, who: Identity) -> Erased:
        """Erase everything a member wrote, anonymous replies too, and their personal details.

        The row stays only as a "do not prompt" mark: their chat identity, opted out, and a
        one-way hash of the e-mail the file listed them by, so reloading the file neither signs
        them up again nor brings anything back. Everything else about them is cleared.
        """
        now = self.clock.now()
        with self.store.transaction() as session:
            found = queries.memberships(session, platform=who.platform, external_id=who.id)
            if not found:
                raise NotAMember()
            replies = queries.erase_member_data(session, member_ids=[m.id for m in found])
            for member in found:
                if member.email:
                    member.erased_email_hash = email_hash(member.email)
                member.erased_at = now
                member.opted_out = True
                for name in ERASED_FIELDS:
                    setattr(member, name, None)
                member.default_usage = MOST_PRIVATE
                for identity in member.identities:
                    identity.address = None  # how to write to them is theirs too
            return Erased(replies=replies, programmes=len(found))

    def facilitator(self, *, who: Identity) -> Facilitator:
        """The person's facilitator membership, or a refusal that reveals nothing."""
        with self.store.transaction() as session:
            member = queries.member_for_user(session, platform=who.platform, external_id=who.id)
            if member is None or member.role != "facilitator":
                raise NotAllowed()
            return Facilitator(member.id, member.programme_id, member.programme.name)

    def is_member(self, *, who: Identity) -> bool:
        with self.store.transaction() as session:
            return bool(queries.memberships(session, platform=who.platform, external_id=who.id))

    def set_default_usage(self, *, who: Identity, usage: str) -> None:
        """How their new replies may be used unless they choose otherwise on the reply."""
        self._set_everywhere(who, default_usage=checked(usage))

    def set_away(self, *, who: Identity, until: date | None) -> None:
        """No prompts or reminders for programme days up to and including ``until``."""
        self._set_everywhere(who, away_until=until)

    def _set_everywhere(self, who: Identity, **values: object) -> None:
        """A person's own choice holds in every programme they are in."""
        with self.store.transaction() as session:
            found = queries.memberships(session, platform=who.platform, external_id=who.id)
            if not found:
                raise NotAMember()
            for member in found:
                for name, value in values.items():
                    setattr(member, name, value)
