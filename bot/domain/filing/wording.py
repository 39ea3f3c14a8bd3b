"""The words of the thank-you for a plain reply: where it went, and the buttons to move it.

One copy for every platform. An adapter passes how it shows a question's words (``question``:
bold, escaped) and a member's words (``words``: quoted, escaped), and adds how the words may
be used and the buttons.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.domain import usage as usages
from bot.domain.messenger import Thanks
from bot.domain.wording import shorten

BUTTON_LIMIT = 75  # characters on a button (Slack's ceiling; Teams shows about as many)
QUOTE_LIMIT = 80  # of a part's words, quoted back
WHICH = "Which question does this answer?"
NUMBERS = {2: "two", 3: "three", 4: "four", 5: "five"}
Show = Callable[[str], str]


def filed(thanks: Thanks, *, question: Show, words: Show) -> str:
    """The thank-you's first words: what was saved and where it went."""
    if thanks.usage_changed:
        told = usages.TOLD.get(thanks.usage, usages.TOLD[usages.MOST_PRIVATE])
        return f"Done. {told} You can change this until the digest is shared. " + where(
            thanks, question=question, words=words
        )
    if thanks.asking:
        return (
            f"Thank you, I've saved that. {WHICH} Until you choose, it sits under "
            f"{_ended(thanks.placed[0].question.text, question)}"
        )
    if thanks.moved:
        return "Done: " + where(thanks, question=question, words=words)
    if len(thanks.placed) > 1:
        return f"Thank you, I've saved that in {_parts(thanks, question, words)}"
    if thanks.placed:
        return f"Thank you, I've saved that and put it under {_ended(thanks.question, question)}"
    return "Thank you, I've saved that."


def where(thanks: Thanks, *, question: Show, words: Show) -> str:
    """Where the reply sits now, as a sentence."""
    if thanks.asking:
        return (
            f"It sits under {question(thanks.placed[0].question.text)} until you choose which "
            "question it answers."
        )
    if len(thanks.placed) > 1:
        return f"It's in {_parts(thanks, question, words)}"
    if thanks.placed:
        return f"It's under {_ended(thanks.question, question)}"
    return ""


def next_step(thanks: Thanks) -> str:
    """What they might do next, as a plain sentence (empty when there is nothing to add)."""
    if thanks.final or thanks.asking or thanks.usage_changed or not thanks.next_question:
        return ""
    return f"If you'd like to answer “{thanks.next_question}” too, just reply again."


def move_buttons(thanks: Thanks) -> list[tuple[str, str]]:
    """(label, question id) for each button that moves the reply; none once it is final."""
    if thanks.final or thanks.message is None or len(thanks.questions) < 2:
        return []
    if thanks.asking:
        return [(shorten(q.text, BUTTON_LIMIT), q.id) for q in thanks.questions]
    if len(thanks.placed) > 1:
        return [(shorten(f"All under: {q.text}", BUTTON_LIMIT), q.id) for q in thanks.questions]
    here = thanks.placed[0].question.id if thanks.placed else None
    return [
        (shorten(f"Move to: {q.text}", BUTTON_LIMIT), q.id)
        for q in thanks.questions
        if q.id != here
    ]


def _ended(text: str | None, question: Show) -> str:
    """A question's words closing a sentence: no full stop after its own question mark."""
    text = text or ""
    return question(text) + ("" if text.rstrip()[-1:] in ("?", ".", "!") else ".")


def _parts(thanks: Thanks, question: Show, words: Show) -> str:
    said = [
        f"{words(shorten(p.words, QUOTE_LIMIT))} under {question(p.question.text)}"
        for p in thanks.placed
    ]
    said[-1] = said[-1].removesuffix(question(thanks.placed[-1].question.text)) + _ended(
        thanks.placed[-1].question.text, question
    )
    count = NUMBERS.get(len(said), str(len(said)))
    listed = ", ".join(said[:-1]) + f", and {said[-1]}" if len(said) > 2 else " and ".join(said)
    return f"{count} parts: {listed}"
