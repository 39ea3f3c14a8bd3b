"""A member's own choices: pause, resume, and erasing everything of theirs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from bot.domain.errors import NotAllowed, NotAMember, UserError
from bot.domain.usage import checked
from storage import Store, queries
from storage.models import Member, Programme


def away_until(text: str, today: date) -> date:
    """The last day someone will be away, as typed or picked: from today up to a year ahead."""
    try:
        until = date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(
            "Please give the last day you'll be away, like `/copro away 2024-06-30`."
        ) from None
    if not today <= until <= today + timedelta(days=366):
        raise UserError("Please give a date from today up to a year ahead.")
    return until


@dataclass(frozen=True)
class Erased:
    replies: int
    programmes: int


class Members:
    def __init__(self, *, store: Store) -> None:
        self.store = store

    def set_paused(self, *, user_id: str, paused: bool) -> bool:
        """Stop or restart prompts in every programme; returns whether anything changed."""
        with self.store.transaction() as session:
            found = queries.memberships(session, slack_user_id=user_id)
            if not found:
                raise NotAMember()
            changed = any(m.opted_out != paused for m in found)
            for member in found:
                member.opted_out = paused
            return changed

    def forget(self, *, user_id: str) -> Erased:
        """Erase everything a member wrote, anonymous replies too, and their personal details.

        The row itself stays, opted out and stripped to the Slack ID the programme file already
        holds, so that reloading the file does not quietly sign them up again.
        """
        with self.store.transaction() as session:
            found = queries.memberships(session, slack_user_id=user_id)
            if not found:
                raise NotAMember()
            replies = queries.erase_member_data(session, member_ids=[m.id for m in found])
            for member in found:
                member.display_name = None
                member.email = None
                member.opted_out = True
                member.consent_version = member.consent_given = member.consent_at = None
            return Erased(replies=replies, programmes=len(found))

    def facilitator(self, *, user_id: str) -> Member:
        """The user's facilitator membership, or a refusal that reveals nothing."""
        with self.store.transaction() as session:
            member = queries.member_for_user(session, slack_user_id=user_id)
            if member is None or member.role != "facilitator":
                raise NotAllowed()
            session.expunge(member)
            return member

    def is_member(self, *, user_id: str) -> bool:
        with self.store.transaction() as session:
            return bool(queries.memberships(session, slack_user_id=user_id))

    def programme_name(self, member: Member) -> str:
        with self.store.transaction() as session:
            return session.get(Programme, member.programme_id).name

    def set_default_usage(self, *, user_id: str, usage: str) -> None:
        """How their new replies may be used unless they choose otherwise on the reply."""
        self._set_everywhere(user_id, default_usage=checked(usage))

    def set_away(self, *, user_id: str, until: date | None) -> None:
        """No prompts or reminders for programme days up to and including ``until``."""
        self._set_everywhere(user_id, away_until=until)

    def _set_everywhere(self, user_id: str, **values: object) -> None:
        """A person's own choice holds in every programme they are in."""
        with self.store.transaction() as session:
            found = queries.memberships(session, slack_user_id=user_id)
            if not found:
                raise NotAMember()
            for member in found:
                for name, value in values.items():
                    setattr(member, name, value)
