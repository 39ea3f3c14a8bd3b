"""When a programme day's answers are ready to report: the day's reply window.

The rule: a reply window never closes before the reminders that ask for it. A day is asked about
at its prompt time; each reminder goes ``reminder_hours`` after the prompt, moved past quiet
hours, weekends and bank holidays exactly as the messages themselves are; the window closes a
day (``TIME_TO_ANSWER``) after the last reminder, so someone reminded has time to answer. A
week's digest is posted at the first ``digest_weekly`` time on or after the last of its days'
windows closes, and only then are that week's answers final.

With the example file (Thursday days ending at 16:00, reminders at 24 and 72 hours, digest on
Fridays at 16:00) a day is reported in the following week's Friday digest: the 72-hour reminder
falls on a Sunday, goes out on Monday at 08:00, and has until Tuesday 08:00 to work.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.domain.timing import SendingRules, next_allowed
from bot.domain.weeks import IsoWeek

TIME_TO_ANSWER = timedelta(hours=24)
A_WEEK = timedelta(days=7)


@dataclass(frozen=True)
class DayWindow:
    date: date
    prompt_at: datetime
    closes_at: datetime

    @property
    def week(self) -> IsoWeek:
        return IsoWeek.of(self.date)


def window(
    *, day_date: date, prompt_at: datetime, reminder_hours: Sequence[int], rules: SendingRules
) -> DayWindow:
    """The day's reply window, in the programme's own time zone (a member whose own zone is
    later may be reminded a little later; a day to answer covers that)."""
    sent = next_allowed(prompt_at, rules) or prompt_at
    last = sent
    for hours in reminder_hours:
        due = sent + timedelta(hours=hours)
        last = max(last, next_allowed(due, rules) or due)
    return DayWindow(day_date, prompt_at, last + TIME_TO_ANSWER)


def windows_of(programme) -> list[DayWindow]:
    rules = SendingRules.of(programme)
    return [
        window(
            day_date=day.date, prompt_at=day.prompt_at,
            reminder_hours=programme.reminder_hours or (), rules=rules,
        )  # fmt: skip
        for day in programme.days
    ]


def weeks_due(windows: Iterable[DayWindow], slot: datetime) -> list[IsoWeek]:
    """The weeks whose digest belongs to the digest time ``slot``: each week once, at the first
    slot on or after its last window closes (so a week is never due at two slots)."""
    last_close: dict[IsoWeek, datetime] = {}
    for day in windows:
        last_close[day.week] = max(last_close.get(day.week, day.closes_at), day.closes_at)
    return sorted(week for week, closes in last_close.items() if slot - A_WEEK < closes <= slot)


def still_open(windows: Iterable[DayWindow], week: IsoWeek, now: datetime) -> bool:
    """Whether any day of ``week`` is still inside its reply window at ``now``."""
    return any(day.week == week and day.closes_at > now for day in windows)
