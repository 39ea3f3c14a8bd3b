"""From a clause as people type it to the features the intent model counts.

The themes' helpers do the normalising (curly apostrophes, 'dont', text-speak) and the
stemming. What differs here: the small words that the themes drop are what tells praise from a
wish ('should', 'more', 'not', 'if only', 'worried'), so they stay; a negation marks the words
after it ('not enough' is not 'enough'); and the first word of a clause counts on its own, since
'More breaks' and 'Start on time' are wishes by their opening alone.
"""

from __future__ import annotations

import re

from bot.domain.filing.lexicon import ACT_WORDS, groups_of_stem
from bot.domain.themes.stem import stem as porter
from bot.domain.themes.text import _SPELLINGS, normalise

# Words too common to say anything about intent; everything else counts, small words included.
EMPTY = frozenset(
    """a an the of to in on at for and or with by as from it its this that these those is are
    be been am was were my our your their his her they them we us you i me he she him""".split()
)
NEGATIONS = frozenset(
    "not no never nothing nobody nowhere none neither nor without hardly barely lack lacking".split()
)
NEGATION_REACH = 3  # words after a negation that it turns round
FLIPPED = {
    "~@bad": "@good", "~@good": "@bad", "~@block": "@good", "~@wish": "@good",
    "~@act": "@bad", "~@enable": "@bad",
}  # fmt: skip
LESSENING = frozenset("less fewer".split())  # 'much less stressful' is good
# Where the stemmer parts words that mean the same here ('worrying', 'worried'; 'learnt').
_SAME_STEM = {"worry": "worri", "learnt": "learn", "lernt": "learn", "lern": "learn"}
# Where the stemmer joins words that mean different things here: 'please' (a wish) and
# 'pleased' (praise) both stem to 'pleas'.
_OWN_STEM = {"please": "please"}


def stem(word: str) -> str:
    if word in _OWN_STEM:
        return _OWN_STEM[word]
    stemmed = porter(word)
    return _SAME_STEM.get(stemmed, stemmed)


_TOKEN = re.compile(r"[a-z0-9]+|[.,;:!?()]")
_PUNCTUATION = frozenset(".,;:!?()")


# "I'd like", "it'd be better if": a wish, which the normalising would leave as "i like".
_WOULD = re.compile(r"\b(i|it|we|you|they|that|he|she|there|who|itd)(?:['’]d\b|(?<=itd)\b)",
                    re.IGNORECASE)  # fmt: skip


def _would(match: re.Match) -> str:
    return match.group(1).lower().removesuffix("d" if match.group(1).lower() == "itd" else "") + (
        " would"
    )


# Marks people use for praise or trouble ('kept to time ✔️ accessible loo ✖️'), as words.
_MARKS = str.maketrans({
    **dict.fromkeys("👍👌✔✅☺😊🙂😀😃😄👏💯❤💚💙🙌⭐🌟🥰😍", " good "),
    **dict.fromkeys("👎✖❌✗✘😞😡😠😕🙁☹😩😫😢😭🤦", " bad "),
})  # fmt: skip


def tokens(text: str) -> list[str]:
    """Words (normalised, spelling fixed) and the punctuation that ends a negation's reach."""
    text = _WOULD.sub(_would, text.translate(_MARKS))
    return [_SPELLINGS.get(t, t) for t in _TOKEN.findall(normalise(text))]


def features(text: str) -> list[str]:
    """The distinct features of a clause: stems (negated ones marked ``~``), neighbouring stem
    pairs, the lexicon's groups of its words (``@good``, ``~@good``) and its opening word
    (``^``)."""
    stems: list[str] = []
    groups: list[str] = []
    table = groups_of_stem()
    reach = lessening = 0
    said = tokens(text)
    for i, token in enumerate(said):
        if token in _PUNCTUATION:
            reach = 0
            stems.append("|")
            continue
        if token in NEGATIONS:
            if token == "not" and said[i + 1 : i + 2] in (["just"], ["only"]):
                continue  # 'not just the agenda': more than it, not against it
            reach = NEGATION_REACH
            stems.append("~")
            continue
        if token in EMPTY or token.isdigit():
            continue
        stemmed = stem(token)
        stems.append("~" + stemmed if reach else stemmed)
        found_groups = table.get(stemmed, ())
        if lessening and "@bad" in found_groups:
            found_groups = ("@good",)
        groups += [("~" + g if reach else g) for g in found_groups]
        reach = max(reach - 1, 0)
        lessening = 2 if token in LESSENING else max(lessening - 1, 0)
    words = [s for s in stems if s not in ("|",)]
    found = dict.fromkeys(s for s in words if s != "~")
    found.update(
        dict.fromkeys(
            f"{a}_{b}" for a, b in zip(words, words[1:], strict=False) if "|" not in (a, b)
        )
    )
    found.update(dict.fromkeys(groups))
    # Turned round, a group says its opposite: 'couldn't fault it', 'nothing went wrong'.
    found.update(dict.fromkeys(FLIPPED[g] for g in groups if g in FLIPPED))
    opening = next((s for s in words if s != "~"), None)
    if opening:
        found["^" + opening] = None
        for group in table.get(opening.lstrip("~"), ()):
            if group != "@act":
                found["^" + group] = None
    if _imperative(said):
        found["^@act"] = None
    first = next((t for t in said if t not in _PUNCTUATION), None)
    # The opening word as written: 'Have ...' asks, 'Having ...' praises; and 'That young
    # carers are counted separately' reports what was learnt, though 'that' counts for nothing
    # elsewhere.
    if first in REPORTING or (first and first not in EMPTY):
        found["^^" + first] = None
    if words and words[0] == "~":
        found["^~"] = None
    return list(found)


# Small words that, opening a clause, report a thing found out ('that ...', 'how hard ...').
REPORTING = frozenset("that how about what why when".split())
# Words that may come before the verb of a request ('And please send ...', 'Maybe try ...').
_BEFORE_REQUEST = frozenset("and also just so maybe perhaps please then oh ok okay could".split())


def _imperative(said: list[str]) -> bool:
    """Whether the clause (its ``tokens``) opens with a verb as written in a request ('Send the
    papers', 'Have a proper induction'), not after its subject ('They let me bring my baby')
    nor as '-ing' ('Keeping the groups the same' says what works)."""
    first = next((t for t in said if t not in _PUNCTUATION and t not in _BEFORE_REQUEST), None)
    return first in ACT_WORDS


QUANTIFIERS = frozenset("nothing no none nobody".split())


def echo_sequence(text: str) -> list[tuple[str, str | None]]:
    """Stems of the words that carry meaning, in order, each with the negation that reaches
    it: ``"not"`` ('didn't work'), ``"nothing"`` ('nothing got in the way', 'no worries'), or
    None. A question's words echoed under 'nothing' still answer it; under 'not' they do not
    ('the hearing loop didn't work' is no answer to "What is working?")."""
    found: list[tuple[str, str | None]] = []
    negator: str | None = None
    reach = 0
    for token in tokens(text):
        if token in _PUNCTUATION:
            reach, negator = 0, None
            continue
        if token in NEGATIONS:
            reach, negator = NEGATION_REACH, "nothing" if token in QUANTIFIERS else "not"
            continue
        if token in EMPTY or len(token) < 2:
            continue
        found.append((stem(token), negator if reach else None))
        reach = max(reach - 1, 0)
    return found


def stem_sequence(text: str) -> list[str]:
    """Stems of the words that carry meaning, in order, for echoes of a question's words."""
    return [
        stem(t)
        for t in tokens(text)
        if t not in _PUNCTUATION and t not in EMPTY and t not in NEGATIONS and len(t) > 1
    ]


def content_stems(text: str) -> set[str]:
    """Stems of the words that carry meaning."""
    return {
        stem(t)
        for t in tokens(text)
        if t not in _PUNCTUATION and t not in EMPTY and t not in NEGATIONS and len(t) > 2
    }


def pairs(sequence: list[str]) -> set[str]:
    return {f"{a}_{b}" for a, b in zip(sequence, sequence[1:], strict=False)}
