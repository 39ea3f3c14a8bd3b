"""How a member's words may be used: their choice on each reply, the most private by default.

- ``named``: the digest may quote the reply with the member's name.
- ``unnamed``: the digest may quote the reply, never with a name.
- ``themes_only``: the reply counts in the themes and the response rate; it is never quoted,
  and the export carries its theme but not its words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.domain.errors import UserError

if TYPE_CHECKING:
    from storage.models import Reply

NAMED = "named"
UNNAMED = "unnamed"
THEMES_ONLY = "themes_only"
MOST_PRIVATE = THEMES_ONLY
CHOICES = (NAMED, UNNAMED, THEMES_ONLY)

# What a member reads when choosing; the first words say the choice plainly.
LABELS = {
    NAMED: "Quote me by name",
    UNNAMED: "Quote me without my name",
    THEMES_ONLY: "Count it in the themes but do not quote it",
}
# How the choice is told back to them, as a whole sentence: "I'll may quote ..." did not read.
TOLD = {
    NAMED: "The digest may quote this with your name.",
    UNNAMED: "The digest may quote this, but never with your name.",
    THEMES_ONLY: "I'll count this in the themes but never quote it.",
}


def checked(usage: str | None) -> str:
    """A usage choice as sent by a form or button; a missing one is the most private."""
    if usage is None or usage == "":
        return MOST_PRIVATE
    if usage not in CHOICES:
        raise UserError("Sorry, I didn't recognise that choice. Please pick one from the list.")
    return usage


def or_most_private(usage: str | None) -> str:
    """A stored choice as it may be trusted: anything unknown counts as the most private, so a
    bad value in the database never blocks a member's reply nor widens its use."""
    return usage if usage in CHOICES else MOST_PRIVATE


def quotable(usage: str) -> bool:
    return usage in (NAMED, UNNAMED)


def named(usage: str) -> bool:
    """Whether a name may show with the words; anything unknown is treated as no."""
    return usage == NAMED


def apply(reply: Reply, usage: str) -> None:
    """Set a reply's usage; ``anonymous`` follows it, so a name shows only when asked for."""
    reply.usage = checked(usage)
    reply.anonymous = not named(reply.usage)
