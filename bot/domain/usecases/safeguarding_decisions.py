"""A safeguarding lead pressed a button on an alert ("No concern: put it back", "I'm
following this up", "Send them a kind check-in"), or a member answered a lead's check-in.

Only the programme's safeguarding leads (its facilitators, when it names none) may decide;
anyone else is told so kindly and nothing changes. The first decision stands: every lead's
copy of the alert is updated to say who decided what and when, and a later press is told who
got there first. What a lead sees, and why: ``bot.domain.safeguarding_review``.
"""

from __future__ import annotations

import logging
from zoneinfo import ZoneInfo

from bot.domain.clock import Clock
from bot.domain.errors import UserError
from bot.domain.identity import Identity
from bot.domain.messenger import CheckInOffer, DeliveryFailed, Messenger, SafeguardingAlert
from bot.domain.safeguarding_review import (
    FOLLOWING_UP,
    NO_CONCERN,
    SUPERSEDED,
    alert_view,
    already_decided,
    at,
    view_of,
)
from bot.domain.usecases.guard import attempt
from bot.domain.usecases.outcomes import AlertShown, Outcome, Told
from storage import Session, Store, queries
from storage.models import Reply, SafeguardingAlertCopy

log = logging.getLogger(__name__)

NOT_A_LEAD = (
    "Sorry, only the people who look after safety in this programme can answer this. "
    "Nothing has changed."
)
GONE = "That reply is no longer here: its author may have deleted it. Nothing has changed."
BUTTON_BROKEN = "Sorry, that button didn't work. Please try the one on my latest message."
NAME_SHOWN = "Their name is in the alert, so you can get in touch with them yourself."
CHECK_IN_SENT = "I've sent them a kind check-in. If they say yes, I'll tell you who they are."
NOT_REACHED = "I couldn't reach them just now, so nothing was sent. Please try again later."
ANSWERED_ALREADY = "You've answered this already. Thank you."
SAID_NO = "That's fine. Your name stays private, and nothing else will happen. Thank you."


def check_in_words(lead: str, day_name: str) -> str:
    """What the member reads: kind, short, and clear that a yes shares their name."""
    return (
        f"Hello. {lead} helps keep people safe in this programme. They read your reflection "
        f"on {day_name} and wanted to check you are OK. Would you like a chat with {lead}? "
        f"If you say yes, I'll tell {lead} who you are, so they can get in touch. If you say "
        "no, your name stays private."
    )


def said_yes(lead: str) -> str:
    return f"Thank you. I've told {lead}, who will get in touch with you soon."


class SafeguardingDecisions:
    def __init__(self, *, store: Store, clock: Clock, messenger: Messenger) -> None:
        self.store = store
        self.clock = clock
        self.messenger = messenger

    # --- a lead's decision ---------------------------------------------------------------------
    def put_back(self, who: Identity, copy_id: int | None) -> Outcome:
        """No concern: the reply goes back in the digest and the export, as its author chose."""
        return attempt(
            "putting a flagged reply back", lambda: self._decide(who, copy_id, NO_CONCERN)
        )

    def following_up(self, who: Identity, copy_id: int | None) -> Outcome:
        """The lead is on it: the reply stays out, and the other leads know who has it."""
        return attempt(
            "following up a flagged reply", lambda: self._decide(who, copy_id, FOLLOWING_UP)
        )

    def _decide(self, who: Identity, copy_id: int | None, decision: str) -> Outcome:
        platform = self.messenger.platform
        with self.store.transaction() as session:
            copy, reply, name = self._lead_copy(session, who, copy_id)
            if copy.superseded_at is not None:
                return AlertShown(alert_view(session, copy, platform, note=SUPERSEDED))
            won = queries.decide_reply(
                session, reply_id=reply.id, decision=decision, by=str(who), name=name,
                now=self.clock.now(),
            )  # fmt: skip
            session.refresh(reply)
            note = None if won else already_decided(reply, _zone(reply))
            pressed = alert_view(session, copy, platform, note=note)
            others = self._other_copies(session, reply, copy) if won else []
        self._update(others)
        if won:
            log.info("safeguarding decision on reply %d: %s", reply.id, decision)
        return AlertShown(pressed)

    # --- a kind check-in -------------------------------------------------------------------------
    def check_in(self, who: Identity, copy_id: int | None) -> Outcome:
        """Offer the member a chat with this lead, without telling the lead who they are."""
        return attempt("a safeguarding check-in", lambda: self._check_in(who, copy_id))

    def _check_in(self, who: Identity, copy_id: int | None) -> Outcome:
        platform = self.messenger.platform
        now = self.clock.now()
        with self.store.transaction() as session:
            copy, reply, name = self._lead_copy(session, who, copy_id)
            refusal = self._no_check_in(session, copy, reply)
            if refusal is not None:
                return AlertShown(alert_view(session, copy, platform, note=refusal))
            check_in_id = queries.claim_check_in(
                session, reply_id=reply.id, lead_user_id=who.id, lead_name=name, now=now
            )
            if check_in_id is None:  # another lead got there a moment before
                return AlertShown(
                    alert_view(
                        session, copy, platform, note=self._no_check_in(session, copy, reply)
                    )
                )
            member_id = reply.delivery.member.identity_on(platform)
            lead = name or "one of the safeguarding leads"
            offer = CheckInOffer(check_in_id, lead, check_in_words(lead, reply.delivery.day.name))
        try:
            if member_id is None:
                raise DeliveryFailed("the member has no identity here", permanent=True)
            where = self.messenger.send_check_in(member_id, offer)
        except DeliveryFailed as failure:
            log.warning("a safeguarding check-in could not be delivered: %s", failure.reason)
            with self.store.transaction() as session:
                queries.forget_check_in(session, check_in_id=check_in_id)
                copy = queries.alert_copy(session, copy_id=copy.id)
                return AlertShown(alert_view(session, copy, platform, note=NOT_REACHED))
        with self.store.transaction() as session:
            queries.set_check_in_ref(session, check_in_id=check_in_id, message_ref=where.ref)
            # Checking in is following it up, if nobody had decided yet.
            queries.decide_reply(
                session, reply_id=reply.id, decision=FOLLOWING_UP, by=str(who), name=name, now=now
            )
            copy = queries.alert_copy(session, copy_id=copy.id)
            session.refresh(copy.reply)
            pressed = alert_view(session, copy, platform, note=CHECK_IN_SENT)
            others = self._other_copies(session, copy.reply, copy)
        self._update(others)
        return AlertShown(pressed)

    def _no_check_in(
        self, session: Session, copy: SafeguardingAlertCopy, reply: Reply
    ) -> str | None:
        """Why no check-in can be sent from this copy now; None when one can."""
        if copy.superseded_at is not None:
            return SUPERSEDED
        sent = queries.check_in_for_reply(session, reply_id=reply.id)
        if sent is not None:
            lead = sent.lead_name or "A safeguarding lead"
            return f"{lead} already sent them a kind check-in ({at(sent.sent_at, _zone(reply))})."
        if reply.safeguarding_decision == NO_CONCERN:
            return already_decided(reply, _zone(reply))
        if view_of(session, reply).name_shown:
            return NAME_SHOWN
        return None

    # --- the member's answer ---------------------------------------------------------------------
    def answer_check_in(self, who: Identity, check_in_id: int | None, yes: bool) -> Outcome:
        return attempt(
            "answering a safeguarding check-in", lambda: self._answer(who, check_in_id, yes)
        )

    def _answer(self, who: Identity, check_in_id: int | None, yes: bool) -> Outcome:
        platform = self.messenger.platform
        with self.store.transaction() as session:
            found = queries.check_in(session, check_in_id=check_in_id) if check_in_id else None
            member = found.reply.delivery.member if found else None
            # Someone else's check-in gets the same answer as a missing one: it reveals nothing.
            if found is None or member.identity_on(who.platform) != who.id:
                raise UserError(BUTTON_BROKEN)
            if not queries.answer_check_in(
                session, check_in_id=found.id, answer="yes" if yes else "no", now=self.clock.now()
            ):
                return Told(ANSWERED_ALREADY)
            session.refresh(found)
            reply = found.reply
            lead_id, lead = found.lead_user_id, found.lead_name or "the safeguarding lead"
            delivery = reply.delivery
            if yes:
                person = member.display_name or member.identity_on(platform) or "A member"
                team = f", in {member.team.name}," if member.team else ""
                to_lead = (
                    f"Good news: {person}{team} would like a chat with you. You sent them a kind "
                    f"check-in about their reply for {delivery.day.name}. Please get in touch "
                    "with them soon."
                )
            else:
                to_lead = (
                    "They said no, thank you, to your kind check-in about a reply for "
                    f"{delivery.day.name}. Their name stays private."
                )
            copies = [
                (c.message_ref, alert_view(session, c, platform))
                for c in queries.alert_copies(session, reply_id=reply.id)
                if c.message_ref
            ]
        try:
            self.messenger.send_notice(lead_id, to_lead)
        except DeliveryFailed as failure:  # every copy still says how it went
            log.warning("a lead could not be told of a check-in answer: %s", failure.reason)
        self._update(copies)
        return Told(said_yes(lead) if yes else SAID_NO)

    # --- shared ------------------------------------------------------------------------------------
    def _lead_copy(
        self, session: Session, who: Identity, copy_id: int | None
    ) -> tuple[SafeguardingAlertCopy, Reply, str | None]:
        """The pressed copy, its reply, and the name the other leads will read for whoever
        pressed; refused unless they are one of the programme's safeguarding leads."""
        if copy_id is None:
            raise UserError(BUTTON_BROKEN)
        copy = queries.alert_copy(session, copy_id=copy_id)
        if copy is None:
            raise UserError(GONE)
        reply = copy.reply
        programme = reply.delivery.day.programme
        leads = set(programme.safeguarding_leads or [])
        theirs = [
            c
            for c in queries.alert_copies(session, reply_id=reply.id, current_only=False)
            if c.user_id == who.id and c.lead in leads
        ]
        if who.platform != programme.platform or (who.id not in leads and not theirs):
            log.warning("a safeguarding alert button was pressed by someone not a lead")
            raise UserError(NOT_A_LEAD)
        return copy, reply, next((c.lead_name for c in theirs if c.lead_name), None)

    def _other_copies(
        self, session: Session, reply: Reply, pressed: SafeguardingAlertCopy
    ) -> list[tuple[str, SafeguardingAlert]]:
        return [
            (c.message_ref, alert_view(session, c, self.messenger.platform))
            for c in queries.alert_copies(session, reply_id=reply.id)
            if c.id != pressed.id and c.message_ref
        ]

    def _update(self, copies: list[tuple[str, SafeguardingAlert]]) -> None:
        for ref, view in copies:
            self.messenger.update_alert(ref, view)


def _zone(reply: Reply) -> ZoneInfo:
    return ZoneInfo(reply.delivery.day.programme.timezone)
