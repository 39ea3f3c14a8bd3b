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


SHORT_RANGE = re.compile(r"^w?(\d{1,2})-w?(\d{1,2})$", re.IGNORECASE)
MAX_RANGE_WEEKS = 53  # a year: longer spans are what the export is for


def parse_week_range(text: str, *, today: date) -> tuple[IsoWeek, IsoWeek]:
    """A week (``19``) or a range (``2024-W19..2024-W22``, ``19-22``), first to last."""
    word = text.strip()
    short = SHORT_RANGE.match(word)
    if ".." in word:
        first, last = (parse_week(part, today=today) for part in word.split("..", 1))
    elif short:
        first, last = (parse_week(part, today=today) for part in short.groups())
    else:
        week = parse_week(word, today=today)
        return week, week
    if last < first:
        first, last = last, first
    if (last.monday - first.monday).days // 7 >= MAX_RANGE_WEEKS:
        raise UserError(f"Please ask for at most {MAX_RANGE_WEEKS} weeks at a time.")
    return first, last


def looks_like_weeks(text: str) -> bool:
    word = text.strip()
    if ".." in word:
        return all(looks_like_week(part) for part in word.split("..", 1))
    return bool(SHORT_RANGE.match(word)) or looks_like_week(word)
