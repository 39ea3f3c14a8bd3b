"""Rendering a use case's outcome as what a Teams user sees: words, or a card."""

from __future__ import annotations

from typing import Any

from bot.domain.usecases.outcomes import (
    ConfirmForget,
    DigestPosted,
    Failed,
    Help,
    Outcome,
    Refused,
    ShowConsent,
    Status,
    Told,
)
from handlers.teams import cards, digest_cards
from handlers.teams.text import say

SORRY = (
    "Sorry, that didn't work on my side. Nothing you wrote has been lost; please try again in a "
    "few minutes, and tell a facilitator if it keeps happening."
)

HELP = """Here's what I can do for you. Type any of these to me:
- **pause** to stop your reflection prompts for now.
- **resume** to start them again.
- **away 2024-06-30** if you'll be away. Type **back** when you return.
- **consent** to read what I keep and who sees it.
- **my answers** to see your answers, change them, or choose how they may be used.
- **forget-me** to delete everything you have written. I'll ask you first.
- **help** to see this again.
To answer a prompt, press **Answer** on it. Or just reply to me here."""

FACILITATOR_HELP = """
For facilitators:
- **status** shows who has answered each day. Only people who may be quoted by name are named.
- **digest** week team sends the digest to you alone. A week can be 2024-W19, 19 or last.
- **digest post** week team posts the digest to the digest channel.
- **digest word** week team sends you the digest as a Word document.
- **export** sends you every reply so far as a CSV file."""


def words_of(outcome: Outcome) -> str | None:
    """What to say for an outcome that is a message; None for any other outcome."""
    if isinstance(outcome, Told | Refused):
        return say(outcome.text)
    if isinstance(outcome, Failed):
        return SORRY
    return None


def reply_for(outcome: Outcome) -> tuple[str | None, dict[str, Any] | None]:
    """A command's outcome as (words, card): one of them is set."""
    if isinstance(outcome, Help):
        words = HELP + FACILITATOR_HELP if outcome.facilitator else HELP
        if outcome.unknown is not None:
            words = f"I don't know the command “{outcome.unknown}”.\n\n{HELP}"
        return words, None
    if isinstance(outcome, ShowConsent):
        return None, cards.consent(outcome.wordings[0], outcome.note)
    if isinstance(outcome, ConfirmForget):
        return None, cards.forget_me()
    if isinstance(outcome, Status):
        return None, digest_cards.status(outcome.programme, list(outcome.days), outcome.unreachable)
    if isinstance(outcome, DigestPosted):
        return (
            f"Posted the digest for {outcome.week} to the digest channel. Answers for that week "
            "can no longer be changed.",
            None,
        )
    return words_of(outcome) or SORRY, None
