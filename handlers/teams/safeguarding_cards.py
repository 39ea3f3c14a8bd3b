"""A safeguarding lead's alert as an Adaptive Card, with its buttons, and a member's kind
check-in. Each button's ``data`` names one lead's copy (``alert``) or the check-in
(``check_in``), so a press is never ambiguous; the words are escaped like any user text."""

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
from handlers.teams.cards import card, execute, text
from handlers.teams.text import escape, plain

PUT_BACK, FOLLOWING, CHECK_IN = "sg_put_back", "sg_following", "sg_check_in"
CHECK_IN_YES, CHECK_IN_NO = "sg_yes", "sg_no"


def alert(view: SafeguardingAlert) -> dict[str, Any]:
    body: list[dict[str, Any]] = []
    if view.note:
        body.append(text(escape(plain(view.note)), weight="Bolder", color="Attention"))
    if view.status:
        body.append(text(escape(plain(view.status)), color="Good"))
    for paragraph in view.text.split("\n\n"):
        lines = [line for line in paragraph.splitlines() if line.strip()]
        # A block a line: a card's Markdown would run single lines together.
        body += [
            text(escape(line), **({"spacing": "None"} if n else {})) for n, line in enumerate(lines)
        ]
    actions = []
    if view.decide:
        actions += [
            execute(PUT_BACK_LABEL, PUT_BACK, alert=view.copy_id),
            execute(FOLLOWING_LABEL, FOLLOWING, "positive", alert=view.copy_id),
        ]
    if view.check_in:
        actions.append(execute(CHECK_IN_LABEL, CHECK_IN, alert=view.copy_id))
    words = "\n\n".join(w for w in (view.note, view.status, view.text) if w)
    return card(body, words, actions or None)


def check_in(offer: CheckInOffer) -> dict[str, Any]:
    return card(
        [text(escape(plain(offer.text)))],
        offer.text,
        [
            execute(YES_LABEL, CHECK_IN_YES, "positive", check_in=offer.check_in_id),
            execute(NO_LABEL, CHECK_IN_NO, check_in=offer.check_in_id),
        ],
    )
