"""A safeguarding lead's alert, with its buttons, and a member's kind check-in.

Every button carries the id of one lead's copy (or of the check-in), so a press is never
ambiguous. The alert's words, the reply's included, are escaped like any user text.
"""

from __future__ import annotations

from typing import Any

from bot.domain.messenger import CheckInOffer, SafeguardingAlert
from bot.domain.safeguarding_review import (
    CHECK_IN_LABEL,
    FOLLOWING_LABEL,
    NO_LABEL,
    PUT_BACK_LABEL,
    YES_LABEL,
)
from handlers.slack.blocks import button, section
from handlers.slack.text import SECTION_LIMIT, escape, say

PUT_BACK = "copro_sg_put_back"
FOLLOWING = "copro_sg_following"
CHECK_IN = "copro_sg_check_in"
CHECK_IN_YES = "copro_sg_yes"
CHECK_IN_NO = "copro_sg_no"
ALERT_BLOCK = "safeguarding_actions"
MAX_BLOCKS = 40  # well under Slack's 50 a message


def alert_message(alert: SafeguardingAlert) -> dict[str, Any]:
    """The alert in sections of at most Slack's limit each; who decided what (and any note
    for the one who pressed) on top; the buttons the lead may still press at the bottom."""
    blocks: list[dict[str, Any]] = []
    if alert.note:
        blocks.append(section(f"*{escape(say(alert.note))}*"))
    if alert.status:
        blocks.append(section(f":white_check_mark: {escape(say(alert.status))}"))
    blocks += [section(escape(part)) for part in _parts(alert.text)]
    value = str(alert.copy_id)
    elements = []
    if alert.decide:
        elements += [
            button(PUT_BACK_LABEL, PUT_BACK, value),
            button(FOLLOWING_LABEL, FOLLOWING, value, "primary"),
        ]
    if alert.check_in:
        elements.append(button(CHECK_IN_LABEL, CHECK_IN, value))
    blocks = blocks[: MAX_BLOCKS - 1]
    if elements:
        blocks.append({"type": "actions", "block_id": ALERT_BLOCK, "elements": elements})
    words = [alert.note, alert.status, alert.text]
    return {"text": escape(say("\n\n".join(w for w in words if w))), "blocks": blocks}


def check_in_message(offer: CheckInOffer) -> dict[str, Any]:
    text = escape(say(offer.text))
    value = str(offer.check_in_id)
    return {
        "text": text,
        "blocks": [
            section(text),
            {
                "type": "actions",
                "block_id": "check_in_actions",
                "elements": [
                    button(YES_LABEL, CHECK_IN_YES, value, "primary"),
                    button(NO_LABEL, CHECK_IN_NO, value),
                ],
            },
        ],
    }


def _parts(text: str) -> list[str]:
    """Paragraphs gathered into pieces a section can hold (escaping can lengthen them, so
    leave room); a paragraph longer than that is cut at word boundaries by ``section``."""
    room = SECTION_LIMIT // 2
    parts: list[str] = []
    for paragraph in text.split("\n\n"):
        if parts and len(parts[-1]) + len(paragraph) + 2 <= room:
            parts[-1] += "\n\n" + paragraph
        else:
            while len(paragraph) > room:
                cut = paragraph.rfind(" ", 0, room)
                cut = cut if cut > room // 2 else room
                parts.append(paragraph[:cut])
                paragraph = paragraph[cut:].lstrip()
            parts.append(paragraph)
    return [p for p in parts if p.strip()]
