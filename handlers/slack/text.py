"""Making user-written text safe to put into a Slack message.

Slack reads ``<...>`` as mentions (``<!channel>``, ``<@U123>``) and links (``<https://x|label>``).
Escaping ``&``, ``<`` and ``>`` turns every one of those into visible text that pings nobody
and cannot hide where a link goes. We also never ask Slack to link bare ``@names``.
"""

from __future__ import annotations

from bot.domain.wording import render, shorten

SECTION_LIMIT = 3000  # characters in a section block's text
HEADER_LIMIT = 150  # characters in a header block


# Bidirectional overrides and isolates: stored as written, but shown they can make a reply
# (or a link's label) read differently from what it is, so they are dropped on display.
BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def escape(text: str) -> str:
    text = text.translate(BIDI_CONTROLS)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def quote(text: str, limit: int) -> str:
    """User text as a Slack block quote, escaped, each line marked so the quote never breaks."""
    safe = escape(shorten(text, limit, " … (shortened)"))
    # The leading ">" is our own markup; the user's text inside it is escaped.
    return "\n".join("> " + line if line.strip() else ">" for line in safe.splitlines())


def say(text: str) -> str:
    """Domain text in Slack's words: commands as ``/copro …``, the app as Slack."""
    return render(text, command=lambda words: f"`/copro {words}`", app="Slack")
