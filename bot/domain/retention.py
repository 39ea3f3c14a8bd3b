"""Deleting replies once a programme's retention period has passed (with a dry run)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from bot.domain.clock import Clock
from bot.domain.weeks import local_today
from storage import Store, queries


@dataclass(frozen=True)
class Expiry:
    programme: str
    before: str  # replies to days before this date go
    replies: int
    prompts: int

    def line(self, *, dry_run: bool) -> str:
        verb = "would delete" if dry_run else "deleted"
        return (
            f"{self.programme}: {verb} {self.replies} replies and {self.prompts} prompt records "
            f"from programme days before {self.before}."
        )


def expire(store: Store, clock: Clock, *, dry_run: bool) -> list[Expiry]:
    """Per programme with ``retention_days``: delete prompts (and their replies and reminders)
    for days older than the period. A dry run counts, in the same way, and changes nothing."""
    results = []
    with store.transaction() as session:
        for programme in queries.programmes(session):
            if not programme.retention_days:
                continue
            cutoff = local_today(clock.now(), programme.timezone) - timedelta(
                days=programme.retention_days
            )
            expired, replies = queries.deliveries_for_days_before(
                session, programme_id=programme.id, before=cutoff
            )
            if not dry_run:
                queries.erase_deliveries(session, delivery_ids=expired)
            prompts = len(expired)
            results.append(Expiry(programme.name, cutoff.isoformat(), replies, prompts))
    return results
