"""The consent request and its answers: the first messages anyone gets from the bot."""

from __future__ import annotations

from typing import Any

from bot.domain.consent_wording import ConsentWording
from handlers.slack.blocks import button, section
from handlers.slack.text import escape, say

CONSENT_AGREE = "copro_consent_agree"
CONSENT_DECLINE = "copro_consent_decline"
CONSENT_BLOCK = "consent_actions"


def consent_message(wording: ConsentWording) -> dict[str, Any]:
    """The consent request: what the bot asks, keeps and shows, with a yes and a no.

    The buttons carry the wording's version, so a yes is recorded against the words read.
    """
    blocks: list[dict[str, Any]] = [section(escape(say(wording.intro)))]
    blocks += [section(f"*{escape(say(p.heading))}*\n{escape(say(p.text))}") for p in wording.parts]
    blocks.append(
        {
            "type": "actions",
            "block_id": CONSENT_BLOCK,
            "elements": [
                button("Yes, I agree", CONSENT_AGREE, wording.version, "primary"),
                button("No, thank you", CONSENT_DECLINE, wording.version),
            ],
        }
    )
    return {"text": escape(say(wording.plain_text())), "blocks": blocks}


def consent_answered(agreed: bool) -> str:
    if agreed:
        return (
            "Thank you! I'll send you a few short questions after the next programme day. "
            "Your answers won't be quoted unless you say so. You can change your mind at any "
            "time in my Home tab, or type `/copro pause`."
        )
    return (
        "That's fine. I won't send you any questions. If you change your mind, type "
        "`/copro consent` or open my Home tab."
    )
