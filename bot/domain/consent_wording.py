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


def _listed(names: list[str] | tuple[str, ...], joiner: str = "and") -> str:
    """["Jo", "Ann", "Sam"] as "Jo, Ann and Sam"."""
    names = list(names)
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} {joiner} {names[-1]}"


def _who_is_told(leads: tuple[str, ...], facilitators: tuple[str, ...]) -> str:
    if len(leads) == 1:
        return f"the programme's safeguarding lead, {leads[0]}"
    if leads:
        return f"the programme's safeguarding leads, {_listed(leads)}"
    if facilitators:
        return (
            f"the programme's safeguarding leads (ask {_listed(facilitators, 'or')} who they are)"
        )
    return "the programme's safeguarding leads"


def _worried(leads: tuple[str, ...], facilitators: tuple[str, ...]) -> str:
    """What a safeguarding lead sees, exactly (the rule: ``bot.domain.safeguarding_review``)."""
    return (
        "If an answer makes us think you may not be safe, I'll show it to "
        f"{_who_is_told(leads, facilitators)}. "
        "If it looks urgent, they see your words, your name and your team, so they can help "
        "you today. If not, they see your words and your team (not if it is very small). "
        "They see your name only if you chose to be quoted by name. Then they may ask me to "
        "send you a kind message. They learn your name only if you say yes. The answer stays "
        "out of the summary until they have read it. If they find no worry, it goes back in, "
        "as you chose."
    )


def _questions(contact: dict[str, str] | None, facilitators: tuple[str, ...]) -> str:
    contact = contact or {}
    ways = [contact[k] for k in ("email", "phone") if contact.get(k)]
    glad = "They will be glad to help."
    if contact.get("name"):
        reach = f": {_listed(ways, 'or')}" if ways else ""
        return f"Any questions? Ask {contact['name']}{reach}. {glad}"
    if ways:
        return f"Any questions? Write to {_listed(ways, 'or')}. We will be glad to help."
    if facilitators:
        return f"Any questions? Ask {_listed(facilitators, 'or')}. {glad}"
    return f"Any questions? Ask a facilitator. {glad}"


def consent_wording(
    *,
    programme: str,
    retention_days: int | None,
    leads: tuple[str, ...] = (),
    facilitators: tuple[str, ...] = (),
    contact: dict[str, str] | None = None,
) -> ConsentWording:
    """``leads``: the names of those who get safeguarding alerts, as the programme file gives
    them; ``facilitators``: the facilitators' names; ``contact``: who to ask questions
    (``name``, ``email``, ``phone``, any of them)."""
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
            "The programme's facilitators read your answers. They share a summary with the "
            "group, and with the managers they send it to. On each answer you choose if it may "
            "be quoted, with or without your name. If you don't choose, it is "
            f"“{LABELS[MOST_PRIVATE].lower()}”.",
        ),
        ConsentPart("How long", _how_long(retention_days)),
        ConsentPart("If we are worried about you", _worried(leads, facilitators)),
        ConsentPart(
            "How to stop",
            f"Type {command('pause')} to stop the questions at any time. Type "
            f"{command('forget-me')} to delete all you have written.",
        ),
        ConsentPart("Who to ask", _questions(contact, facilitators)),
    )
    body = "\n".join([intro, *(f"{p.heading}\n{p.text}" for p in parts)])
    version = "c-" + hashlib.sha256(canonical(body).encode("utf-8")).hexdigest()[:12]
    return ConsentWording(programme=programme, version=version, intro=intro, parts=parts)


def wording_for(programme) -> ConsentWording:
    """The wording for a stored programme (anything with ``name``, ``retention_days``,
    ``safeguarding_names`` and ``contact``)."""
    names = getattr(programme, "safeguarding_names", None) or {}
    return consent_wording(
        programme=programme.name,
        retention_days=programme.retention_days,
        leads=tuple(names.get("leads") or ()),
        facilitators=tuple(names.get("facilitators") or ()),
        contact=getattr(programme, "contact", None),
    )
