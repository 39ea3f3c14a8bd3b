"""Polite, bounded reminders: only to members who have neither answered nor skipped.

Each reminder is claimed in the store before it is sent (unique per prompt and sequence), so it
goes out at most once. After a long outage only the latest reminder that is due is sent, not a
burst of all the missed ones.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import timedelta

from bot.domain.clock import Clock
from bot.domain.messenger import DeliveryFailed, Messenger, ReminderMessage
from bot.domain.timing import SendingRules, next_allowed
from bot.domain.weeks import local_today
from storage import Store, queries

log = logging.getLogger(__name__)

# Weekends and bank holidays hold a message back a few days at most (Christmas: about five).
HELD_BACK = timedelta(days=7)


class ReminderSender:
    def __init__(
        self, *, store: Store, messenger: Messenger, clock: Clock, catch_up: timedelta
    ) -> None:
        self.store = store
        self.messenger = messenger
        self.clock = clock
        self.catch_up = catch_up

    def send_due(self) -> int:
        now = self.clock.now()
        due: list[tuple[int, int, str, ReminderMessage]] = []
        with self.store.transaction() as session:
            longest = timedelta(hours=28 * 24) + self.catch_up  # the longest reminder allowed
            waiting = queries.deliveries_awaiting_answer(
                session,
                scopes=awaiting_scopes(queries.programmes(session), now, self.catch_up),
                snoozed_since=now - longest - HELD_BACK,
            )
            done = queries.reminder_sequences(session, delivery_ids=[d.id for d in waiting])
            for delivery in waiting:
                hours = delivery.day.programme.reminder_hours
                member = delivery.member
                if (
                    member.away_until
                    and local_today(now, delivery.day.programme.timezone) <= member.away_until
                ):
                    continue  # away: no reminders; they can still answer when back

                def allowed(moment, member=member, programme=delivery.day.programme):
                    rules = SendingRules.of(programme)
                    return next_allowed(moment, rules, member_zone=member.timezone)

                if delivery.snoozed_until is not None:
                    when = allowed(delivery.snoozed_until)
                    if when is not None and when <= now:
                        delivery.snoozed_until = None  # the snooze is used once
                        message = ReminderMessage(delivery.id, delivery.day.name, 0, last=False)
                        due.append(
                            (
                                delivery.id,
                                None,
                                member.identity_on(self.messenger.platform),
                                message,
                            )
                        )
                    continue  # a snoozed prompt waits for its own reminder
                sequence = _latest_due(hours, delivery.sent_at, now, self.catch_up, allowed)
                if sequence is None or sequence <= done.get(delivery.id, -1):
                    continue
                if not queries.claim_reminder(
                    session, delivery_id=delivery.id, sequence=sequence, now=now
                ):
                    continue
                message = ReminderMessage(
                    delivery_id=delivery.id,
                    day_name=delivery.day.name,
                    sequence=sequence,
                    last=sequence == len(hours) - 1,
                )
                due.append(
                    (
                        delivery.id,
                        sequence,
                        delivery.member.identity_on(self.messenger.platform),
                        message,
                    )
                )
        sent = 0
        for delivery_id, sequence, user_id, message in due:
            try:
                self.messenger.send_reminder(user_id, message)
                sent += 1
            except DeliveryFailed as failure:
                log.warning("reminder for prompt %d not delivered: %s", delivery_id, failure.reason)
                if not failure.permanent and sequence is not None:  # the next sweep tries again
                    with self.store.transaction() as session:
                        queries.release_reminder(
                            session, delivery_id=delivery_id, sequence=sequence
                        )
        return sent


def awaiting_scopes(programmes, now, catch_up: timedelta) -> list[queries.AwaitingScope]:
    """Where reminders may still be due, programme by programme (those alike together): a
    prompt sent before its programme's last reminder, held back and then caught up, could
    still be due, and one whose last reminder has gone needs none."""
    alike: dict[tuple[int, int], list[int]] = defaultdict(list)
    for programme in programmes:
        hours = programme.reminder_hours or []
        if hours:
            alike[(max(hours), len(hours) - 1)].append(programme.id)
    return [
        queries.AwaitingScope(ids, now - timedelta(hours=latest) - HELD_BACK - catch_up, last)
        for (latest, last), ids in alike.items()
    ]


def _latest_due(hours: list[int], sent_at, now, catch_up: timedelta, allowed) -> int | None:
    """The index of the newest reminder whose time has come (moved out of quiet hours,
    weekends and bank holidays by ``allowed``) and is not too stale to send."""
    latest = None
    for index, after in enumerate(hours):
        due_at = allowed(sent_at + timedelta(hours=after))
        if due_at is not None and due_at <= now:
            latest = index if now - due_at <= catch_up else None
    return latest
