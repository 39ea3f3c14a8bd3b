"""Domain text in Teams' words, and user-written text made safe for a Teams message.

Teams renders a message's text and an Adaptive Card's ``TextBlock`` as a small Markdown
dialect (``**bold**``, ``_italic_``, lists, ``[links](…)``) and reads ``<…>`` as markup. A
member's words are shown as they wrote them: every Markdown mark is escaped with a backslash
(and a line starting like a heading, quote or list is escaped too), and ``&``, ``<``, ``>``
become entities, so nothing they write can turn into a link, a
heading, a mention or formatting.
"""

from __future__ import annotations

import re

from bot.domain.wording import render

APP = "Teams"
_INLINE = re.compile(r"([\\`*_\[\]~])")  # marks that format or link anywhere in a line
_LINE_START = re.compile(r"^(\s*)([#>+\-]|\d+[.)])", re.MULTILINE)  # headings, quotes, lists


def say(text: str) -> str:
    """Domain text for Teams: commands are typed as a message to the bot, shown in bold."""
    return render(text, command=lambda words: f"**{words}**", app=APP)


def plain(text: str) -> str:
    """Domain text for a notification or a screen reader: no Markdown marks at all."""
    return render(text, command=lambda words: f"“{words}”", app=APP)


def escape(text: str) -> str:
    """A member's (or a programme file's) words, shown literally."""
    text = _LINE_START.sub(_escape_line_start, _INLINE.sub(r"\\\1", text))
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _escape_line_start(match: re.Match) -> str:
    mark = match.group(2)
    return match.group(1) + (mark[:-1] + "\\" + mark[-1] if mark[0].isdigit() else "\\" + mark)
