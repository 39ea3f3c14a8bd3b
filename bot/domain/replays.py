"""Requests seen before: a platform's signed request replayed inside its signature's window
must not act twice (a digest posted twice, old form words restored). Remembered in the
store, so every replica knows what any of them has seen."""

from __future__ import annotations

import logging
from datetime import timedelta

from bot.domain.clock import Clock
from storage import Store, queries

log = logging.getLogger(__name__)

# Longer than any platform's signature window (Slack's is five minutes) and its event
# retries (hours): an id older than this can no longer come back.
KEEP = timedelta(days=2)


class Replays:
    def __init__(self, *, store: Store, clock: Clock) -> None:
        self.store = store
        self.clock = clock

    def first_time(self, key: str) -> bool:
        """True the first time ``key`` (a request's signature) is seen. With the database
        away, True: a reply must still reach the spool, which is worth more than the check."""
        try:
            with self.store.statements() as connection:  # every request: the cheap way
                return queries.claim_event(connection, event_id=key, now=self.clock.now())
        except Exception as error:
            log.warning(
                "could not check for a replay (%s); letting it through", type(error).__name__
            )
            return True

    def failed(self, key: str) -> None:
        """The request failed on our side: its retry must be acted on."""
        try:
            with self.store.transaction() as session:
                queries.release_event(session, event_id=key)
        except Exception as error:
            log.warning("could not release a failed request (%s)", type(error).__name__)

    def forget_old(self) -> int:
        with self.store.transaction() as session:
            return queries.forget_events_before(session, before=self.clock.now() - KEEP)
