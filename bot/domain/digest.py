"""The digest of a week: per team, what is working and what could change, in people's words.

A fixed number of queries whatever the number of replies: counts are grouped in SQL and the
answers are streamed once. Anonymous replies carry no attribution from the query onwards.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from bot.domain.errors import UserError
from bot.domain.weeks import IsoWeek
from storage import Store, queries


@dataclass(frozen=True)
class Quote:
    text: str
    attribution: str | None  # None: anonymous, or the name is unknown


@dataclass
class QuestionSection:
    question_id: str
    heading: str
    quotes: list[Quote] = field(default_factory=list)


@dataclass
class TeamDigest:
    name: str
    aim: str
    prompted: int = 0
    answered: int = 0
    skipped: int = 0
    sections: list[QuestionSection] = field(default_factory=list)

    @property
    def has_answers(self) -> bool:
        return any(section.quotes for section in self.sections)


@dataclass
class Digest:
    programme: str
    week: IsoWeek
    days: list[str]
    teams: list[TeamDigest]
    team_filter: str | None = None

    @property
    def prompted(self) -> int:
        return sum(team.prompted for team in self.teams)

    @property
    def answered(self) -> int:
        return sum(team.answered for team in self.teams)

    @property
    def title(self) -> str:
        scope = f" ({self.team_filter})" if self.team_filter else ""
        return f"Reflections for the week of {self.week.label()}{scope}"


NO_TEAM = "Facilitators and others not in a team"


def heading_for(question_text: str) -> str:
    """'What is working?' reads better as the heading 'What is working'."""
    return question_text.strip().rstrip("?").strip() or question_text


def find_team(names: list[str], wanted: str) -> str:
    """Match a team as people type it: any case, or an unambiguous start of its name."""
    lowered = wanted.strip().lower()
    exact = [n for n in names if n.lower() == lowered]
    if exact:
        return exact[0]
    starts = [n for n in names if n.lower().startswith(lowered)] or [
        n for n in names if lowered in n.lower()
    ]
    if len(starts) == 1:
        return starts[0]
    listing = ", ".join(names) or "none yet"
    if starts:
        raise UserError(
            f"{wanted!r} matches more than one team ({', '.join(starts)}). Please say which."
        )
    raise UserError(f"I don't know a team called {wanted!r}. The teams are: {listing}.")


def build_digest(
    store: Store, *, programme_id: int, week: IsoWeek, team: str | None = None
) -> Digest:
    with store.transaction() as session:
        programme = session.get(queries.Programme, programme_id)
        teams = list(queries.teams(session, programme_id=programme_id))
        team_id = None
        if team is not None:
            team = find_team([t.name for t in teams], team)
            teams = [t for t in teams if t.name == team]
            team_id = teams[0].id
        days = queries.days_between(
            session, programme_id=programme_id, first=week.monday, last=week.sunday
        )
        day_ids = [d.id for d in days]
        questions = [(q["id"], heading_for(q["text"])) for q in programme.questions]

        by_team = {
            t.id: TeamDigest(
                t.name, t.aim, sections=[QuestionSection(qid, h) for qid, h in questions]
            )
            for t in teams
        }
        if team is None:  # facilitators and others outside a team reflect too
            by_team[None] = TeamDigest(
                NO_TEAM, "", sections=[QuestionSection(q, h) for q, h in questions]
            )
        for team_key, state, _anonymous, count in queries.delivery_counts(session, day_ids=day_ids):
            digest_team = by_team.get(team_key)
            if digest_team is None:
                continue
            digest_team.prompted += count
            if state == "answered":
                digest_team.answered += count
            elif state == "skipped":
                digest_team.skipped += count

        sections = {
            team_key: {s.question_id: s for s in t.sections} for team_key, t in by_team.items()
        }
        statement = queries.answers_for_days(session, day_ids=day_ids, team_id=team_id)
        for team_key, question_id, text, anonymous, name in session.execute(
            statement.execution_options(yield_per=2000)
        ):
            section = sections.get(team_key, {}).get(question_id)
            if section is not None:
                section.quotes.append(Quote(text, None if anonymous else name))
    return Digest(
        programme=programme.name,
        week=week,
        days=[d.name for d in days],
        teams=[t for t in by_team.values() if t.prompted or team is not None],
        team_filter=team,
    )


def plain_text(digest: Digest) -> str:
    """The digest as plain text, for the command line and for screen-reader fallbacks."""
    lines = [f"{digest.programme}: {digest.title}"]
    if not digest.days:
        lines.append("There were no programme days in this week.")
        return "\n".join(lines)
    lines.append(f"Programme days: {', '.join(digest.days)}.")
    lines.append(f"{digest.answered} of {digest.prompted} prompts answered.")
    for team in digest.teams:
        lines += ["", f"== {team.name} ==", f"{team.answered} of {team.prompted} answered."]
        if not team.has_answers:
            lines.append("No reflections yet.")
        for section in team.sections:
            if section.quotes:
                lines.append(f"-- {section.heading}")
                lines += [
                    f'  "{q.text}"' + (f" ({q.attribution})" if q.attribution else "")
                    for q in section.quotes
                ]
    return "\n".join(lines)


def default_week(store: Store, *, programme_id: int, today: date) -> IsoWeek:
    """This week if it has a programme day, otherwise the week of the latest day so far."""
    this_week = IsoWeek.of(today)
    with store.transaction() as session:
        days = queries.days_between(
            session, programme_id=programme_id, first=date.min, last=this_week.sunday
        )
    return IsoWeek.of(days[-1].date) if days else this_week
