"""Ways of answering that the words' intent alone misses, each pointing at a kind of question.

- **a message for the people in charge**: "tell them ...", "make sure they hear that ...",
  "they need to know ...", "let the board see ...": answers a question about what leaders
  should hear, even when no board is named;
- **a fact reported**: a clause opening "That ..." ("That the DBS process puts people off")
  answers what leaders should hear (not what was learnt: "that I'll get too unwell" is as
  often a worry);
- **trouble denied, or told as what it did**: "nothing stopped me", "no problems getting there", "no barriers as such"
  still answers "What got in the way?" (its answer is: nothing), though its words praise; so
  does "what made it harder was ..." or "I nearly didn't come", though 'made' sounds enabling;
- **a wish in the conditional**: "it would be better if", "could be shorter", "can we",
  "Better signage ...": a question about change;
- **the member's own question** ("Is the new service going private?"): a worry;
- **news to them**: "I didn't know ...", "turns out", "found out": what was learnt; but not
  knowing what will happen ("nobody knows if our team will exist") is a worry.

Each gain goes only to a question whose own words ask for that kind of answer, so the cues do
nothing in a programme that asks no such question.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.domain.filing.questions import CHANGE, LEADERS, LEARNT, WORRY, Asked
from bot.domain.filing.text import tokens

MESSAGE = 1.0  # a message for the people in charge
REPORTED = 0.8  # a clause opening 'That ...'
DENIED = 1.0  # trouble denied, for a question about what got in the way
WISHED = 0.4  # a wish in the conditional ('it would be better if', 'could be shorter')

_MESSAGE = re.compile(
    r"\b(?:(?:tell|telling|remind|show|warn) (?:them|the (?:board|boss|bosses|leaders|managers"
    r"|top|people at the top|execs|directors|commissioners))"
    r"|(?:let|make sure|make) (?:them|they|the board|the boss|leaders|managers|the top|people)"
    r" (?:know|hear|see|understand|realise)"
    r"|(?:i|we) (?:would )?(?:want|like|need) (?:them|the board|leaders|managers|the top|execs"
    r"|directors) to (?:know|hear|see|understand|realise)"
    r"|(?:they|the board|board|leaders|managers|the boss|bosses|the top|execs|directors"
    r"|commissioners|people at the top|the people in charge|decision makers|senior people"
    r"|senior staff|senior managers|senior leaders|the top team|top team|the exec team"
    r"|exec team|the executive team|the trust|the icb|people upstairs|upstairs|people)"
    r" (?:need|needs|should|must|ought|have|has|got)(?: to)? (?:know|hear|see|understand"
    r"|realise|listen|be told|get)"
    r"|the one thing|one thing (?:for|to) (?:them|the board)|message (?:for|to) (?:them|the board"
    r"|leaders|the top)|for the board|to the board)\b"
)
_REPORTED = re.compile(r"^(?:and |also |just )?that (?!was|is|s|is what|would|d|will|has)\w")
_DENIED = re.compile(
    r"\b(?:nothing|no|nobody|never|not any|not a single|nothing really|nothing much) "
    r"(?:\w+ ){0,2}?(?:stopped|stop|stopping|got in|get in|gets in|problems?|issues?|barriers?"
    r"|obstacles?|trouble|bother|difficult\w*|hard|prevent\w*|put me off|held me back)\b"
)
# Trouble told as what it did to taking part: 'what made it harder was', 'I nearly didn't come'.
_HINDERED = re.compile(
    r"\b(?:made it (?:a lot |much |so |really )?(?:harder|hard|difficult|tricky|tough|impossible"
    r"|awkward|stressful)|(?:hard|harder|difficult|impossible) to (?:\w+ )?(?:hear|follow|get|join"
    r"|keep|concentrate|take part|speak|see|find)|put me off|(?:nearly|almost) (?:did not|didnt"
    r"|gave up|left|went home|walked out|stayed at home)|gave up|had to (?:leave|be back|go)"
    r"|kept (?:cutting|dropping|freezing|crashing))\b"
)

_WISHED = re.compile(
    r"\b(?:(?:it|that|there|this) would (?:be )?(?:better|nice|great|good|lovely|helpful|useful"
    r"|ideal|help|make)|would (?:be )?(?:better|nice|great|good|lovely|helpful|useful|ideal) (?:if"
    r"|to)|i would (?:like|love|prefer|want|rather|suggest)|we would (?:like|love|prefer)"
    r"|could (?:be|do with|use)|can we|could we|why (?:do|does|did|cant|cannot|are|is|dont)"
    r"|if only)\b"
    r"|^(?:better|clearer|quieter|proper|bigger|shorter|fewer) (?!than\b)\w"
)
# The member's own question ('Is the new service going to be private?'): a worry.
_QUESTIONING = re.compile(
    r"^(?:is|are|will|would|what if|who|how|does|do|can|why|when)\b[^?]*\?\s*$", re.IGNORECASE
)
QUESTIONING = 0.4
# Something new to the member: 'I didn't know ...', 'had no idea', 'turns out'.
_NEWS = re.compile(
    r"\b(?:(?:^|i |we )(?:did not|never|do not|had not|hadnt) (?:know|knew|realise|realised"
    r"|realize|realized|appreciated?|understood|heard of)"
    r"|had no idea|now i know|turns out|it turns out|found out|i learnt|i learned|til"
    r"|came away (?:knowing|with|understanding)|learnt about|learned about|lernt)\b"
)
NEWS = 0.5
# Not knowing what will happen: 'nobody knows if our team will exist', 'no idea whether'.
_UNCERTAIN = re.compile(
    r"\b(?:nobody|no one|noone|none of us|we do not|i do not|we dont|i dont) (?:knows?|know)"
    r" (?:if|whether|what will|what is going|how long|when)|not knowing|up in the air\b"
)
UNCERTAIN = 0.5


def said(words: str) -> str:
    return " ".join(t for t in tokens(words) if t.isalnum())


def passes_message(words: str) -> bool:
    """Whether a clause passes a message on to the people in charge ('tell them ...')."""
    return bool(_MESSAGE.search(said(words)))


def denies_trouble(words: str) -> bool:
    """Whether a clause says nothing got in the way ('nothing stopped me'): an answer itself."""
    return bool(_DENIED.search(said(words)))


def cue_scores(words: str, views: Sequence[Asked]) -> list[float]:
    """What each question gains from the way a clause answers."""
    text = said(words)
    found = (
        (MESSAGE, bool(_MESSAGE.search(text)), lambda q: LEADERS in q.named),
        (REPORTED, bool(_REPORTED.match(text)), lambda q: LEADERS in q.named),
        (QUESTIONING, bool(_QUESTIONING.match(words.strip())), lambda q: WORRY in q.named),
        (NEWS, bool(_NEWS.search(text)), lambda q: LEARNT in q.named),
        (UNCERTAIN, bool(_UNCERTAIN.search(text)), lambda q: WORRY in q.named),
        (WISHED, bool(_WISHED.search(text)), lambda q: CHANGE in q.named),
        (DENIED, bool(_DENIED.search(text) or _HINDERED.search(text)), lambda q: q.barrier),
    )
    return [sum(gain for gain, present, wants in found if present and wants(q)) for q in views]
