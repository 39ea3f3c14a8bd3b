"""Asking for a digest: to one facilitator, or posted to the programme's digest channel."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from bot.domain.clock import Clock
from bot.domain.digest import Digest, build_digest, default_week
from bot.domain.documents import document_for
from bot.domain.errors import UserError
from bot.domain.members import Facilitator
from bot.domain.messenger import Messenger
from bot.domain.reply_window import still_open, windows_of
from bot.domain.weeks import (
    MAX_RANGE_WEEKS,
    IsoWeek,
    local_today,
    looks_like_weeks,
    parse_week,
    parse_week_range,
)
from bot.domain.wording import command
from storage import Store, queries
from storage.models import DigestPosted

WORD_WORDS = {"word", "docx", "document"}  # "digest word": the digest as a Word file


@dataclass(frozen=True)
class DigestRequest:
    week: IsoWeek
    team: str | None
    post: bool
    last_week: IsoWeek | None = None  # for a range of weeks
    document: bool = False  # the Word file alone, to the one who asked


def weeks_asked(
    store: Store,
    *,
    programme_id: int,
    today,
    week: str | None = None,
    first: str | None = None,
    last: str | None = None,
) -> tuple[IsoWeek, IsoWeek]:
    """The weeks a digest is asked for outside chat (``--week``, or ``--from`` and ``--to``),
    read as the chat command reads them; by default the latest week with a programme day."""
    if week is not None and (first is not None or last is not None):
        raise UserError("Give either a week, or a first and a last week, not both.")
    if week is not None:
        return parse_week_range(week, today=today)
    if first is None and last is None:
        latest = default_week(store, programme_id=programme_id, today=today)
        return latest, latest
    if first is None or last is None:
        raise UserError("Give both the first week and the last week of the span you'd like.")
    start, end = parse_week(first, today=today), parse_week(last, today=today)
    if end < start:
        raise UserError(
            f"The first week ({start}, {start.label()}) comes after the last week ({end}, "
            f"{end.label()}). Please swap them."
        )
    if (end.monday - start.monday).days // 7 >= MAX_RANGE_WEEKS:
        raise UserError(f"Please ask for at most {MAX_RANGE_WEEKS} weeks at a time.")
    return start, end


class Digests:
    def __init__(self, *, store: Store, messenger: Messenger, clock: Clock) -> None:
        self.store = store
        self.messenger = messenger
        self.clock = clock

    def parse(self, facilitator: Facilitator, words: list[str]) -> DigestRequest:
        """Read ``[post|word] [week] [team...]`` in any order people are likely to type it."""
        first = words[0].lower() if words else ""
        post = first == "post"
        document = first in WORD_WORDS
        words = words[1:] if post or document else words
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
            week=week, team=team, post=post, last_week=last if last != week else None,
            document=document,
        )  # fmt: skip

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
            windows = windows_of(programme)
        if not channel:
            raise UserError(
                "The programme file doesn't name a digest_channel yet, so I don't know where to "
                f"post. Add one and load the file again, or use {command('digest')} to see it "
                "yourself."
            )
        digest = self.build(facilitator, request)
        self.messenger.post_digest(channel, digest, document=document_for(digest))
        now = self.clock.now()
        with self.store.transaction() as session:
            team_id = None
            if digest.team_filter:
                team_id = next(
                    t.id
                    for t in queries.teams(session, programme_id=facilitator.programme_id)
                    if t.name == digest.team_filter
                )
            week = request.week
            while week <= (request.last_week or request.week):
                # Every week shown is now final, unless its reminders are still out.
                if not still_open(windows, week, now):
                    session.add(
                        DigestPosted(
                            programme_id=facilitator.programme_id,
                            iso_year=week.year,
                            iso_week=week.week,
                            team_id=team_id,
                            channel=channel,
                            posted_at=now,
                        )
                    )
                week = IsoWeek.of(week.monday + timedelta(days=7))
        return digest, channel
