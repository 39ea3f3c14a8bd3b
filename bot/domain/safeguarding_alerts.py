"""What happens at once when a reply shows signs of risk.

For signs of present risk ("urgent") the member gets a kind reply with the programme's
signposting at once; for weaker signs ("check_in") they get only the usual thanks, no crisis
numbers. Each safeguarding lead gets a private alert, with buttons to decide on it (see
``bot.domain.safeguarding_review`` for what a lead sees, and
``bot.domain.usecases.safeguarding_decisions`` for the presses). Until a lead puts it back,
the reply is kept out of every digest and export by the queries.
"""

from __future__ import annotations

import logging

from bot.domain.clock import Clock
from bot.domain.messenger import DeliveryFailed, Messenger
from bot.domain.replies import Saved
from bot.domain.safeguarding import URGENT, member_reply
from bot.domain.safeguarding_review import alert_view
from storage import Store, queries

log = logging.getLogger(__name__)


class SafeguardingAlerts:
    def __init__(self, *, store: Store, messenger: Messenger, clock: Clock) -> None:
        self.store = store
        self.messenger = messenger
        self.clock = clock

    def follow_up(self, user_id: str, saved: Saved) -> None:
        if not saved.safeguarding:
            return
        with self.store.transaction() as session:
            delivery = queries.delivery(session, delivery_id=saved.delivery_id)
            programme = delivery.day.programme
            leads = list(dict.fromkeys(programme.safeguarding_leads or []))
            signposting = programme.signposting or ""
        # The member first: they should never wait on the alerts. Only signs of present risk
        # send crisis numbers; weaker ones are mostly false alarms and get the usual thanks.
        if saved.safeguarding == URGENT:
            self._send(user_id, member_reply(signposting))
        found: dict[str, tuple[str, str | None]] = {}
        for lead in leads:
            by_email = "@" in str(lead)
            person = self.messenger.find_person(
                user_id=None if by_email else lead, email=lead if by_email else None
            )
            if person is not None and person.user_id not in found:
                found[person.user_id] = (lead, person.display_name)
        sent = self._alert(saved.delivery_id, found) if found else 0
        if not sent:
            # Nobody could be told: loud in the logs (no reply text), so an operator acts.
            log.error("safeguarding alert for prompt %d reached no lead", saved.delivery_id)
        else:
            log.warning(
                "safeguarding alert for prompt %d sent to %d lead(s)", saved.delivery_id, sent
            )

    def _alert(self, delivery_id: int, leads: dict[str, tuple[str, str | None]]) -> int:
        """A copy for each lead; any older copies of this reply's alert now say a newer one
        was sent (the reply changed). Returns how many copies were delivered."""
        platform = self.messenger.platform
        now = self.clock.now()
        with self.store.transaction() as session:
            reply = queries.delivery(session, delivery_id=delivery_id).reply
            old = queries.supersede_alert_copies(session, reply_id=reply.id, now=now)
            replaced = [
                (copy.message_ref, alert_view(session, copy, platform))
                for copy in old
                if copy.message_ref
            ]
            copies = queries.add_alert_copies(
                session, reply_id=reply.id, now=now,
                leads=[(lead, user, name) for user, (lead, name) in leads.items()],
            )  # fmt: skip
            fresh = [
                (copy.id, copy.user_id, alert_view(session, copy, platform)) for copy in copies
            ]
        sent = 0
        for copy_id, user, view in fresh:
            try:
                where = self.messenger.send_alert(user, view)
            except DeliveryFailed as failure:
                log.error("a safeguarding alert could not be delivered: %s", failure.reason)
                continue
            with self.store.transaction() as session:
                queries.set_alert_ref(session, copy_id=copy_id, message_ref=where.ref)
            sent += 1
        for ref, view in replaced:
            self.messenger.update_alert(ref, view)
        return sent

    def _send(self, user_id: str, text: str) -> bool:
        try:
            self.messenger.send_notice(user_id, text)
            return True
        except DeliveryFailed as failure:
            log.error("a safeguarding message could not be delivered: %s", failure.reason)
            return False
