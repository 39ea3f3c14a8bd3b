"""Rendering a use case's outcome as the words a Slack user sees."""

from __future__ import annotations

from bot.domain.usecases.outcomes import Failed, Outcome, Refused, Told
from handlers.slack.text import say

SORRY = (
    "Sorry, that didn't work on my side. Nothing you wrote has been lost; please try again in a "
    "few minutes, and tell a facilitator if it keeps happening."
)


def words_of(outcome: Outcome) -> str | None:
    """What to say for an outcome that is a message; None for any other outcome."""
    if isinstance(outcome, Told | Refused):
        return say(outcome.text)
    if isinstance(outcome, Failed):
        return SORRY
    return None


def is_problem(outcome: Outcome) -> bool:
    return isinstance(outcome, Refused | Failed)
