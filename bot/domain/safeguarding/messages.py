"""What people read when a reply is flagged: the member's kind reply and the facilitators' alert.

Both are plain text. The chat adapter escapes them (``&``, ``<``, ``>``) like every other
message, so a reply that contains markup cannot change how the alert looks.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.safeguarding.rules import (
    ABUSE,
    CHECK_IN,
    CRISIS,
    DOMESTIC_VIOLENCE,
    HARM_TO_OTHERS,
    SELF_HARM,
    SUICIDE,
    UNSAFE,
    URGENT,
)

# UK services, free, open at any time (checked for England, 2024). A programme file may set its
# own text, say for Scotland (NHS 24 on 111) or for a local crisis line.
DEFAULT_SIGNPOSTING = (
    "If you need help now:\n"
    "- NHS 111: call 111 and choose the mental health option, or go to 111.nhs.uk.\n"
    "- Samaritans: call 116 123. It is free, day or night.\n"
    "- Shout: text SHOUT to 85258. It is free, day or night.\n"
    "- In an emergency, call 999 or go to A&E."
)

# A safeguarding alert names the member even when they answered anonymously (see the package
# docstring for why). A programme may turn this off; the alert then says the name is withheld.
REVEAL_ANONYMOUS_TO_SAFEGUARDING = True

# Alerts show at most this much of the reply (chat platforms' limits are far above it).
ALERT_REPLY_CHARS = 3000

_CATEGORY_WORDS = {
    SUICIDE: "thoughts of suicide",
    SELF_HARM: "self-harm",
    HARM_TO_OTHERS: "a risk of harming someone else",
    DOMESTIC_VIOLENCE: "domestic abuse",
    ABUSE: "abuse or neglect",
    UNSAFE: "not being safe (at home, in housing, or someone they care for)",
    CRISIS: "distress or a crisis",
}


def member_reply(signposting: str) -> str:
    """The message the member gets at once. Short sentences; no alarm; never without numbers."""
    help_text = signposting.strip() or DEFAULT_SIGNPOSTING
    return (
        "Thank you for your reply. Some of what you wrote made us want to check you are OK.\n"
        "Your reply stays out of the digest until someone has read it.\n"
        "A facilitator trained in keeping people safe may get in touch with you.\n\n"
        f"{help_text}"
    )


def alert_text(
    *,
    member_name: str | None,
    team: str | None,
    day_name: str,
    severity: str,
    categories: Sequence[str],
    reply_text: str,
    matched: Sequence[str] = (),
    anonymous: bool = False,
    reveal_anonymous: bool = REVEAL_ANONYMOUS_TO_SAFEGUARDING,
    name_hidden: bool = False,
    team_hidden: bool = False,
) -> str:
    """The private alert for the programme's safeguarding leads, as plain text.

    ``member_name`` is the display name, or None when it is unknown ("a member").
    ``anonymous`` says the member chose to answer anonymously; ``reveal_anonymous`` says whether
    a safeguarding alert still names them. ``name_hidden`` and ``team_hidden``: what the lead
    may not see for this alert (the rule is ``bot.domain.safeguarding_review.lead_sees``).
    """
    if severity not in (URGENT, CHECK_IN):
        raise ValueError(f"no alert for severity {severity!r}")
    if name_hidden:
        who, contact_note = "a member who did not choose to be quoted by name", NAME_HIDDEN
    else:
        who, contact_note = _who(member_name, anonymous=anonymous, reveal=reveal_anonymous)
    if severity == URGENT:
        lines = ["Safeguarding alert: URGENT. Please follow this up today."]
    else:
        lines = ["Safeguarding check-in. Please read this reply and check in with them soon."]
    if team_hidden:
        where = ", in a small team (not named, as it would point at them)"
    else:
        where = f", team {team}" if team else ", not in a team"
    lines.append(f"Who: {who}{where}")
    lines.append(f"When: their reply for {day_name}")
    signs = [_CATEGORY_WORDS.get(c, c.replace("_", " ")) for c in categories]
    if signs:
        lines.append("Signs of: " + "; ".join(signs))
    if matched:
        lines.append("Words that raised it: " + ", ".join(f'"{m}"' for m in matched))
    lines += ["", "Their reply:", _shortened(reply_text), ""]
    if contact_note:
        lines.append(contact_note)
    if severity == URGENT:
        lines.append("The member has been sent a kind reply with support numbers.")
    else:
        lines.append("The member was thanked as usual. They were not sent support numbers.")
    lines.append(
        "Their reply is kept out of the digest and the export until one of the leads decides."
    )
    if severity == URGENT:
        lines.append("If you think someone is in immediate danger, call 999.")
    lines.append(
        "This was flagged automatically and can be wrong either way: please read the reply "
        "yourself. This alert goes only to safeguarding leads; please do not forward it."
    )
    return "\n".join(lines)


# A check-in names the member only if they chose to be quoted by name; a lead can still
# reach them, through the bot, if they want that.
NAME_HIDDEN = (
    "Their name is not shown: this is not urgent, and they did not choose to be quoted by "
    "name. “Send them a kind check-in” offers them a chat with you; you learn their name "
    "only if they say yes."
)


def _who(name: str | None, *, anonymous: bool, reveal: bool) -> tuple[str, str]:
    if not anonymous:
        return (name or "a member"), ""
    if reveal:
        shown = name or "a member whose name is unknown"
        return shown, (
            "They asked not to be named with this answer. Their name is shown to you only because of this "
            "safeguarding concern: please keep it to the people who need it."
        )
    return "a member who asked not to be named", (
        "This programme does not name anonymous members in alerts, so you cannot contact "
        "them directly."
    )


def _shortened(text: str) -> str:
    text = text.strip()
    if len(text) <= ALERT_REPLY_CHARS:
        return text
    return text[:ALERT_REPLY_CHARS].rstrip() + " ... (shortened)"
