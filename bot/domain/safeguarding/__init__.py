"""Safeguarding: spot replies that show distress or risk, and say the right things about them.

A reply that ``assess`` flags is kept out of the digest until a safeguarding lead puts it back
(``bot.domain.safeguarding_review``). For urgent signs the member gets ``member_reply`` at once
(the programme file's signposting, or ``DEFAULT_SIGNPOSTING``); the programme's safeguarding
leads get ``alert_text`` privately. Plain Python: no chat platform, no network, no state.

Severity
    "urgent": signs of present risk (thoughts of suicide, self-harm, violence at home, nowhere
    safe tonight). Follow up today. "check_in": a human should read it soon: past risk told
    as a recovery story ("I used to feel suicidal but the group helped"), weaker or indirect
    signs, or a joke about dying. Recovery stories are flagged rather than let through because
    a missed crisis is worse than a false alarm, and the member has still told us something a
    trained person should weigh.

Policy: anonymity gives way to safeguarding, for the safeguarding facilitators only
    A member may answer anonymously so that the digest does not name them. A safeguarding alert
    is different: it goes only to the facilitators the programme names for safeguarding, and
    they cannot check on someone whose name they do not know. A duty of care to a person who
    may be at risk outweighs their wish not to be quoted by name to their group, so by default
    the alert names them (``REVEAL_ANONYMOUS_TO_SAFEGUARDING``) and asks the facilitators to
    keep the name to those who need it. A programme can choose otherwise with
    ``alert_text(..., reveal_anonymous=False)``; the alert then says the member cannot be
    contacted directly. This holds for urgent signs; a check-in names the member only if they
    chose to be quoted by name (``bot.domain.safeguarding_review.lead_sees``). The consent
    text tells members exactly this before they agree.

How well it works
    Sentences of fiction or of staff describing their work set aside (``frames``), rules
    (``rules``) for the common ways of saying it, a wide net (``sentinel``) of words
    that go with distress, then a model learnt from the labelled replies (``learned``).
    Measured on two blind rounds by two other authors, never used for tuning (480 replies),
    it caught 231 of 240 crises and raised a false alarm on 66 of 240 ordinary replies, about
    one in four (see tools/safeguarding/data/README.md in the repository). It is a help to the
    facilitators, not a substitute for them.
"""

from bot.domain.safeguarding.detector import NONE, Assessment, assess
from bot.domain.safeguarding.messages import (
    DEFAULT_SIGNPOSTING,
    REVEAL_ANONYMOUS_TO_SAFEGUARDING,
    alert_text,
    member_reply,
)
from bot.domain.safeguarding.rules import CATEGORIES, CHECK_IN, URGENT

__all__ = [
    "CATEGORIES",
    "CHECK_IN",
    "DEFAULT_SIGNPOSTING",
    "NONE",
    "REVEAL_ANONYMOUS_TO_SAFEGUARDING",
    "URGENT",
    "Assessment",
    "alert_text",
    "assess",
    "member_reply",
]
