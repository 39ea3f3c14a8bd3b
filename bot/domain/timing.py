"""When a person may be messaged: not in quiet hours (in their own time zone), not at weekends or
on bank holidays unless the programme says so, and not while they are away."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays

REGIONS = {"england": "ENG", "wales": "WLS", "scotland": "SCT", "northern_ireland": "NIR"}
SEARCH_DAYS = 60  # nobody is deferred further than this; past it we give up on that message


@dataclass(frozen=True)
class SendingRules:
    zone: str  # the programme's, for members whose own is unknown
    quiet: tuple[time, time] | None = (time(20, 0), time(8, 0))
    weekends: bool = False
    bank_holidays: str | None = "england"

    @classmethod
    def of(cls, programme) -> SendingRules:
        return cls(
            zone=programme.timezone,
            quiet=parse_quiet(programme.quiet_hours),
            weekends=bool(programme.weekends),
            bank_holidays=None if programme.bank_holidays == "none" else programme.bank_holidays,
        )

    def quiet_at(self, moment: time) -> bool:
        if self.quiet is None:
            return False
        start, end = self.quiet
        return (moment >= start or moment < end) if start > end else start <= moment < end

    def day_allowed(self, day: date, away_until: date | None) -> bool:
        if away_until is not None and day <= away_until:
            return False
        if not self.weekends and day.weekday() >= 5:
            return False
        return not (self.bank_holidays and day in _holidays(self.bank_holidays, day.year))


def parse_quiet(text: str | None) -> tuple[time, time] | None:
    if not text or text.strip().lower() == "none":
        return None
    start, end = (time.fromisoformat(part.strip()) for part in text.split("-"))
    return start, end


@lru_cache(maxsize=32)
def _holidays(region: str, year: int) -> holidays.HolidayBase:
    return holidays.UK(subdiv=REGIONS[region], years=year)


def _zone(name: str | None, fallback: str) -> ZoneInfo:
    try:
        return ZoneInfo(name or fallback)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(fallback)


def next_allowed(
    when: datetime,
    rules: SendingRules,
    *,
    member_zone: str | None = None,
    away_until: date | None = None,
) -> datetime | None:
    """The first moment at or after ``when`` when the person may be messaged (UTC), or None
    if there is none within ``SEARCH_DAYS``."""  # fmt: skip
    zone = _zone(member_zone, rules.zone)
    local = when.astimezone(zone)
    morning = rules.quiet[1] if rules.quiet else time(0, 0)
    for _ in range(SEARCH_DAYS):
        if rules.day_allowed(local.date(), away_until):
            if not rules.quiet_at(local.time()):
                return local.astimezone(UTC)
            if local.time() < morning:  # early morning: later today
                return datetime.combine(local.date(), morning, tzinfo=zone).astimezone(UTC)
        following = local.date() + timedelta(days=1)
        local = datetime.combine(following, morning, tzinfo=zone)
    return None
