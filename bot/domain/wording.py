"""How domain text names a command or the chat app without knowing the platform.

The domain writes ``command("pause")`` and ``APP``; each adapter renders them its own way
(Slack: "`/copro pause`" and "Slack"; Teams: "**pause**" and "Teams") with ``render``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

APP = "⟦app⟧"
_MARK = re.compile(r"⟦([^⟦⟧]+)⟧")


def command(words: str) -> str:
    """A command as the member would type it, e.g. ``command("away 2024-06-30")``."""
    return f"⟦{words}⟧"


def render(text: str, *, command: Callable[[str], str], app: str) -> str:
    """Domain text in one platform's words."""
    return _MARK.sub(lambda m: app if m.group(1) == "app" else command(m.group(1)), text)


def canonical(text: str) -> str:
    """One fixed rendering, for hashing only (the consent wording's version): the form the
    words had before there was a second platform, so no stored version changes meaning."""
    return render(text, command=lambda words: f"`/copro {words}`", app="Slack")


def shorten(text: str, limit: int, note: str = "…") -> str:
    """Cut at a word boundary so nothing ends mid-word; ``note`` says something was cut."""
    if len(text) <= limit:
        return text
    room = max(limit - len(note), 1)
    cut = text[:room]
    space = cut.rfind(" ")
    if space > room // 2:
        cut = cut[:space]
    return cut.rstrip() + note
