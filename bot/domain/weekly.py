"""The weekly digest, posted by itself at the programme's ``digest_weekly`` time.

Each week's digest is claimed in the store before it is posted (a partial unique index allows
one weekly digest per programme and week), so a restart, a second sweep or a second process
cannot post it twice. A week is reported at the first digest time after its days' reply
windows close (bot/domain/reply_window.py), so the reminders have time to work before the
answers become final. A bot that was down at the time posts when it comes back, up to a week
late. Weeks without a programme day and without late replies are skipped rather than filling
the channel with empty notes; a week with programme days but no replies gets a short note.
The Word file goes in the digest's thread, and when the programme file lists ``digest_email``
the week's e-mail is queued with the post, in the same transaction (bot.domain.digest_email).
"""

from __future__ import annotations

import logging
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain.clock import Clock
from bot.domain.digest import build_digest
from bot.domain.documents import document_for
from bot.domain.messenger import DeliveryFailed, Messenger
from bot.domain.reply_window import weeks_due, windows_of
from bot.domain.weeks import IsoWeek
from storage import Store, queries

log = logging.getLogger(__name__)

WEEKDAYS = ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")


def latest_slot(setting: str, zone: str, now: datetime) -> datetime:
    """The most recent moment, at or before ``now``, named by a setting like ``FRI 16:00``."""
    day, at = setting.split()
    hours, minutes = (int(part) for part in at.split(":"))
    local_now = now.astimezone(ZoneInfo(zone))
    days_back = (local_now.weekday() - WEEKDAYS.index(day)) % 7
    candidate_date = local_now.date() - timedelta(days=days_back)
    slot = datetime.combine(candidate_date, time(hours, minutes), tzinfo=ZoneInfo(zone))
    if slot > local_now:
        slot -= timedelta(days=7)
        slot = datetime.combine(slot.date(), time(hours, minutes), tzinfo=ZoneInfo(zone))
    return slot.astimezone(now.tzinfo)


class WeeklyDigests:
    def __init__(self, *, store: Store, messenger: Messenger, clock: Clock) -> None:
        self.store = store
        self.messenger = messenger
        self.clock = clock

    def post_due(self) -> int:
        now = self.clock.now()
        with self.store.transaction() as session:
            programmes = [
                (
                    p.id, p.digest_weekly, p.timezone, p.digest_channel, windows_of(p),
                    bool(p.digest_email),
                )
                for p in queries.programmes_with_weekly_digest(session)
            ]  # fmt: skip
            # One query for every programme's digests so far: a quiet minute costs three
            # queries, and one more for each programme in a week without days, however many
            # programmes the host holds (bench/national.py).
            done = queries.weekly_digest_weeks(session, programme_ids=[p[0] for p in programmes])
        latest: dict[int, datetime] = {}
        for (programme_id, *_week), at in done.items():
            latest[programme_id] = max(at, latest.get(programme_id, at))
        posted = 0
        for programme_id, setting, zone, channel, windows, by_email in programmes:
            if not channel and not by_email:  # with no channel, the digest goes by e-mail only
                continue
            slot = latest_slot(setting, zone, now)
            since = latest.get(programme_id)
            for week in self._weeks_for(slot, zone, windows):
                if (programme_id, week.year, week.week) in done:
                    continue
                has_days = any(day.week == week for day in windows)
                posted += self._post_week(
                    programme_id, week, slot, channel or "", now,
                    since=since, has_days=has_days, by_email=by_email,
                )  # fmt: skip
        return posted

    @staticmethod
    def _weeks_for(slot: datetime, zone: str, windows) -> list[IsoWeek]:
        """The weeks whose days' reply windows closed since the last digest time, and the
        slot's own week for answers that came in late (it is skipped when there are none)."""
        due = weeks_due(windows, slot)
        own = IsoWeek.of(slot.astimezone(ZoneInfo(zone)).date())
        if not due and not any(day.week == own for day in windows):
            due = [own]
        return due

    def _post_week(
        self, programme_id: int, week: IsoWeek, slot, channel: str, now, *,
        since, has_days: bool, by_email: bool = False,
    ) -> int:  # fmt: skip
        """``since``: when the programme's latest weekly digest went out (None: never)."""
        if not has_days:
            with self.store.transaction() as session:
                late = queries.late_replies_exist(
                    session, programme_id=programme_id, before=week.monday, since=since or slot
                )
            if not late:
                # A week without days (between days, or after the last) and no late reply:
                # nothing to post, known without building a digest every minute.
                return 0
        digest = build_digest(
            self.store, programme_id=programme_id, week=week, late_since=since or slot
        )
        if not digest.days and not digest.late:
            return 0  # nothing happened this week: no note, so the channel stays readable
        claim = self._claim(programme_id, week, channel, now)
        if claim is None:
            return 0  # another sweep or process got there first
        ref = None
        if channel:
            try:
                sent = self.messenger.post_digest(channel, digest, document=document_for(digest))
            except DeliveryFailed as failure:
                log.warning("weekly digest not posted: %s", failure.reason)
                with self.store.transaction() as session:  # try again at the next sweep
                    queries.release_weekly_digest(session, claim_id=claim)
                return 0
            ref = sent[0].ref
        with self.store.transaction() as session:  # posted, and its e-mail queued, together
            queries.mark_weekly_digest_posted(
                session, claim_id=claim, message_ref=ref, now=self.clock.now()
            )
            if by_email:
                queries.queue_digest_email(
                    session, programme_id=programme_id, iso_year=week.year, iso_week=week.week,
                    late_since=since or slot, now=self.clock.now(),
                )  # fmt: skip
        log.info("weekly digest for %s posted", week)
        return 1

    def _claim(self, programme_id: int, week: IsoWeek, channel: str, now) -> int | None:
        with self.store.transaction() as session:
            return queries.claim_weekly_digest(
                session, programme_id=programme_id, iso_year=week.year, iso_week=week.week,
                channel=channel, now=now,
            )  # fmt: skip
