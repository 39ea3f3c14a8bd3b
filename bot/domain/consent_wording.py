"""What a member agrees to before the first prompt, in plain words, and its version.

The version is a hash of the words themselves, so any change to them (a new retention period,
say) is a new version, and everyone who agreed to the old one is asked again. Nobody has to
remember to bump a number.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from bot.domain.usage import LABELS, MOST_PRIVATE
from bot.domain.wording import APP, canonical, command


@dataclass(frozen=True)
class ConsentPart:
    heading: str
    text: str


@dataclass(frozen=True)
class ConsentWording:
    programme: str
    version: str
    intro: str
    parts: tuple[ConsentPart, ...]

    def plain_text(self) -> str:
        """The whole wording as plain text: for screen readers, notifications and the record."""
        lines = [self.intro]
        lines += [f"{part.heading}: {part.text}" for part in self.parts]
        return "\n".join(lines)


def _how_long(retention_days: int | None) -> str:
    if retention_days:
        years, rest = divmod(retention_days, 365)
        span = (
            f"{years} year{'s' if years > 1 else ''}"
            if years and not rest
            else (f"{retention_days} days")
        )
        return (
            f"Your answers are deleted {span} after the programme day they are about. "
            "You can delete them sooner at any time."
        )
    return (
        "Your answers are kept until the programme ends and the team deletes them. "
        "You can delete them sooner at any time."
    )


def consent_wording(*, programme: str, retention_days: int | None) -> ConsentWording:
    intro = (
        f"Hello! I'm the reflection helper for {programme}. Before I ask you anything, "
        "here is what I do. Please read it, then say yes or no."
    )
    parts = (
        ConsentPart(
            "What I will ask",
            "After each programme day I'll ask two or three short questions, such as what is "
            "working and what could change. You never have to answer.",
        ),
        ConsentPart(
            "What I keep",
            f"Your answers, when you gave them, your team, and your name from {APP}.",
        ),
        ConsentPart(
            "Who can see it",
            "The programme's facilitators. They share a summary with the group. On each answer "
            f"you choose if it may be quoted, with or without your name. If you don't choose, "
            f"it is “{LABELS[MOST_PRIVATE].lower()}”.",
        ),
        ConsentPart("How long", _how_long(retention_days)),
        ConsentPart(
            "If we are worried about you",
            "If an answer makes us think you may not be safe, I'll show it to a named "
            "facilitator so they can help. It never goes in a summary.",
        ),
        ConsentPart(
            "How to stop",
            f"Type {command('pause')} to stop the questions at any time. Type "
            f"{command('forget-me')} to delete all you have written.",
        ),
    )
    body = "\n".join([intro, *(f"{p.heading}\n{p.text}" for p in parts)])
    version = "c-" + hashlib.sha256(canonical(body).encode("utf-8")).hexdigest()[:12]
    return ConsentWording(programme=programme, version=version, intro=intro, parts=parts)


def wording_for(programme) -> ConsentWording:
    """The wording for a stored programme (anything with ``name`` and ``retention_days``)."""
    return consent_wording(programme=programme.name, retention_days=programme.retention_days)
