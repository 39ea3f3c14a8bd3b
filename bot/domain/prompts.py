"""Sending reflection prompts after each programme day: claim in the store, then send.

A delivery row is claimed (unique per member and day) before the message goes out, so two
sweeps, two processes or a restart can never prompt anyone twice. A claim whose process died
before it could send is picked up again after ``STALE_CLAIM``.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta
from functools import partial

from bot.domain.clock import Clock
from bot.domain.concurrency import FANOUT_WORKERS, in_parallel
from bot.domain.consent_wording import wording_for
from bot.domain.messenger import DeliveryFailed, Messenger, PromptMessage, Question
from bot.domain.people import needs_lookup, reachable_user_id, remember
from bot.domain.timing import SendingRules, next_allowed
from storage import Session, Store, queries
from storage.models import Member, ProgrammeDay, PromptDelivery

log = logging.getLogger(__name__)

STALE_CLAIM = timedelta(minutes=10)
MAX_DEFERRAL = timedelta(days=5)  # a Friday evening before a bank holiday: Tuesday morning
BATCH = 200  # prompts read in one transaction: two seconds' sending at 100 a second


@dataclass
class SendReport:
    sent: int = 0
    failed: int = 0
    unreachable: list[str] = field(default_factory=list)

    def __iadd__(self, other: SendReport) -> SendReport:
        self.sent += other.sent
        self.failed += other.failed
        self.unreachable += other.unreachable
        return self


class PromptSender:
    """Sends the prompts that are due; safe to call as often as you like."""

    def __init__(
        self,
        *,
        store: Store,
        messenger: Messenger,
        clock: Clock,
        catch_up: timedelta,
        workers: int = FANOUT_WORKERS,
    ) -> None:
        self.store = store
        self.messenger = messenger
        self.clock = clock
        self.catch_up = catch_up
        # Several calls in flight, so one slow answer from the platform holds up nobody else.
        self.workers = workers

    def send_due(self) -> SendReport:
        now = self.clock.now()
        report = SendReport()
        self._learn_time_zones(now)
        with self.store.transaction() as session:
            # Quiet hours, weekends and bank holidays can hold a prompt back a few days.
            days = queries.days_due(session, since=now - self.catch_up - MAX_DEFERRAL, until=now)
            claims: list[int] = []
            for day in days:
                rules = SendingRules.of(day.programme)
                members = [
                    m for m in members_to_prompt(session, day)
                    if self._due(day, m, rules, now)
                ]  # fmt: skip
                claims += queries.claim_deliveries(
                    session, day_id=day.id, member_ids=[m.id for m in members], now=now
                )
            orphans = queries.reclaim_stale_deliveries(
                session, older_than=now - STALE_CLAIM, now=now
            )
        if claims or orphans:
            log.info("sending %d prompt(s)", len(claims) + len(orphans))
            report += self._send_all(claims, orphan=False)
            report += self._send_all(orphans, orphan=True)
        return report

    def _due(self, day: ProgrammeDay, member: Member, rules: SendingRules, now) -> bool:
        """Due now for this member: its time has come in their own allowed hours, not so long
        ago that it would confuse, and not for a day they said they would be away."""
        if member.away_until and day.date <= member.away_until:
            return False
        when = next_allowed(day.prompt_at, rules, member_zone=member.timezone)
        return when is not None and when <= now and now - when <= self.catch_up

    def _learn_time_zones(self, now) -> None:
        """Ask the platform once for the time zone (and name) of anyone about to be prompted, so that
        quiet hours are theirs, not the programme's."""
        with self.store.transaction() as session:
            days = queries.days_due(session, since=now - self.catch_up - MAX_DEFERRAL, until=now)
            unknown = {
                m.id: (m.identity_on(self.messenger.platform), m.email)
                for day in days
                for m in members_to_prompt(session, day)
                if m.timezone is None and m.identity_on(self.messenger.platform)
            }
        found = in_parallel(
            lambda who: self.messenger.find_person(user_id=who[0], email=who[1]),
            unknown.values(),
            workers=self.workers,
        )
        with self.store.transaction() as session:
            for member_id, person in zip(unknown, found, strict=True):
                remember(queries.member(session, member_id=member_id), person)

    def recover_orphans(self) -> SendReport:
        """At start-up, as the only sender: finish every prompt a dead process had claimed.

        Each may or may not have reached the member before the process died, so the platform is asked
        first; only prompts that never arrived are sent.
        """
        now = self.clock.now()
        with self.store.transaction() as session:
            orphans = queries.reclaim_stale_deliveries(
                session, older_than=now + STALE_CLAIM, now=now
            )
        if orphans:
            log.info("recovering %d prompt(s) left unfinished by a stopped process", len(orphans))
        return self._send_all(orphans, orphan=True)

    def _send_all(self, delivery_ids: list[int], *, orphan: bool) -> SendReport:
        """Read a batch of prompts in one transaction, send them from the pool of workers,
        and read the next batch while the last is still going out, so that the workers are
        never kept waiting and each prompt costs one transaction (its "sent") rather than
        two (bench/fanout.py)."""
        report = SendReport()
        if len(delivery_ids) <= 1:
            for delivery_id in delivery_ids:
                report += self._send_one(delivery_id, orphan=orphan)
            return report
        batches = [
            delivery_ids[start : start + BATCH] for start in range(0, len(delivery_ids), BATCH)
        ]
        # At most two batches unfinished. Counted a prompt at a time, not a batch at a time:
        # waiting for a whole batch meant that one prompt waiting out a 429 held back the next
        # batch while the workers ran dry, a second at a time (bench/fanout.py).
        room = threading.Semaphore(2 * BATCH)
        marks = _Marks(self.store)
        futures: list[Future] = []
        try:
            with ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="chat") as pool:
                for batch in batches:
                    jobs = self._prepare(batch, orphan=orphan, marks=marks)
                    report += SendReport(failed=sum(1 for job in jobs if job is None))
                    for job in jobs:
                        if job is None:
                            continue
                        room.acquire()
                        future = pool.submit(job)
                        future.add_done_callback(lambda _: room.release())
                        futures.append(future)
            for future in futures:
                report += future.result()
        finally:
            marks.close()
        return report

    def _prepare(
        self, delivery_ids: list[int], *, orphan: bool, marks: _Marks | None = None
    ) -> list[Callable[[], SendReport] | None]:
        """For each prompt, what sends it: None when it failed here (too late, nobody to
        reach), nothing when it is no longer waiting to be sent."""
        jobs: list[Callable[[], SendReport] | None] = []
        with self.store.transaction() as session:
            for delivery in queries.deliveries(session, delivery_ids=delivery_ids):
                if needs_lookup(self.messenger, delivery.member):
                    # A look-up in the workspace first: in its worker, not here.
                    jobs.append(partial(self._send_one, delivery.id, orphan=orphan))
                    continue
                ready = self._ready(session, delivery)
                if isinstance(ready, SendReport):
                    if ready.failed:
                        jobs.append(None)
                    continue
                jobs.append(partial(self._deliver, delivery.id, *ready, orphan=orphan, marks=marks))
        return jobs

    def _send_one(self, delivery_id: int, *, orphan: bool = False) -> SendReport:
        with self.store.transaction() as session:
            delivery = queries.delivery(session, delivery_id=delivery_id)
            if delivery is None:
                return SendReport()
            ready = self._ready(session, delivery)
            if isinstance(ready, SendReport):
                return ready
        return self._deliver(delivery_id, *ready, orphan=orphan)

    def _ready(self, session: Session, delivery: PromptDelivery) -> SendReport | tuple:
        """(user id, prompt) for a prompt still to send; otherwise what became of it."""
        if delivery.state != "pending":
            return SendReport()
        rules = SendingRules.of(delivery.day.programme)
        when = next_allowed(delivery.day.prompt_at, rules, member_zone=delivery.member.timezone)
        if when is None or self.clock.now() - when > self.catch_up:
            # Claimed, then the bot was down past the catch-up window: too late to ask.
            delivery.state = "failed"
            return SendReport(failed=1)
        user_id = reachable_user_id(session, self.messenger, delivery.member)
        if user_id is None:
            delivery.state = "failed"
            return SendReport(failed=1, unreachable=[delivery.member.email or "?"])
        return user_id, _prompt_for(delivery)

    def _deliver(
        self,
        delivery_id: int,
        user_id: str,
        prompt: PromptMessage,
        *,
        orphan: bool,
        marks: _Marks | None = None,
    ) -> SendReport:
        try:
            # An orphan may have been sent just before its process died: look before resending.
            found = self.messenger.find_prompt(user_id, delivery_id) if orphan else None
            sent = found or self.messenger.send_prompt(user_id, prompt)
        except DeliveryFailed as failure:
            log.warning("prompt %d not delivered: %s", delivery_id, failure.reason)
            if failure.permanent:
                with self.store.transaction() as session:
                    queries.set_delivery_state(session, delivery_id=delivery_id, state="failed")
            return SendReport(failed=1)
        if marks is not None:
            marks.sent(delivery_id, sent.ref, self.clock.now())
            return SendReport(sent=1)
        with self.store.transaction() as session:
            # One UPDATE, not a reload: this runs once per member and dominated the fan-out's CPU.
            queries.set_delivery_state(
                session,
                delivery_id=delivery_id,
                state="sent",
                message_ref=sent.ref,
                sent_at=self.clock.now(),
            )
        return SendReport(sent=1)


class _Marks:
    """Writes "sent" for a fan-out's prompts from one thread, as many as are waiting in each
    transaction: sixteen workers each committing their own took a quarter of each prompt's
    time queueing for the database (bench/fanout.py). A mark waits only for the one being
    written; if the process stops first, the prompt is left claimed and the next start
    finds it already sent (``recover_orphans`` looks before it sends)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.waiting: queue.SimpleQueue = queue.SimpleQueue()
        self.thread = threading.Thread(target=self._write, name="prompt-marks", daemon=True)
        self.thread.start()

    def sent(self, delivery_id: int, ref: str, at) -> None:
        self.waiting.put((delivery_id, ref, at))

    def close(self) -> None:
        self.waiting.put(None)
        self.thread.join()

    def _write(self) -> None:
        done = False
        while not done:
            batch = [self.waiting.get()]
            while not self.waiting.empty():
                batch.append(self.waiting.get())
            done = None in batch
            batch = [item for item in batch if item is not None]
            if not batch:
                continue
            try:
                with self.store.transaction() as session:
                    queries.mark_sent(session, sent=batch)
            except Exception:  # left claimed: recovered, without sending twice, later
                log.exception("could not mark %d prompt(s) sent", len(batch))


def members_to_prompt(session: Session, day: ProgrammeDay) -> list[Member]:
    """Members who agreed to the programme's current consent wording and have no prompt for
    this day yet: nobody is prompted before consenting."""
    version = wording_for(day.programme).version
    return list(queries.members_to_prompt(session, day=day, consent_version=version))


def _prompt_for(delivery: PromptDelivery) -> PromptMessage:
    programme = delivery.day.programme
    return PromptMessage(
        delivery_id=delivery.id,
        programme=programme.name,
        day_name=delivery.day.name,
        team_name=delivery.member.team.name if delivery.member.team else None,
        questions=tuple(Question(q["id"], q["text"]) for q in programme.questions),
    )
