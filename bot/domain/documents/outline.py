"""What a digest says, as a document, in order: decided once here for every format.

The outline holds exactly what the chat digest shows (its summary, the full digest team by
team, the chart and its closing notes), in the domain's own shared words (``bot.domain.digest``)
and with the anonymity rule already applied there (``TeamDigest.protected``, the pool,
``Digest.held_back``): a document never shows more than the digest in chat. Every text here is
plain and unescaped; each format escapes it for itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.domain.chart import Picture, response_rate_chart
from bot.domain.digest import (
    NOT_QUOTED,
    POOL_NOTE,
    Digest,
    QuestionSection,
    TeamDigest,
    closing_notes,
    headline,
    nothing_to_share,
    team_rate,
    trend_lines,
)
from bot.domain.wording import shorten

QUOTE_LIMIT = 600  # as in chat: a longer quote is shortened at a word, and says so
SHORTENED = " … (shortened)"
SUMMARY_THEMES = 3


@dataclass(frozen=True)
class Heading:
    level: int  # 1 for the title, then 2, 3, 4
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    kind: str = "body"  # body | aim (a team's aim) | note (smaller, a remark) | theme


@dataclass(frozen=True)
class Quoted:
    text: str
    who: str | None  # a name, "anonymous", or None where no attribution is shown at all
    late: bool = False


@dataclass(frozen=True)
class Table:
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Figure:
    picture: Picture


Block = Heading | Paragraph | Quoted | Table | Figure


@dataclass
class Outline:
    title: str
    blocks: list[Block] = field(default_factory=list)

    @property
    def picture(self) -> Picture | None:
        return next((b.picture for b in self.blocks if isinstance(b, Figure)), None)


LATE = "arrived after its week's digest"


def outline(digest: Digest, *, picture: Picture | None = None, chart: bool = True) -> Outline:
    """The digest as a document. ``picture``: a chart drawn already; ``chart=False``: none."""
    doc = Outline(digest.title)
    add = doc.blocks.append
    add(Heading(1, digest.title))
    if not digest.has_replies:
        add(Paragraph(f"{digest.programme}. {nothing_to_share(digest)}"))
        return doc
    days = ", ".join(digest.days) or "no programme days"
    add(Paragraph(f"{digest.programme} · {days}"))
    _summary(digest, add)
    _rates(digest, add)
    if chart:
        picture = picture or response_rate_chart(digest)
        if picture is not None:
            add(Heading(2, "Response rate chart"))
            add(Figure(picture))
    add(Heading(2, "Team by team"))
    if not digest.teams:
        add(Paragraph("Nobody has been sent a reflection prompt for this week yet."))
    for team in digest.teams:
        _team(team, digest.min_replies, add)
    if digest.pooled:
        add(Heading(2, "From smaller groups"))
        add(Paragraph(POOL_NOTE, "note"))
        for part in digest.pooled:
            _question(part, add, attributed=False, level=3)
    add(Heading(2, "About this digest"))
    for note in closing_notes(digest):
        add(Paragraph(note, "note"))
    return doc


def _summary(digest: Digest, add) -> None:
    add(Heading(2, "Summary"))
    add(Paragraph(headline(digest)))
    for part in digest.overall:
        themed = [g for g in part.themes if g.theme_id][:SUMMARY_THEMES]
        top = ", ".join(f"{g.name} ({g.count})" for g in themed) or "no common theme yet"
        add(Paragraph(f"{part.heading}: {top}"))
    for line in trend_lines(digest):
        add(Paragraph(line))
    if digest.late:
        add(
            Paragraph(
                f"{digest.late} reflections on earlier weeks arrived late; they are included."
            )
        )


def _rates(digest: Digest, add) -> None:
    """The rates the digest gives each team, together in one table (the same words)."""
    if not digest.teams:
        return
    add(Heading(2, "Response rates"))
    rows = tuple((team.name, team_rate(team)) for team in digest.teams)
    add(
        Table(
            "How many of the people asked answered, team by team",
            ("Team", "Response rate"),
            rows,
        )
    )


def _team(team: TeamDigest, min_replies: int, add) -> None:
    add(Heading(3, team.name))
    if team.aim:
        add(Paragraph(team.aim, "aim"))
    add(Paragraph(team_rate(team)))
    if team.small:
        add(
            Paragraph(
                f"Fewer than {min_replies} replies: read with the other small groups, "
                "without the team's name.",
                "note",
            )
        )
        return
    if not team.has_answers:
        add(Paragraph("No reflections yet for this week.", "note"))
        return
    for part in team.sections:
        _question(part, add, attributed=True, level=4)


def _question(part: QuestionSection, add, *, attributed: bool, level: int) -> None:
    if not part.quotes:
        return
    add(Heading(level, part.heading))
    for group in part.themes:
        add(Paragraph(f"{group.name} ({group.count})", "theme"))
        for item in group.quotes:
            who = (item.attribution or "anonymous") if attributed else None
            add(Quoted(shorten(item.text, QUOTE_LIMIT, SHORTENED), who, item.late))
        if not group.quotes:
            add(Paragraph(NOT_QUOTED, "note"))
        elif group.count > len(group.quotes):
            add(Paragraph(f"and {group.count - len(group.quotes)} more on this theme", "note"))
    if part.emerging:
        also = ", ".join(f"{e.label} ({e.count})" for e in part.emerging)
        add(Paragraph(f"Also coming up: {also}", "note"))


def attribution(item: Quoted) -> str:
    """What follows a quote: "— Amy", "— anonymous · arrived after its week's digest"."""
    parts = [p for p in (item.who, LATE if item.late else None) if p]
    return "— " + " · ".join(parts) if parts else ""
