"""How things move: response rates against the period before, themes rising or fading, whose
voices the replies came from, and the weekly response rates behind the digest's chart."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING

from bot.domain.weeks import IsoWeek
from storage import queries

if TYPE_CHECKING:
    from storage import Session

CHART_WEEKS = 8
ROLE_GROUPS = {"patient": "patients and carers", "carer": "patients and carers", "staff": "staff"}


@dataclass(frozen=True)
class ThemeMove:
    question_id: str
    theme_id: str
    now: int
    before: int


@dataclass
class Trends:
    previous_prompted: int = 0
    previous_answered: int = 0
    rising: list[ThemeMove] = field(default_factory=list)
    fading: list[ThemeMove] = field(default_factory=list)
    voices: dict[str, int] = field(default_factory=dict)  # "patients and carers" -> replies
    # team name -> [(week, answered, prompted)], oldest first: the chart
    weekly_rates: dict[str, list[tuple[IsoWeek, int, int]]] = field(default_factory=dict)


def build_trends(
    session: Session, *, programme_id: int, first: IsoWeek, last: IsoWeek, teams: dict, roles: dict
) -> Trends:
    weeks = (last.monday - first.monday).days // 7 + 1
    before_first = IsoWeek.of(first.monday - timedelta(weeks=weeks))
    before = queries.days_between(
        session,
        programme_id=programme_id,
        first=before_first.monday,
        last=first.monday - timedelta(days=1),
    )
    trends = Trends()
    for team_key, state, _anonymous, count in queries.delivery_counts(
        session, day_ids=[d.id for d in before], programme_id=programme_id
    ):
        team = teams.get(team_key)
        if team is None:
            continue
        team.previous_prompted += count
        trends.previous_prompted += count
        if state == "answered":
            team.previous_answered += count
            trends.previous_answered += count
    counted = queries.theme_counts(
        session, day_ids=[d.id for d in before], team_ids=[k for k in teams if k is not None]
    )
    _moves(trends, teams, counted)
    recorded = Counter(
        ROLE_GROUPS.get(role or "", "others" if role else "role not recorded")
        for role in roles.values()
    )
    trends.voices = dict(recorded.most_common())
    trends.weekly_rates = _weekly_rates(session, programme_id, last, teams)
    return trends


def _moves(trends: Trends, teams: dict, previous: list[tuple[str, str | None, int]]) -> None:
    if not previous:
        return  # nothing to compare with: no period before
    now: Counter = Counter()
    for team in teams.values():
        for section in team.sections:
            now.update((section.question_id, q.theme) for q in section.quotes if q.theme)
    before = Counter({(qid, theme): count for qid, theme, count in previous if theme})
    for key in set(now) | set(before):
        move = ThemeMove(key[0], key[1], now[key], before[key])
        if move.now >= move.before + 2:
            trends.rising.append(move)
        elif move.before >= move.now + 2:
            trends.fading.append(move)
    trends.rising.sort(key=lambda m: m.before - m.now)
    trends.fading.sort(key=lambda m: m.now - m.before)
    del trends.rising[3:], trends.fading[3:]


def _weekly_rates(session: Session, programme_id: int, last: IsoWeek, teams: dict):
    first = last.monday - timedelta(weeks=CHART_WEEKS - 1)
    cells: dict[tuple[str, IsoWeek], list[int]] = defaultdict(lambda: [0, 0])
    for day, team_key, state, count in queries.rate_series(
        session, programme_id=programme_id, first=first, last=last.sunday
    ):
        team = teams.get(team_key)
        if team is None:
            continue
        cell = cells[(team.name, IsoWeek.of(day))]
        cell[1] += count
        if state == "answered":
            cell[0] += count
    series: dict[str, list[tuple[IsoWeek, int, int]]] = defaultdict(list)
    for (name, week), (answered, prompted) in sorted(cells.items(), key=lambda kv: kv[0][1]):
        series[name].append((week, answered, prompted))
    return dict(series)
