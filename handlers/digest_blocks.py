"""The digest rendered for Slack, split across messages so no Slack limit is ever hit.

Limits respected: 50 blocks a message, 3,000 characters a section, 150 a header. A digest too
big for ``MAX_MESSAGES`` messages is cut with a note saying how much was left out.
"""

from __future__ import annotations

from typing import Any

from bot.domain.digest import Digest, TeamDigest
from bot.domain.status import DayStatus
from handlers.blocks import context, header, section
from handlers.text import SECTION_LIMIT, escape, quote

BLOCKS_PER_MESSAGE = 50
MAX_MESSAGES = 10
QUOTE_LIMIT = 1000  # a quote longer than this is shortened at a word, with a note


def digest_messages(digest: Digest) -> list[dict[str, Any]]:
    blocks = _digest_blocks(digest)
    return _split(blocks, digest.title)


def _rate(answered: int, prompted: int) -> str:
    if not prompted:
        return "nobody was prompted"
    share = round(100 * answered / prompted)
    return f"{answered} of {prompted} answered ({share}%)"


def _digest_blocks(digest: Digest) -> list[dict[str, Any]]:
    blocks = [header(digest.title)]
    if not digest.days:
        blocks.append(
            section(f"{escape(digest.programme)}: there were no programme days this week.")
        )
        return blocks
    days = ", ".join(escape(d) for d in digest.days)
    blocks.append(
        context(f"{escape(digest.programme)} · {days} · {_rate(digest.answered, digest.prompted)}")
    )
    if not digest.teams:
        blocks.append(section("Nobody has been sent a reflection prompt for this week yet."))
    for team in digest.teams:
        blocks += [{"type": "divider"}, *_team_blocks(team)]
    blocks.append(
        context("Anonymous reflections are shown without a name. Replies are quoted as written.")
    )
    return blocks


def _team_blocks(team: TeamDigest) -> list[dict[str, Any]]:
    aim = f"\n_{escape(team.aim)}_" if team.aim else ""
    blocks = [section(f"*{escape(team.name)}*{aim}\n{_rate(team.answered, team.prompted)}")]
    if not team.has_answers:
        blocks.append(context("No reflections yet for this week."))
        return blocks
    for part in team.sections:
        if not part.quotes:
            continue
        chunk = f"*{escape(part.heading)}*"
        for item in part.quotes:
            who = f"\n_— {escape(item.attribution)}_" if item.attribution else "\n_— anonymous_"
            piece = quote(item.text, QUOTE_LIMIT) + who
            if len(chunk) + len(piece) + 2 > SECTION_LIMIT:
                blocks.append(section(chunk))
                chunk = ""
            chunk = f"{chunk}\n\n{piece}" if chunk else piece
        blocks.append(section(chunk))
    return blocks


def _split(blocks: list[dict[str, Any]], title: str) -> list[dict[str, Any]]:
    room = BLOCKS_PER_MESSAGE - 1  # one block kept free for a "continued" or "cut" note
    parts = [blocks[i : i + room] for i in range(0, len(blocks), room)] or [[]]
    left_out = 0
    if len(parts) > MAX_MESSAGES:
        left_out = sum(len(p) for p in parts[MAX_MESSAGES:])
        parts = parts[:MAX_MESSAGES]
        parts[-1].append(
            context(
                f"This digest is too long for Slack, so the last {left_out} sections are not shown. "
                "Ask for one team at a time (`/copro digest <week> <team>`) to see everything."
            )
        )
    total = len(parts)
    messages = []
    for number, part in enumerate(parts, start=1):
        suffix = f" (part {number} of {total})" if total > 1 else ""
        messages.append({"text": f"{title}{suffix}", "blocks": part})
    return messages


def status_blocks(programme: str, days: list[DayStatus]) -> dict[str, Any]:
    if not days:
        text = f"No reflection prompts have gone out yet for {programme}."
        return {"text": text, "blocks": [section(escape(text))]}
    blocks: list[dict[str, Any]] = [header(f"Who has answered: {programme}")]
    for day in days[-12:]:  # the latest days; older ones rarely need chasing
        lines = [f"*{escape(day.day)}* ({day.date})"]
        for team in day.teams:
            named = ", ".join(escape(n) for n in team.named) or "nobody by name"
            extra = []
            if team.anonymous:
                extra.append(f"{team.anonymous} anonymously")
            if team.skipped:
                extra.append(f"{team.skipped} skipped")
            if team.waiting:
                extra.append(f"{team.waiting} still to answer")
            tail = f"; {', '.join(extra)}" if extra else ""
            lines.append(f"• {escape(team.team)}: {named}{tail}")
        blocks.append(section("\n".join(lines)))
    blocks.append(context("People who answered anonymously are counted, never named."))
    return {"text": f"Who has answered: {programme}", "blocks": blocks[:BLOCKS_PER_MESSAGE]}
