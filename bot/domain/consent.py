"""Consent before the first prompt: ask once per wording, record every decision, honour it.

A member is prompted only after agreeing to the current wording of their programme (see
``consent_wording``). The request goes out in the sweep, at a moment their quiet hours, weekends
and bank holidays allow, while the programme still has days to come. Someone who said no is not
asked again by the bot; they can ask for it themselves (the consent command or the Home page).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain.clock import Clock
from bot.domain.concurrency import in_parallel
from bot.domain.consent_wording import ConsentWording, wording_for
from bot.domain.errors import NotAMember, UserError
from bot.domain.identity import Identity
from bot.domain.messenger import DeliveryFailed, Messenger
from bot.domain.people import reachable_user_id, remember
from bot.domain.timing import SendingRules, next_allowed
from storage import Session, Store, queries
from storage.models import ConsentRecord, Member

log = logging.getLogger(__name__)

AGREED = "agreed"
DECLINED = "declined"
WITHDRAWN = "withdrawn"
# Someone not found in the workspace is looked for again after this, not every minute; it also
# keeps two consent requests from arriving on one day when the wording changes quickly.
RETRY_AFTER = timedelta(days=1)


@dataclass(frozen=True)
class ConsentState:
    """Where one membership stands, for the Home page and the consent command."""

    programme: str
    wording: ConsentWording
    agreed: bool  # to the current wording
    declined: bool  # said no, or took their yes back (not asked again by the bot)
    decided_at: datetime | None


def is_consented(member: Member, wording: ConsentWording) -> bool:
    return bool(member.consent_given) and member.consent_version == wording.version


class Consent:
    def __init__(
        self, *, store: Store, messenger: Messenger, clock: Clock, catch_up: timedelta
    ) -> None:
        self.store = store
        self.messenger = messenger
        self.clock = clock
        self.catch_up = catch_up

    def ask_due(self, *, just_reached: Sequence[int] = ()) -> int:
        """Send the consent request to everyone who needs it now; returns how many were sent.
        ``just_reached``: members who have just become reachable are asked even if a sweep
        looked for them (and missed them) moments before.

        Each person is looked up, checked and asked on their own in a small pool of workers,
        as prompts are: a thousand platform calls one after another would take minutes.
        """
        now = self.clock.now()
        with self.store.transaction() as session:
            candidates = [
                member.id
                for programme in queries.live_programmes(session, since=now - self.catch_up)
                for member in queries.members_to_ask_consent(
                    session,
                    programme_id=programme.id,
                    version=wording_for(programme).version,
                    not_since=now - RETRY_AFTER,
                    just_reached=just_reached,
                )
            ]
        return sum(in_parallel(lambda member_id: self._ask_one(member_id, now), candidates))

    def _ask_one(self, member_id: int, now) -> int:
        with self.store.transaction() as session:
            member = queries.member(session, member_id=member_id)
            user_id = self._user_and_zone(session, member)
            if user_id is None:  # not in the workspace (yet): look again tomorrow
                queries.mark_looked_for(session, member_id=member.id, now=now)
                return 0
            rules = SendingRules.of(member.programme)
            allowed = next_allowed(now, rules, member_zone=member.timezone)
            if allowed is None or allowed > now:
                return 0  # quiet hours, a weekend or a bank holiday: a later sweep
            wording = wording_for(member.programme)
            if not queries.claim_consent_request(
                session, member_id=member.id, version=wording.version, now=now
            ):
                return 0
        try:
            self.messenger.send_consent_request(user_id, wording)
        except DeliveryFailed as failure:
            log.warning("consent request for member %d not sent: %s", member_id, failure.reason)
            if not failure.permanent:  # the next sweep tries again
                with self.store.transaction() as session:
                    queries.release_consent_request(session, member_id=member_id)
            return 0
        return 1

    def _user_and_zone(self, session: Session, member: Member) -> str | None:
        """The member's chat ID, learning their time zone the first time (quiet hours are theirs)."""
        user_id = reachable_user_id(session, self.messenger, member)
        if user_id and member.timezone is None:
            remember(member, self.messenger.find_person(user_id=user_id))
        return user_id

    def decide(self, *, who: Identity, version: str, agreed: bool) -> list[ConsentState]:
        """Record a yes or no to the wording the member was shown.

        A yes to wording that has since changed is refused: they are shown the new words. A no
        always counts, whatever words it answered: nobody has to read more to be left alone.
        """
        now = self.clock.now()
        with self.store.transaction() as session:
            found = self._memberships(session, who)
            if not agreed:
                for member in found:
                    _record(session, member, wording_for(member.programme).version, DECLINED, now)
                return [state_of(m) for m in found]
            matching = [m for m in found if wording_for(m.programme).version == version]
            if not matching:
                raise OutdatedWording()
            for member in matching:
                _record(session, member, version, AGREED, now)
                member.opted_out = False  # agreeing is asking to take part
            return [state_of(m) for m in found]

    def withdraw(self, *, who: Identity) -> bool:
        """Take consent back: no more prompts or reminders. Returns whether anything changed."""
        now = self.clock.now()
        with self.store.transaction() as session:
            changed = False
            for member in self._memberships(session, who):
                if member.consent_given:
                    _record(session, member, member.consent_version, WITHDRAWN, now)
                    changed = True
            return changed

    def waiting(self, *, who: Identity) -> list[ConsentWording]:
        """The wordings this person has not (or no longer) agreed to, to show them."""
        return [state.wording for state in self.states(who=who) if not state.agreed]

    def states(self, *, who: Identity) -> list[ConsentState]:
        with self.store.transaction() as session:
            return [state_of(m) for m in self._memberships(session, who)]

    @staticmethod
    def _memberships(session: Session, who: Identity) -> list[Member]:
        found = [
            m
            for m in queries.memberships(session, platform=who.platform, external_id=who.id)
            if m.active
        ]
        if not found:
            raise NotAMember()
        return found


def agree_for_everyone(store: Store, clock: Clock) -> int:
    """Record agreement for every undecided member, as if each had pressed "Yes" on the
    current wording: for the offline sandbox, benchmarks and tests; never reachable from chat."""
    now = clock.now()
    with store.transaction() as session:
        undecided = queries.undecided_members(session)
        for member in undecided:
            _record(session, member, wording_for(member.programme).version, AGREED, now)
        return len(undecided)


class OutdatedWording(UserError):
    def __init__(self) -> None:
        super().__init__(
            "The words you agreed to have changed since I sent them. Please read the new ones "
            "I've just sent you, then choose again."
        )


def _record(session: Session, member: Member, version: str, decision: str, now) -> None:
    member.consent_version = version
    member.consent_given = decision == AGREED
    member.consent_at = now
    session.add(
        ConsentRecord(member_id=member.id, version=version, decision=decision, decided_at=now)
    )


def state_of(member: Member) -> ConsentState:
    wording = wording_for(member.programme)
    return ConsentState(
        programme=member.programme.name,
        wording=wording,
        agreed=is_consented(member, wording),
        declined=member.consent_given is False,
        decided_at=member.consent_at,
    )
