"""Who has answered which day, for facilitators, without naming anonymous authors.

Names appear only for members who answered openly, that is who chose to be quoted by name
(``bot.domain.usage``); every other answer is anonymous here. Anonymous answers, skips and
members still to answer are counts, so the status can never be matched against an anonymous
quote.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from bot.domain import anonymity
from bot.domain.digest import NO_TEAM
from storage import Store, queries


@dataclass
class TeamStatus:
    team: str
    named: list[str] = field(default_factory=list)
    anonymous: int = 0
    skipped: int = 0
    waiting: int = 0

    @property
    def answered(self) -> int:
        return len(self.named) + self.anonymous

    @property
    def prompted(self) -> int:
        return self.answered + self.skipped + self.waiting

    @property
    def others(self) -> int:
        """Everyone not named, told as one number: split into "answered without a name",
        "skipped" and "still to answer", it would change as one person answers and point at
        them (bot.domain.anonymity)."""
        return self.anonymous + self.skipped + self.waiting

    @property
    def rate_shown(self) -> bool:
        """Whether the team's answered count may be shown beside the names."""
        return anonymity.safe(
            candidates=self.prompted - len(self.named), unnamed=self.anonymous, floor=self.floor
        )

    floor: int = anonymity.DEFAULT_FLOOR

    def who(self) -> tuple[list[str], str]:
        """What the status says of the team: the names, and everyone else as one number."""
        return self.named, f"{self.others} not named" if self.others else ""


STATUS_NOTE = (
    "Only people who said they may be quoted by name are named here. Everyone else is one "
    "number, whether they answered, skipped or have yet to answer, so that nobody can be "
    "singled out."
)


@dataclass
class DayStatus:
    day: str
    date: str
    teams: list[TeamStatus]


def build_status(store: Store, *, programme_id: int) -> list[DayStatus]:
    with store.transaction() as session:
        team_names = {t.id: t.name for t in queries.teams(session, programme_id=programme_id)}
        days = {d.id: d for d in queries.programme_days(session, programme_id=programme_id)}
        grid: dict[int, dict[str, TeamStatus]] = defaultdict(dict)
        for day_id, team_id, name, state, anonymous in queries.status_rows(
            session, programme_id=programme_id
        ):
            team = team_names.get(team_id, NO_TEAM)
            entry = grid[day_id].setdefault(team, TeamStatus(team))
            if state == "answered" and anonymous:
                entry.anonymous += 1
            elif state == "answered":
                entry.named.append(name or "someone")
            elif state == "skipped":
                entry.skipped += 1
            elif state in {"sent", "pending"}:
                entry.waiting += 1
        floor = queries.programme(session, programme_id=programme_id).anonymity_min_replies
        for teams in grid.values():
            for entry in teams.values():
                entry.floor = floor or anonymity.DEFAULT_FLOOR
        return [
            DayStatus(
                day.name, day.date.isoformat(), sorted(grid[day_id].values(), key=lambda t: t.team)
            )
            for day_id, day in days.items()
            if day_id in grid
        ]
