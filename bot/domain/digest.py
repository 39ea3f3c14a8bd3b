"""The digest of a week (or weeks): per team, what is working and what could change.

Each question's replies are grouped into themes (assigned when the replies arrived), with
counts, one or two representative quotes and the emerging themes among the rest. A fixed number
of queries whatever the number of replies: counts are grouped in SQL and answers are streamed
once. Each reply's usage choice (``bot.domain.usage``) is kept from the query onwards: every
reply counts in the rates, themes, trends and emerging themes, but only replies whose authors
allow it are quoted, and only "named" ones carry a name. A team with fewer replies than the
programme's ``anonymity_min_replies`` is quoted without team or name. Emerging themes show a
word or phrase several people used and a count, never a reply, so replies not to be quoted
still count there; their ``examples`` are drawn from quotable replies only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from bot.domain import anonymity
from bot.domain import usage as usages
from bot.domain.digest_trends import Trends, build_trends
from bot.domain.errors import UserError
from bot.domain.themes import DEFAULT_CODEBOOK, Codebook, EmergingTheme, emerging_themes
from bot.domain.themes.quotes import representative_indices
from bot.domain.theming import codebook_of
from bot.domain.weeks import IsoWeek
from storage import Store, queries

NO_TEAM = "Facilitators and others not in a team"
OTHER_THEME = "Other reflections"
QUOTES_PER_THEME = 2
EMERGING_SAMPLE = 300
NOT_QUOTED = "Counted here, not quoted, as asked."


@dataclass(slots=True)  # not frozen: a digest makes one per reply, and frozen init is slow
class Quote:
    text: str
    attribution: str | None  # None: anonymous, name unknown, or withheld for a small group
    theme: str | None = None
    late: bool = False  # for an earlier week, arrived after that week's digest
    quotable: bool = True  # False: counted in the themes, never shown, as its author asked


@dataclass
class ThemeGroup:
    theme_id: str | None  # None: no codebook theme fits
    name: str
    count: int
    quotes: list[Quote]


@dataclass
class QuestionSection:
    question_id: str
    heading: str
    quotes: list[Quote] = field(default_factory=list)  # every reply, oldest first
    themes: list[ThemeGroup] = field(default_factory=list)
    emerging: list[EmergingTheme] = field(default_factory=list)


@dataclass
class TeamDigest:
    name: str
    aim: str
    prompted: int = 0
    answered: int = 0
    skipped: int = 0
    sections: list[QuestionSection] = field(default_factory=list)
    small: bool = False  # too few replies to quote with the team's name: quoted in the pool
    # Its counts would point at the few who answered without a name (bot.domain.anonymity):
    # they are not shown, and its unnamed replies are read in the pool, not under its name.
    protected: bool = False
    previous_prompted: int = 0
    previous_answered: int = 0

    @property
    def has_answers(self) -> bool:
        return any(section.quotes for section in self.sections)


@dataclass
class Digest:
    programme: str
    week: IsoWeek  # the first week covered
    days: list[str]
    teams: list[TeamDigest]
    team_filter: str | None = None
    last_week: IsoWeek | None = None  # the last week covered, when more than one
    pooled: list[QuestionSection] = field(default_factory=list)  # small groups, unattributed
    # Replies from small groups too few, all together, to be shown even in the pool: they
    # count only in the programme's totals and themes.
    held_back: int = 0
    overall: list[QuestionSection] = field(default_factory=list)  # every team, themes only
    trends: Trends | None = None
    min_replies: int = 3
    late: int = 0  # answers that arrived late for earlier weeks
    withheld: int = 0  # replies passed to the safeguarding leads instead
    unquoted: int = 0  # replies counted in the themes but not quoted, at their authors' wish
    # The programme's rate would give away a protected team's counts (by subtracting the
    # teams shown): then it is not shown either (bot.domain.anonymity).
    headline_hidden: bool = False
    # What is drawn from it once (the chart, bot.domain.chart), so that the chat post, its
    # Word file and its e-mail draw it once between them.
    drawn: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def prompted(self) -> int:
        return sum(team.prompted for team in self.teams)

    @property
    def answered(self) -> int:
        return sum(team.answered for team in self.teams)

    @property
    def has_replies(self) -> bool:
        return bool(self.answered or self.late)

    @property
    def span(self) -> str:
        if self.last_week and self.last_week != self.week:
            return f"{self.week.monday.day} {self.week.monday:%B %Y} to {self.last_week.sunday.day} {self.last_week.sunday:%B %Y}"
        return self.week.label()

    @property
    def title(self) -> str:
        scope = f" ({self.team_filter})" if self.team_filter else ""
        return f"Reflections for the week of {self.span}{scope}"


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
    store: Store,
    *,
    programme_id: int,
    week: IsoWeek,
    team: str | None = None,
    last_week: IsoWeek | None = None,
    late_since: datetime | None = None,
) -> Digest:
    """The digest for ``week`` (through ``last_week``), optionally for one team.

    ``late_since``: for the weekly digest, also include answers to earlier weeks saved since
    then whose week's digest had already gone out, marked late.
    """
    last_week = last_week or week
    with store.transaction() as session:
        programme = queries.programme(session, programme_id=programme_id)
        teams = list(queries.teams(session, programme_id=programme_id))
        team_id = None
        if team is not None:
            team = find_team([t.name for t in teams], team)
            teams = [t for t in teams if t.name == team]
            team_id = teams[0].id
        days = queries.days_between(
            session, programme_id=programme_id, first=week.monday, last=last_week.sunday
        )
        questions = [(q["id"], heading_for(q["text"])) for q in programme.questions]
        by_team = {
            t.id: TeamDigest(t.name, t.aim, sections=[QuestionSection(q, h) for q, h in questions])
            for t in teams
        }
        # Only teams are rows: replies and prompts of people outside a team (facilitators,
        # mostly) are neither a row nor in the headline rate. They are in the export.
        _count(
            by_team,
            queries.delivery_counts(
                session, day_ids=[d.id for d in days], programme_id=programme_id
            ),
        )
        sections = {key: {s.question_id: s for s in t.sections} for key, t in by_team.items()}
        roles: dict[int, str | None] = {}
        unquoted: set[int] = set()  # reply ids, as a reply may have several answers
        # Core rows straight off the connection: the ORM's per-row work was a quarter of a
        # 100,000-reply build (bench/digest.py).
        rows = session.connection().execute(
            queries.answers_for_days(
                session, day_ids=[d.id for d in days], team_id=team_id, programme_id=programme_id
            ).execution_options(yield_per=2000)
        )
        for team_key, qid, text, usage, name, theme, role, reply_id in rows:
            section = sections.get(team_key, {}).get(qid)
            if section is not None:
                section.quotes.append(_quote(text, usage, name, theme))
                roles[reply_id] = role
                if not usages.quotable(usage):
                    unquoted.add(reply_id)
        late = (
            _late(session, programme_id, week, late_since, sections, team_id, unquoted)
            if late_since
            else 0
        )
        withheld = queries.withheld_replies(session, day_ids=[d.id for d in days])
        trends = build_trends(
            session,
            programme_id=programme_id,
            first=week,
            last=last_week,
            teams=by_team,
            roles=roles,
        )
    digest = Digest(
        programme=programme.name,
        week=week,
        last_week=last_week if last_week != week else None,
        days=[d.name for d in days],
        teams=[t for t in by_team.values() if t.prompted or t.has_answers or team is not None],
        team_filter=team,
        min_replies=programme.anonymity_min_replies or 3,
        trends=trends,
        late=late,
        withheld=withheld,
        unquoted=len(unquoted),
    )
    group_by_theme(digest, codebook_of(programme))
    return digest


def _count(by_team: dict, rows) -> None:
    for team_key, state, _anonymous, count in rows:
        digest_team = by_team.get(team_key)
        if digest_team is None:
            continue
        digest_team.prompted += count
        if state == "answered":
            digest_team.answered += count
        elif state == "skipped":
            digest_team.skipped += count


def _quote(text: str, usage: str, name: str | None, theme: str | None, late: bool = False):
    """A reply's answer as the digest holds it: a name only if asked for by name."""
    return Quote(text, name if usages.named(usage) else None, theme, late, usages.quotable(usage))


def _late(session, programme_id, week, since, sections, team_id, unquoted: set[int]) -> int:
    posted = {
        (d.iso_year, d.iso_week): d.posted_at
        for d in queries.weekly_digests(session, programme_id=programme_id)
    }
    count = 0
    rows = queries.answers_since(
        session, programme_id=programme_id, before=week.monday, since=since
    )
    for team_key, qid, text, usage, name, theme, _role, reply_id, day, created in rows:
        shared = posted.get(tuple(day.isocalendar())[:2])
        section = sections.get(team_key, {}).get(qid)
        if shared is None or created <= shared or section is None:
            continue  # its own week's digest had not gone out yet: it was in that one
        if team_id is not None and team_key != team_id:
            continue
        section.quotes.append(_quote(text, usage, name, theme, late=True))
        if not usages.quotable(usage):
            unquoted.add(reply_id)
        count += 1
    return count


def group_by_theme(digest: Digest, codebook: Codebook = DEFAULT_CODEBOOK) -> None:
    """Themes per team and question, with the anonymity rule applied (bot.domain.anonymity):
    a small team's quotes, and an unsafe team's unnamed ones, move unattributed to the pool;
    a pool too small to hide its authors is held back to the programme's totals."""
    questions = {s.question_id: s.heading for t in digest.teams for s in t.sections}
    pooled = {qid: QuestionSection(qid, heading) for qid, heading in questions.items()}
    overall = {qid: QuestionSection(qid, heading) for qid, heading in questions.items()}
    pool_candidates = 0
    pool_replies = 0
    hidden_candidates = hidden_unnamed = 0
    for team in digest.teams:
        named = len({q.attribution for s in team.sections for q in s.quotes if q.attribution})
        unnamed = max(team.answered - named, 0)
        team.small = 0 < team.answered < digest.min_replies
        team.protected = not anonymity.safe(
            candidates=team.prompted - named, unnamed=unnamed, floor=digest.min_replies
        )
        if team.protected:
            hidden_candidates += team.prompted - named
            hidden_unnamed += unnamed
        moving = team.small or team.protected
        if moving and unnamed:
            pool_candidates += team.prompted - (0 if team.small else named)
            pool_replies += team.answered if team.small else unnamed
        for section in team.sections:
            overall[section.question_id].quotes += section.quotes
            if moving:
                leaving = [q for q in section.quotes if team.small or not q.attribution]
                pooled[section.question_id].quotes += [
                    Quote(q.text, None, q.theme, q.late, q.quotable) for q in leaving
                ]
                section.quotes = [q for q in section.quotes if q not in leaving]
            section.themes = _themes(section.quotes, codebook)
    # The headline less the teams shown is the hidden teams' count: it is shown only when
    # those teams together are enough people to hide each unnamed reply.
    digest.headline_hidden = not anonymity.safe(
        candidates=hidden_candidates, unnamed=hidden_unnamed, floor=digest.min_replies
    )
    if pool_replies and pool_candidates < digest.min_replies:
        # Even together the small groups could point at someone: their words stay out.
        digest.held_back = pool_replies
        pooled = {}
    # What is emerging is read across the programme (and the pooled small groups), not per team.
    known = set(codebook.ids)
    for section in [*pooled.values(), *overall.values()]:
        section.themes = _themes(section.quotes, codebook)
        section.emerging = _emerging([q for q in section.quotes if q.theme not in known])
    digest.pooled = [s for s in pooled.values() if s.quotes]
    digest.overall = [s for s in overall.values() if s.quotes]


def _themes(quotes: list[Quote], codebook) -> list[ThemeGroup]:
    known = set(codebook.ids)
    by_theme: dict[str | None, list[Quote]] = {}
    for item in quotes:
        key = item.theme if item.theme in known else None
        by_theme.setdefault(key, []).append(item)
    order = {theme_id: i for i, theme_id in enumerate(codebook.ids)}
    groups = []
    for theme_id, items in by_theme.items():
        # Every reply counts; only those whose authors allow it may be chosen as quotes.
        allowed = [q for q in items if q.quotable]
        chosen = representative_indices([q.text for q in allowed], k=QUOTES_PER_THEME)
        name = codebook.name_of(theme_id) if theme_id else OTHER_THEME
        groups.append(ThemeGroup(theme_id, name, len(items), [allowed[i] for i in chosen]))
    groups.sort(key=lambda g: (g.theme_id is None, -g.count, order.get(g.theme_id, 0)))
    return groups


def _emerging(quotes: list[Quote]) -> list[EmergingTheme]:
    """Emerging themes among unthemed replies; over a spread-out sample when there are many,
    with counts scaled back up, so a digest of 100,000 replies stays quick. Every reply counts;
    examples come only from replies that may be quoted."""
    if not quotes:
        return []
    sample = quotes
    if len(quotes) > EMERGING_SAMPLE:
        step = len(quotes) / EMERGING_SAMPLE
        sample = [quotes[int(i * step)] for i in range(EMERGING_SAMPLE)]
    scale = len(quotes) / len(sample)
    found = emerging_themes(
        [q.text for q in sample], quotable=[q.quotable for q in sample], min_count=2, limit=3
    )
    return [EmergingTheme(e.label, round(e.count * scale), e.examples) for e in found]


def unquoted_note(count: int, floor: int = 3) -> str:
    """Said once in a digest, so a facilitator knows why some themes have fewer quotes. A
    count too small to hide who asked is not given (bot.domain.anonymity)."""
    if count < floor:
        return "Replies whose authors asked not to be quoted are counted in the themes only."
    return f"{count} replies are counted in the themes but not quoted, as their authors asked."


# Said in every digest, whether or not any reply was passed on: a count, or a note that
# comes and goes, would tell readers which of the people they can see was flagged.
SAFEGUARDING_NOTE = (
    "Any reply that raised a worry for someone's safety went privately to the safeguarding "
    "leads. It is shown here only if a lead found no worry."
)
HELD_BACK_NOTE = (
    "Some replies from small groups are counted only in the totals, so that nobody can be "
    "singled out."
)
PROTECTED_RATE = "Numbers not shown: the group is small enough to point at people."
POOL_NOTE = (
    "These come from small groups, so they are shown without the team or a name, so that "
    "nobody can be singled out."
)
NOBODY_NAMED = (
    "Nobody is named unless they asked to be. Quotes are as written, shortened only where "
    "long; every reply is in the export."
)


def rate(answered: int, prompted: int) -> str:
    """A response rate as every rendering says it: "3 of 4 answered (75%)"."""
    if not prompted:
        return "nobody was asked"
    return f"{answered} of {prompted} answered ({round(100 * answered / prompted)}%)"


def compared(answered: int, prompted: int, before_answered: int, before_prompted: int) -> str:
    """The rate, and the week before's when there was one."""
    now = rate(answered, prompted)
    if not before_prompted:
        return now
    return f"{now}; {round(100 * before_answered / before_prompted)}% the week before"


def headline(digest: Digest, *, before: bool = True) -> str:
    """The programme's rate (with the week before's, unless ``before`` is False), or why it is
    not shown (bot.domain.anonymity)."""
    if digest.headline_hidden:
        return shown_teams_rate(digest)
    trends = digest.trends
    if not before or trends is None:
        return rate(digest.answered, digest.prompted)
    return compared(
        digest.answered, digest.prompted, trends.previous_answered, trends.previous_prompted
    )


def shown_teams_rate(digest: Digest) -> str:
    """When the programme's rate would give a small group away, the rate across the teams whose
    own numbers are shown: their sum tells nothing their rows do not already say."""
    shown = [team for team in digest.teams if not team.protected]
    hidden = len(digest.teams) - len(shown)
    if not shown:
        return PROTECTED_RATE
    groups = "one team's numbers are" if hidden == 1 else f"{hidden} teams' numbers are"
    answered = sum(team.answered for team in shown)
    prompted = sum(team.prompted for team in shown)
    return f"{rate(answered, prompted)} in the teams shown; {groups} not shown, so nobody is singled out"


def team_rate(team: TeamDigest) -> str:
    """A team's rate, or why it is not shown (bot.domain.anonymity)."""
    if team.protected:
        return PROTECTED_RATE
    return compared(team.answered, team.prompted, team.previous_answered, team.previous_prompted)


def nothing_to_share(digest: Digest) -> str:
    """What a digest with no replies says, in every rendering."""
    why = "There were no programme days" if not digest.days else "No reflections came in"
    return f"{why} this week, so there is nothing to share yet."


def theme_name(digest: Digest, theme_id: str) -> str:
    """A theme as the digest names it: from this digest's codebook, else the default one."""
    for part in digest.overall:
        for group in part.themes:
            if group.theme_id == theme_id:
                return group.name
    try:
        return DEFAULT_CODEBOOK.name_of(theme_id)
    except KeyError:
        return theme_id


def trend_lines(digest: Digest) -> list[str]:
    """The summary's lines on what is rising, fading and who replied, as plain text."""
    trends = digest.trends
    if trends is None:
        return []
    lines = []
    if trends.rising:
        lines.append("Rising: " + ", ".join(theme_name(digest, m.theme_id) for m in trends.rising))
    if trends.fading:
        lines.append("Fading: " + ", ".join(theme_name(digest, m.theme_id) for m in trends.fading))
    if trends.voices and set(trends.voices) != {"role not recorded"}:
        lines.append(
            "Replies from: "
            + ", ".join(f"{group} {count}" for group, count in trends.voices.items())
        )
    return lines


def closing_notes(digest: Digest) -> list[str]:
    """What every rendering of a digest says at its end, decided here once for every
    platform (bot.domain.anonymity): no count that could point at a person."""
    notes = [unquoted_note(digest.unquoted, digest.min_replies)] if digest.unquoted else []
    if digest.held_back:
        notes.append(HELD_BACK_NOTE)
    return [*notes, SAFEGUARDING_NOTE, NOBODY_NAMED]


def plain_text(digest: Digest) -> str:
    """The digest as plain text, for the command line and for screen-reader fallbacks."""
    lines = [f"{digest.programme}: {digest.title}"]
    if not digest.days:
        lines.append("There were no programme days in this week.")
        return "\n".join(lines)
    lines.append(f"Programme days: {', '.join(digest.days)}.")
    lines.append(
        shown_teams_rate(digest) + "."
        if digest.headline_hidden
        else f"{digest.answered} of {digest.prompted} prompts answered."
    )
    if digest.unquoted:
        lines.append(unquoted_note(digest.unquoted, digest.min_replies))
    for team in digest.teams:
        counts = (
            PROTECTED_RATE if team.protected else f"{team.answered} of {team.prompted} answered."
        )
        lines += ["", f"== {team.name} ==", counts]
        if team.small:
            lines.append("Quoted below without the team's name (a small group).")
        elif not team.has_answers:
            lines.append("No reflections yet.")
        for section in team.sections:
            lines += _plain_section(section, attributed=True)
    if digest.pooled:
        lines += ["", "== From smaller groups (shown without team or name) =="]
        for section in digest.pooled:
            lines += _plain_section(section, attributed=False)
    lines += ["", *closing_notes(digest)[1 if digest.unquoted else 0 :]]
    return "\n".join(lines)


def _plain_section(section: QuestionSection, *, attributed: bool) -> list[str]:
    if not section.quotes:
        return []
    lines = [f"-- {section.heading}"]
    for group in section.themes:
        lines.append(f"  {group.name} ({group.count})")
        if not group.quotes:
            lines.append(f"    ({NOT_QUOTED})")
        for q in group.quotes:
            who = f" ({q.attribution})" if attributed and q.attribution else ""
            lines.append(f'    "{q.text}"{who}' + (" [arrived late]" if q.late else ""))
    return lines


def default_week(store: Store, *, programme_id: int, today: date) -> IsoWeek:
    """This week if it has a programme day, otherwise the week of the latest day so far."""
    this_week = IsoWeek.of(today)
    with store.transaction() as session:
        days = queries.days_between(
            session, programme_id=programme_id, first=date.min, last=this_week.sunday
        )
    return IsoWeek.of(days[-1].date) if days else this_week
