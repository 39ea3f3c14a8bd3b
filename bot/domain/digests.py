"""Asking for a digest: to one facilitator, or posted to the programme's digest channel."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from bot.domain.clock import Clock
from bot.domain.digest import Digest, build_digest, default_week
from bot.domain.errors import UserError
from bot.domain.members import Facilitator
from bot.domain.messenger import Messenger
from bot.domain.reply_window import still_open, windows_of
from bot.domain.weeks import IsoWeek, local_today, looks_like_weeks, parse_week_range
from bot.domain.wording import command
from storage import Store, queries
from storage.models import DigestPosted


@dataclass(frozen=True)
class DigestRequest:
    week: IsoWeek
    team: str | None
    post: bool
    last_week: IsoWeek | None = None  # for a range of weeks


class Digests:
    def __init__(self, *, store: Store, messenger: Messenger, clock: Clock) -> None:
        self.store = store
        self.messenger = messenger
        self.clock = clock

    def parse(self, facilitator: Facilitator, words: list[str]) -> DigestRequest:
        """Read ``[post] [week] [team...]`` in any order people are likely to type it."""
        post = bool(words) and words[0].lower() == "post"
        words = words[1:] if post else words
        with self.store.transaction() as session:
            programme = queries.programme(session, programme_id=facilitator.programme_id)
            today = local_today(self.clock.now(), programme.timezone)
        if words and looks_like_weeks(words[0]):
            week, last = parse_week_range(words[0], today=today)
            words = words[1:]
        else:
            week = last = default_week(
                self.store, programme_id=facilitator.programme_id, today=today
            )
        team = " ".join(words).strip() or None
        return DigestRequest(
            week=week, team=team, post=post, last_week=last if last != week else None
        )

    def build(self, facilitator: Facilitator, request: DigestRequest) -> Digest:
        return build_digest(
            self.store,
            programme_id=facilitator.programme_id,
            week=request.week,
            team=request.team,
            last_week=request.last_week,
        )

    def post(self, facilitator: Facilitator, request: DigestRequest) -> tuple[Digest, str]:
        """Post to the digest channel and lock that week's answers against further change, once
        its reply windows have closed: a week whose reminders are still out stays open."""
        with self.store.transaction() as session:
            programme = queries.programme(session, programme_id=facilitator.programme_id)
            channel = programme.digest_channel
        if not channel:
            raise UserError(
                "The programme file doesn't name a digest_channel yet, so I don't know where to "
                f"post. Add one and load the file again, or use {command('digest')} to see it "
                "yourself."
            )
        digest = self.build(facilitator, request)
        self.messenger.post_digest(channel, digest)
        with self.store.transaction() as session:
            programme = queries.programme(session, programme_id=facilitator.programme_id)
            windows = windows_of(programme)
            team_id = None
            if digest.team_filter:
                team_id = next(
                    t.id
                    for t in queries.teams(session, programme_id=facilitator.programme_id)
                    if t.name == digest.team_filter
                )
            week = request.week
            while week <= (request.last_week or request.week):  # every week shown is now final,
                if still_open(windows, week, self.clock.now()):  # unless reminders are still out
                    week = IsoWeek.of(week.monday + timedelta(days=7))
                    continue
                session.add(
                    DigestPosted(
                        programme_id=facilitator.programme_id,
                        iso_year=week.year,
                        iso_week=week.week,
                        team_id=team_id,
                        channel=channel,
                        posted_at=self.clock.now(),
                    )
                )
                week = IsoWeek.of(week.monday + timedelta(days=7))
        return digest, channel
