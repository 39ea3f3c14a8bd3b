"""The digest rendered for Slack: a short summary for the channel, the full digest for its thread.

Limits respected: 50 blocks a message, 3,000 characters a section, 150 a header. A digest too
big for ``MAX_MESSAGES`` messages is cut with a note saying how much was left out. Every
user-written text is escaped.
"""

from __future__ import annotations

from typing import Any

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
from bot.domain.status import STATUS_NOTE, DayStatus
from handlers.slack.blocks import context, header, section
from handlers.slack.text import SECTION_LIMIT, escape, quote

BLOCKS_PER_MESSAGE = 50
MAX_MESSAGES = 10
QUOTE_LIMIT = 600  # a quote longer than this is shortened at a word, with a note
SUMMARY_THEMES = 3


def summary_message(digest: Digest) -> dict[str, Any]:
    """One short message for the channel: rates, the main themes, and where the rest is."""
    title = digest.title
    if not digest.has_replies:
        text = nothing_to_share(digest)
        return {
            "text": f"{escape(title)}: {text[0].lower() + text[1:]}",
            "blocks": [header(title), section(text)],
        }
    lines = [
        f"*{escape(digest.programme)}* · {escape(', '.join(digest.days) or 'no programme days')}",
        headline(digest),
    ]
    for part in digest.overall:
        themed = [g for g in part.themes if g.theme_id][:SUMMARY_THEMES]
        top = ", ".join(f"{escape(g.name)} ({g.count})" for g in themed) or "no common theme yet"
        lines.append(f"*{escape(part.heading)}:* {top}")
    lines += [escape(line) for line in trend_lines(digest)]
    if digest.late:
        lines.append(f"{digest.late} reflections on earlier weeks arrived late; they are included.")
    blocks = [header(title), section("\n".join(lines))]
    blocks.append(context("The full digest, team by team with quotes, is in the thread below."))
    return {
        "text": f"{escape(title)}. {headline(digest, before=False).rstrip('.')}.",
        "blocks": blocks,
    }


def digest_messages(digest: Digest) -> list[dict[str, Any]]:
    """The full digest, split into as many messages as Slack's limits need."""
    return _split(_digest_blocks(digest), digest.title)


def _digest_blocks(digest: Digest) -> list[dict[str, Any]]:
    blocks = [header(digest.title)]
    if not digest.days and not digest.late:
        blocks.append(
            section(f"{escape(digest.programme)}: there were no programme days this week.")
        )
        return blocks
    days = ", ".join(escape(d) for d in digest.days) or "no programme days"
    blocks.append(
        context(f"{escape(digest.programme)} · {days} · {headline(digest, before=False)}")
    )
    if not digest.teams:
        blocks.append(section("Nobody has been sent a reflection prompt for this week yet."))
    for team in digest.teams:
        blocks += [{"type": "divider"}, *_team_blocks(team, digest.min_replies)]
    if digest.pooled:
        blocks += [
            {"type": "divider"},
            section(f"*From smaller groups*\n{POOL_NOTE}"),
        ]
        for part in digest.pooled:
            blocks += _question_blocks(part, attributed=False)
    blocks += [context(note) for note in closing_notes(digest)]
    return blocks


def _team_blocks(team: TeamDigest, min_replies: int) -> list[dict[str, Any]]:
    aim = f"\n_{escape(team.aim)}_" if team.aim else ""
    rates = team_rate(team)
    blocks = [section(f"*{escape(team.name)}*{aim}\n{rates}")]
    if team.small:
        blocks.append(
            context(
                f"Fewer than {min_replies} replies: read with the other small groups, "
                "without the team's name."
            )
        )
        return blocks
    if not team.has_answers:
        blocks.append(context("No reflections yet for this week."))
        return blocks
    for part in team.sections:
        blocks += _question_blocks(part, attributed=True)
    return blocks


def _question_blocks(part: QuestionSection, *, attributed: bool) -> list[dict[str, Any]]:
    if not part.quotes:
        return []
    blocks = []
    chunk = f"*{escape(part.heading)}*"
    for group in part.themes:
        pieces = [f"• *{escape(group.name)}* ({group.count})"]
        for item in group.quotes:
            late = "arrived after its week's digest" if item.late else ""
            if attributed:
                who = escape(item.attribution) if item.attribution else "anonymous"
                late = f"{who} · {late}" if late else who
            pieces.append(quote(item.text, QUOTE_LIMIT) + (f"\n_— {late}_" if late else ""))
        if not group.quotes:
            pieces.append(f"_{NOT_QUOTED}_")
        elif group.count > len(group.quotes):
            more = group.count - len(group.quotes)
            pieces.append(f"_and {more} more on this theme_")
        piece = "\n".join(pieces)
        if len(chunk) + len(piece) + 2 > SECTION_LIMIT:
            blocks.append(section(chunk))
            chunk = ""
        chunk = f"{chunk}\n\n{piece}" if chunk else piece
    if part.emerging:
        also = ", ".join(f"{escape(e.label)} ({e.count})" for e in part.emerging)
        chunk += f"\n\n_Also coming up: {also}_"
    blocks.append(section(chunk))
    return blocks


def _split(blocks: list[dict[str, Any]], title: str) -> list[dict[str, Any]]:
    room = BLOCKS_PER_MESSAGE - 1  # one block kept free for a "cut" note
    parts = [blocks[i : i + room] for i in range(0, len(blocks), room)] or [[]]
    if len(parts) > MAX_MESSAGES:
        left_out = sum(len(p) for p in parts[MAX_MESSAGES:])
        parts = parts[:MAX_MESSAGES]
        parts[-1].append(
            context(
                f"This digest is too long for Slack, so the last {left_out} sections are not "
                "shown. Ask for one team at a time (`/copro digest <week> <team>`) or use "
                "`/copro export` to see everything."
            )
        )
    total = len(parts)
    messages = []
    for number, part in enumerate(parts, start=1):
        suffix = f" (part {number} of {total})" if total > 1 else ""
        messages.append({"text": f"{escape(title)}{suffix}", "blocks": part})
    return messages


def status_blocks(programme: str, days: list[DayStatus]) -> dict[str, Any]:
    if not days:
        text = escape(f"No reflection prompts have gone out yet for {programme}.")
        return {"text": text, "blocks": [section(text)]}
    blocks: list[dict[str, Any]] = [header(f"Who has answered: {programme}")]
    for day in days[-12:]:  # the latest days; older ones rarely need chasing
        lines = [f"*{escape(day.day)}* ({day.date})"]
        for team in day.teams:
            names, rest = team.who()
            named = ", ".join(escape(n) for n in names) or "nobody by name"
            tail = f"; {rest}" if rest else ""
            lines.append(f"• {escape(team.team)}: {named}{tail}")
        blocks.append(section("\n".join(lines)))
    blocks.append(context(STATUS_NOTE))
    return {
        "text": f"Who has answered: {escape(programme)}",
        "blocks": blocks[:BLOCKS_PER_MESSAGE],
    }
