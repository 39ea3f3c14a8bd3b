"""What happens at once when a reply shows signs of risk.

The member gets a kind reply with the programme's signposting; each safeguarding lead gets a
private alert with what they need to follow it up. The reply itself is kept out of every
digest and export by the queries (``replies.safeguarding`` is set).
"""

from __future__ import annotations

import logging

from bot.domain.messenger import DeliveryFailed, Messenger
from bot.domain.replies import Saved
from bot.domain.safeguarding import URGENT, alert_text, member_reply
from storage import Store, queries

log = logging.getLogger(__name__)

GENTLE = (
    "Thank you for sharing that. If you ever want to talk to someone, NHS 111 and Samaritans "
    "(free on 116 123, any time) are there for you."
)


class SafeguardingAlerts:
    def __init__(self, *, store: Store, messenger: Messenger) -> None:
        self.store = store
        self.messenger = messenger

    def follow_up(self, user_id: str, saved: Saved) -> None:
        if not saved.safeguarding:
            return
        with self.store.transaction() as session:
            delivery = queries.delivery(session, delivery_id=saved.delivery_id)
            programme = delivery.day.programme
            member, reply = delivery.member, delivery.reply
            leads = list(programme.safeguarding_leads or [])
            signposting = programme.signposting or ""
            alert = alert_text(
                member_name=member.display_name or member.identity_on(self.messenger.platform),
                team=member.team.name if member.team else None,
                day_name=delivery.day.name,
                severity=saved.safeguarding,
                categories=(),
                reply_text="\n\n".join(answer.text for answer in reply.answers),
                anonymous=reply.anonymous,
            )
        # The member first: they should never wait on the alerts. Weak signs ("check in") are
        # mostly false alarms, so the member gets a gentle line, not a crisis message.
        if saved.safeguarding == URGENT:
            self._send(user_id, member_reply(signposting))
        else:
            self._send(user_id, GENTLE)
        sent = 0
        for lead in leads:
            person = self.messenger.find_person(
                user_id=lead if not str(lead).count("@") else None,
                email=lead if str(lead).count("@") else None,
            )
            if person is not None and self._send(person.user_id, alert):
                sent += 1
        if not sent:
            # Nobody could be told: loud in the logs (no reply text), so an operator acts.
            log.error("safeguarding alert for prompt %d reached no lead", saved.delivery_id)
        else:
            log.warning(
                "safeguarding alert for prompt %d sent to %d lead(s)", saved.delivery_id, sent
            )

    def _send(self, user_id: str, text: str) -> bool:
        try:
            self.messenger.send_notice(user_id, text)
            return True
        except DeliveryFailed as failure:
            log.error("a safeguarding message could not be delivered: %s", failure.reason)
            return False
