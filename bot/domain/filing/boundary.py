"""Whether a clause starts a new answer or says more about the one before it.

"Could we have a break before the big discussion? Everyone was flagging by 2pm" is one answer:
the second sentence is the reason for the first, though on its own it sounds like a complaint
about today. "Loved the energy. Would have liked more time" is two. What tells them apart is
mostly the second clause's opening and what it does (praise, trouble, a wish) against what the
first did, and that is learnt (``model.Binary``) from the labelled replies whose parts say
where each answer starts.
"""

from __future__ import annotations

import re

from bot.domain.filing.clauses import Clause
from bot.domain.filing.text import features, tokens

_GROUPS = ("@good", "@bad", "@wish", "@block", "@enable", "@worry", "@learn", "@leaders", "@act")
_TURN = re.compile(
    r"^\W*(but|however|although|though|whereas|whilst|yet|still|on the other hand|that said"
    r"|having said that|apart from that|otherwise|also|and|plus|so|because|cos|as)\b",
    re.IGNORECASE,
)


def _what_it_does(words: str) -> set[str]:
    found = set(features(words))
    return {g for g in _GROUPS if g in found} | {"~" + g for g in _GROUPS if "~" + g in found}


def boundary_features(previous: Clause, clause: Clause, text: str) -> list[str]:
    """Features of the join between two neighbouring clauses of ``text``."""
    said = [t for t in tokens(clause.words) if t.isalnum()]
    before = _what_it_does(previous.words)
    now = _what_it_does(clause.words)
    between = text[previous.end : clause.start] + clause.text[: len(clause.text) - len(
        clause.text.lstrip())]  # fmt: skip
    turn = _TURN.match(clause.text)
    found = [
        "b:bias",
        f"b:first:{said[0] if said else ''}",
        f"b:two:{'_'.join(said[:2])}",
        f"b:turn:{turn.group(1).lower() if turn else ''}",
        f"b:ended:{previous.text.rstrip()[-1:] in '.!?…'}",
        f"b:line:{chr(10) in between}",
        f"b:label:{clause.label is not None}",
        f"b:short:{min(len(said), 6)}",
    ]
    found += [f"b:now{g}" for g in sorted(now)]
    found += [f"b:before{g}" for g in sorted(before)]
    found += [f"b:{a}>{b}" for a in sorted(before) for b in sorted(now)]
    return found
