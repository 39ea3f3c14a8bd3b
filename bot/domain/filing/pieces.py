"""Where each plain message's words sit inside the answers they were filed under.

An answer's text is what the member wrote, its plain messages' parts one after another with a
blank line between. Beside it (``Answer.filing``) a list of pieces, one per part, says which
message it came from and where it sits, so the message can be moved whole later without
keeping a second copy of anyone's words::

    {"m": 2, "p": 0, "of": 2, "at": 0, "n": 22, "by": "words", "j": ""}

``m``: the message's number in its reply; ``p``: the part's place in the message, of ``of``;
``at``/``n``: where it sits in the answer's text; ``by``: how it was filed (``words``: by its
words; ``asked``: the words did not tell and the member was asked, it waits here until they
choose; ``member``: where the member put it); ``j``: what joined it to the part before in the
message (", but "), so moving a split message under one question puts it back as written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

GAP = "\n\n"  # between the parts an answer holds
BY_WORDS, ASKED, BY_MEMBER = "words", "asked", "member"


class Changed(Exception):
    """The pieces no longer match the text (the answer was changed in the form since)."""


@dataclass(frozen=True)
class Removed:
    part: int
    of: int
    text: str
    joiner: str


def append(
    text: str, pieces: Sequence[dict] | None, words: str, **piece: object
) -> tuple[str, list[dict]]:
    """``words`` added at the end of ``text``; returns the new text and pieces."""
    at = len(text) + len(GAP) if text else 0
    new_text = f"{text}{GAP}{words}" if text else words
    return new_text, [*(pieces or []), {**piece, "at": at, "n": len(words)}]


def remove(
    text: str, pieces: Sequence[dict] | None, message: int
) -> tuple[str, list[dict], list[Removed]]:
    """Take the parts of ``message`` out of ``text``, with the gap that joined each to the rest.
    Raises ``Changed`` when a piece does not fit the text as it is."""
    kept = [dict(p) for p in pieces or []]
    removed: list[Removed] = []
    for piece in sorted((p for p in kept if p.get("m") == message), key=lambda p: -p["at"]):
        at, n = piece["at"], piece["n"]
        if at < 0 or at + n > len(text) or (at and text[at - len(GAP) : at] != GAP):
            raise Changed()
        removed.append(Removed(piece["p"], piece["of"], text[at : at + n], piece.get("j", "")))
        if at:
            start, end = at - len(GAP), at + n  # the gap before it goes with it
        elif at + n < len(text):
            if text[n : n + len(GAP)] != GAP:
                raise Changed()
            start, end = 0, n + len(GAP)  # the first part: the gap after it goes
        else:
            start, end = 0, n
        text = text[:start] + text[end:]
        kept.remove(piece)
        for other in kept:
            if other["at"] >= end:
                other["at"] -= end - start
    return text, kept, sorted(removed, key=lambda r: r.part)


def rejoined(parts: Sequence[Removed]) -> str:
    """A message's parts put back together as it was written."""
    ordered = sorted(parts, key=lambda r: r.part)
    return "".join((r.joiner if i else "") + r.text for i, r in enumerate(ordered))


def of_message(pieces: Sequence[dict] | None, message: int) -> list[dict]:
    return [p for p in pieces or [] if p.get("m") == message]


def marked(pieces: Sequence[dict] | None, message: int, by: str) -> list[dict]:
    """The pieces with those of ``message`` marked as filed ``by``."""
    return [{**p, "by": by} if p.get("m") == message else dict(p) for p in pieces or []]
