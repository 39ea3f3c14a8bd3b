"""ISO weeks: how digests are cut, and how people name them (``2024-W19``, ``19``, ``last``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.errors import UserError

WEEK = re.compile(r"^(?:(\d{4})-?)?w?(\d{1,2})$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class IsoWeek:
    year: int
    week: int

    @classmethod
    def of(cls, day: date) -> IsoWeek:
        year, week, _ = day.isocalendar()
        return cls(year, week)

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.week, 1)

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    def previous(self) -> IsoWeek:
        return IsoWeek.of(self.monday - timedelta(days=7))

    def __str__(self) -> str:
        return f"{self.year}-W{self.week:02d}"

    def label(self) -> str:
        """``6 to 12 May 2024``: how a person names the week."""
        first, last = self.monday, self.sunday
        start = (
            f"{first.day} {first:%B}" if first.year == last.year else f"{first.day} {first:%B %Y}"
        )
        if first.month == last.month:
            start = str(first.day)
        return f"{start} to {last.day} {last:%B %Y}"


def local_today(now: datetime, zone: str) -> date:
    return now.astimezone(ZoneInfo(zone)).date()


def parse_week(text: str, *, today: date) -> IsoWeek:
    """Read a week as people write it; the current ISO year is assumed when none is given."""
    word = text.strip().lower()
    if word in {"", "this", "this-week", "current"}:
        return IsoWeek.of(today)
    if word in {"last", "last-week", "previous"}:
        return IsoWeek.of(today).previous()
    try:
        return IsoWeek.of(date.fromisoformat(word))
    except ValueError:
        pass
    match = WEEK.match(word)
    if match:
        year = int(match.group(1) or today.isocalendar()[0])
        try:
            return IsoWeek.of(date.fromisocalendar(year, int(match.group(2)), 1))
        except ValueError:
            pass
    raise UserError(
        f"I couldn't read {text!r} as a week. Try `2024-W19`, `19`, `last`, or a date like "
        "`2024-05-09`."
    )


def looks_like_week(text: str) -> bool:
    word = text.strip().lower()
    if word in {"this", "this-week", "current", "last", "last-week", "previous"}:
        return True
    if WEEK.match(word):
        return True
    try:
        date.fromisoformat(word)
        return True
    except ValueError:
        return False
