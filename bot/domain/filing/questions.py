"""What a question asks for, read from its own words, so a programme's own questions work.

Each reply clause gets an intent from the learned model (``INTENTS``: praise, a wish for change,
a worry, something learnt, a message for the people in charge). Each question gets a weight
for each intent from the words it is asked in: "What is working?" asks for praise, "What got in
the way?" and "What should we do differently?" for change, "Is anything worrying you?" for
worries. A question whose words name no intent ("Anything else?") takes a little of every one.
Intents that no question asks for go to the nearest one that is asked (``NEAR``): a worry, in
a programme that asks only what works and what could change, is a wish for change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.domain.filing.text import pairs, stem, stem_sequence, tokens

PRAISE, CHANGE, WORRY, LEARNT, LEADERS = "praise", "change", "worry", "learnt", "leaders"
INTENTS = (PRAISE, CHANGE, WORRY, LEARNT, LEADERS)

# Phrases in a question's words, first match per phrase; checked on normalised words.
CUES: tuple[tuple[str, str], ...] = (
    (r"\b(in the way|got in the way|barriers?|obstacles?|hard|harder|difficult|difficulty"
     r"|problems?|stopp?ed|prevent\w*|frustrat\w*|challeng\w*|wrong|not work\w*|put you off"
     r"|badly|struggle\w*|missing|tricky|tough|hardest|worst|disappoint\w*|stop doing"
     r"|stop)\b", CHANGE),
    (r"\b(change\w*|differently|improve\w*|better|next time|suggest\w*|ideas?|wish\w*"
     r"|do instead|fix|should we|could we|even better)\b", CHANGE),
    (r"\b(worr\w*|concern\w*|anxious|anxiety|afraid|fears?|nervous|risks?|uneasy|unsure)\b",
     WORRY),
    (r"\b(learn\w*|discover\w*|notic\w*|surpris\w*|understand\w*|realis\w*|realiz\w*"
     r"|take away|takeaway|insights?|found out|new to you)\b", LEARNT),
    (r"\b(board|leaders?|leadership|managers?|commissioners?|directors?|executives?|execs?"
     r"|top team|senior (?:people|team|leaders|managers)|upstairs|trustees?"
     r"|hear about|should hear|should know|tell them|message)\b", LEADERS),
    (r"\b(working|works|went well|go well|going well|well|helped|helps?|helpful|good|best"
     r"|enjoy\w*|liked|loved|positive\w*|strengths?|proud|success\w*|useful|valu\w*|glad"
     r"|happy|highlights?|made it easy|easier|keep doing|keep)\b", PRAISE),
)  # fmt: skip
CATCH_ALL = 0.3  # what a question that names no intent takes of each
# Where an intent no question asks for goes, and with what weight.
NEAR: dict[str, dict[str, float]] = {
    WORRY: {CHANGE: 0.8, LEADERS: 0.5},
    LEADERS: {CHANGE: 0.6, WORRY: 0.4},
    LEARNT: {PRAISE: 0.6, LEADERS: 0.3},
    CHANGE: {WORRY: 0.6, LEADERS: 0.5},
    PRAISE: {LEARNT: 0.5, LEADERS: 0.3},
}
# A question's words that say nothing about which replies belong to it.
GENERIC = frozenset(
    stem(w)
    for w in """what which who how why when where is are was were did do does you your today
    session sessions meeting time anything something thing things one about there think feel
    tell take part project programme program could should would can will next us we our""".split()
)
# Words of a question too common in replies to count alone; as a pair they still do
# ('got in the way', 'went well', 'one thing').
COMMON = frozenset(stem(w) for w in "got get way well went go going any".split())
PAIR_GENERIC = frozenset(
    stem(w)
    for w in """what which who how why when where is are was were did do does you your could
    should would can will any anything about there today""".split()
)
YES_NO = re.compile(r"^\s*(is|are|was|were|do|does|did|have|has|had|will|would|could|can|any"
                    r"|anything|shall)\b", re.IGNORECASE)  # fmt: skip


@dataclass(frozen=True)
class Asked:
    """One question as the filer sees it."""

    id: str
    text: str
    weights: dict[str, float]  # intent -> how much this question asks for it
    stems: frozenset[str]  # its own telling words, for echoes in a reply
    pairs: frozenset[str]  # neighbouring pairs of its words ('got_wai': 'got in the way')
    named: frozenset[str]  # the intents its words name
    yes_no: bool  # answered by yes or no ("Is anything worrying you?")
    barrier: bool = False  # asks what got in the way ("nothing stopped me" answers it)


def intents_of(text: str) -> dict[str, float]:
    """The intents a question's words ask for, each 1.0 (several may be named)."""
    said = " ".join(tokens(text))
    named: dict[str, float] = {}
    for pattern, intent in CUES:
        if intent not in named and re.search(pattern, said):
            named[intent] = 1.0
    # "What could have gone better?" asks for change, not praise ('better' is both).
    if CHANGE in named and PRAISE in named and re.search(r"\b(better|well)\b", said):
        if not re.search(r"\b(went well|go well|going well|working|helped)\b", said):
            del named[PRAISE]
    return named


@lru_cache(maxsize=256)
def asked(questions: tuple[tuple[str, str], ...]) -> tuple[Asked, ...]:
    """The filer's view of a programme's questions, ``((id, text), ...)`` in their order."""
    named = [intents_of(text) for _, text in questions]
    offered = {intent for found in named for intent in found}
    result = []
    for (qid, text), found in zip(questions, named, strict=True):
        weights = dict(found) if found else dict.fromkeys(INTENTS, CATCH_ALL)
        for intent in INTENTS:
            if intent in offered:
                continue  # some question asks for it by name: that one takes it
            near = max((NEAR[intent].get(mine, 0.0) for mine in found), default=0.0)
            weights[intent] = max(weights.get(intent, 0.0), near)
        sequence = stem_sequence(text)
        stems = frozenset(s for s in sequence if s not in GENERIC and s not in COMMON)
        echoes = frozenset(p for p in pairs(sequence) if not set(p.split("_")) <= PAIR_GENERIC)
        yes_no = bool(YES_NO.match(text))
        barrier = bool(re.search(CUES[0][0], " ".join(tokens(text))))
        result.append(Asked(qid, text, weights, stems, echoes, frozenset(found), yes_no, barrier))
    return tuple(result)
