"""The digest and the status as Adaptive Cards.

In a channel the digest is a short summary card that starts a thread, with the full digest,
team by team, and the response-rate chart as replies in that thread. Teams takes about 28 KB
per message, so the full digest is split into cards of at most ``CARD_CHARS`` characters of
text; past ``MAX_CARDS`` the last card says what was left out. Every user-written text is
escaped.
"""

from __future__ import annotations

import base64
from typing import Any

from bot.domain.chart import Picture
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
from bot.domain.documents import ask_for_word
from bot.domain.status import STATUS_NOTE, DayStatus
from bot.domain.wording import shorten
from handlers.teams.cards import card, heading, text
from handlers.teams.text import escape, say

CARD_CHARS = 12_000
MAX_CARDS = 10
QUOTE_LIMIT = 600
SUMMARY_THEMES = 3


def summary(digest: Digest, *, threaded: bool = True) -> dict[str, Any]:
    title = digest.title
    if not digest.has_replies:
        words = nothing_to_share(digest)
        return card(
            [heading(escape(title)), text(words)], f"{title}: {words[0].lower() + words[1:]}"
        )
    body = [
        heading(escape(title)),
        text(f"**{escape(digest.programme)}** · {escape(', '.join(digest.days) or 'no programme days')}"),
        text(headline(digest)),
    ]  # fmt: skip
    for part in digest.overall:
        themed = [g for g in part.themes if g.theme_id][:SUMMARY_THEMES]
        top = ", ".join(f"{escape(g.name)} ({g.count})" for g in themed) or "no common theme yet"
        body.append(text(f"**{escape(part.heading)}:** {top}"))
    body += [text(escape(line)) for line in trend_lines(digest)]
    if digest.late:
        body.append(
            text(f"{digest.late} reflections on earlier weeks arrived late; they are included.")
        )
    where = "in the replies below" if threaded else "in the next messages"
    body.append(text(f"The full digest, team by team with quotes, is {where}.", isSubtle=True))
    if threaded:  # a channel's thread cannot hold the Word file: say how to ask for it
        body.append(text(say(ask_for_word(digest)), isSubtle=True))
    return card(body, f"{title}. {headline(digest, before=False).rstrip('.')}.")


def full(digest: Digest) -> list[dict[str, Any]]:
    """The full digest, as as many cards as Teams' message size needs."""
    blocks = _blocks(digest)
    parts: list[list[dict]] = [[]]
    size = 0
    for block in blocks:
        length = len(block.get("text", ""))
        if parts[-1] and size + length > CARD_CHARS:
            parts.append([])
            size = 0
        parts[-1].append(block)
        size += length
    if len(parts) > MAX_CARDS:
        left_out = sum(len(p) for p in parts[MAX_CARDS:])
        parts = parts[:MAX_CARDS]
        parts[-1].append(
            text(
                f"This digest is too long for one Teams thread, so the last {left_out} sections "
                "are not shown. Ask for one team at a time (**digest** week team) or type "
                "**export** to see everything.",
                isSubtle=True,
            )
        )
    total = len(parts)
    return [
        card(part, f"{digest.title}{f' (part {n} of {total})' if total > 1 else ''}")
        for n, part in enumerate(parts, start=1)
    ]


def _blocks(digest: Digest) -> list[dict[str, Any]]:
    blocks = [heading(escape(digest.title))]
    if not digest.days and not digest.late:
        blocks.append(text(f"{escape(digest.programme)}: there were no programme days this week."))
        return blocks
    days = ", ".join(escape(d) for d in digest.days) or "no programme days"
    blocks.append(
        text(
            f"{escape(digest.programme)} · {days} · {headline(digest, before=False)}",
            isSubtle=True,
        )
    )
    if not digest.teams:
        blocks.append(text("Nobody has been sent a reflection prompt for this week yet."))
    for team in digest.teams:
        blocks += _team(team, digest.min_replies)
    if digest.pooled:
        blocks.append(text(f"**From smaller groups**\n{POOL_NOTE}", separator=True))
        for part in digest.pooled:
            blocks += _question(part, attributed=False)
    blocks += [text(note, isSubtle=True) for note in closing_notes(digest)]
    return blocks


def _team(team: TeamDigest, min_replies: int) -> list[dict[str, Any]]:
    aim = f"\n_{escape(team.aim)}_" if team.aim else ""
    rates = team_rate(team)
    blocks = [text(f"**{escape(team.name)}**{aim}\n{rates}", separator=True)]
    if team.small:
        blocks.append(
            text(
                f"Fewer than {min_replies} replies: read with the other small groups, without the "
                "team's name.",
                isSubtle=True,
            )
        )
        return blocks
    if not team.has_answers:
        blocks.append(text("No reflections yet for this week.", isSubtle=True))
        return blocks
    for part in team.sections:
        blocks += _question(part, attributed=True)
    return blocks


def _question(part: QuestionSection, *, attributed: bool) -> list[dict[str, Any]]:
    if not part.quotes:
        return []
    blocks = [text(f"**{escape(part.heading)}**")]
    for group in part.themes:
        blocks.append(text(f"- **{escape(group.name)}** ({group.count})", spacing="Small"))
        for item in group.quotes:
            late = "arrived after its week's digest" if item.late else ""
            if attributed:
                who = escape(item.attribution) if item.attribution else "anonymous"
                late = f"{who} · {late}" if late else who
            quoted = escape(shorten(item.text, QUOTE_LIMIT, " … (shortened)"))
            blocks.append(text(f"“{quoted}”" + (f"\n_— {late}_" if late else ""), spacing="None"))
        if not group.quotes:
            blocks.append(text(f"_{NOT_QUOTED}_", spacing="None", isSubtle=True))
        elif group.count > len(group.quotes):
            blocks.append(
                text(
                    f"_and {group.count - len(group.quotes)} more on this theme_",
                    spacing="None",
                    isSubtle=True,
                )
            )
    if part.emerging:
        also = ", ".join(f"{escape(e.label)} ({e.count})" for e in part.emerging)
        blocks.append(text(f"_Also coming up: {also}_", isSubtle=True))
    return blocks


def chart(picture: Picture) -> dict[str, Any]:
    """The response-rate chart, inline, with its text alternative said in words as well."""
    url = "data:image/png;base64," + base64.b64encode(picture.png).decode()
    return card(
        [
            {
                "type": "Image",
                "url": url,
                "altText": shorten(picture.alt_text, 1000),
                "size": "Stretch",
            },
            text(escape(picture.alt_text), isSubtle=True, size="Small"),
        ],
        picture.alt_text,
    )


def status(
    programme: str, days: list[DayStatus], unreachable: tuple[str, ...] = ()
) -> dict[str, Any]:
    body: list[dict] = [heading(f"Who has answered: {escape(programme)}")]
    if not days:
        body.append(text(f"No reflection prompts have gone out yet for {escape(programme)}."))
    for day in days[-12:]:
        lines = [f"**{escape(day.day)}** ({day.date})"]
        for team in day.teams:
            names, rest = team.who()
            named = ", ".join(escape(n) for n in names) or "nobody by name"
            tail = f"; {rest}" if rest else ""
            lines.append(f"- {escape(team.team)}: {named}{tail}")
        body.append(text("\n".join(lines), separator=True))
    if unreachable:
        body.append(
            text(
                f"**Not reachable yet ({len(unreachable)})**: {escape(', '.join(unreachable))}. "
                "The app is not installed for them in Teams, or they removed it, so I can't "
                "message them. Ask your Teams admin to install it for them.",
                separator=True,
            )
        )
    body.append(text(STATUS_NOTE, isSubtle=True))
    fallback = f"Who has answered: {programme}"
    if unreachable:
        fallback += f". {len(unreachable)} not reachable yet."
    return card(body, fallback)
