"""From a reply as people type it to the features the classifier counts.

Replies arrive with typos, missing apostrophes ('dont'), curly quotes and text-speak ('pls'),
so normalisation is forgiving. Features are stems of content words, pairs of neighbouring stems
(so 'easy read' or 'tick box' count as one idea), and character fragments of longer words, which
let a misspelt 'managment' still share most of its evidence with 'management'.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.domain.themes.concepts import concept_of_stem, listed_phrases
from bot.domain.themes.stem import stem

STOP_WORDS = frozenset(
    """
    a about above after again against all almost along already also although always am among an
    and another any anyone anything are around as at away back be became because become been
    before being below between both but by can cannot could did do does doing done down during
    each either else enough even ever every everyone everything for from further get gets getting
    got had has have having he her here hers herself him himself his how however i if in into is it
    its itself just least less let lets like lot lots made make makes making many may me might
    mine more most much must my myself need needs never no nor not nothing now of off often on
    once one only onto or other others our ours ourselves out over own per quite rather really
    said same say see seem seemed seems shall she should since so some someone something still
    such than that the their theirs them themselves then there these they thing things think this
    those though through to today too under until up upon us very was way we week well were what
    when where whether which while who whom whose why will with within without would yes yet you
    your yours yourself yourselves time times bit actually lot pretty quite maybe feel felt feels
    thank thanks please pls good great really ok okay
    """.split()
)
# 'time' and 'feel' are stop words for emerging themes only; the classifier keeps them.
CLASSIFIER_KEEPS = frozenset({"time", "times", "feel", "felt", "feels", "thank", "thanks"})

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u02bc": "'"})
_NEGATIONS = re.compile(
    r"\b(ca|wo|do|does|did|is|are|was|were|has|have|had|could|would|should|must|need)n'?t\b"
)
_CLITICS = re.compile(r"'(s|re|ve|ll|d|m)\b")
_WORD = re.compile(r"[a-z0-9]+")
# Text-speak and a few spellings people use, brought to one form before stemming.
_SPELLINGS = {
    "pls": "please", "plz": "please", "thx": "thanks", "u": "you", "ur": "your", "r": "are",
    "b4": "before", "gonna": "going", "wanna": "want", "cos": "because", "coz": "because",
    "mgr": "manager", "mgmt": "management", "mgt": "management", "govt": "government",
    "mums": "mum", "mom": "mum", "moms": "mum", "dads": "dad", "centre": "center",
    "programme": "program", "programmes": "program", "colour": "color", "behaviour": "behavior",
    "favour": "favor", "honour": "honor", "labour": "labor", "recieve": "receive",
}  # fmt: skip


def normalise(text: str) -> str:
    """Lower case, straight apostrophes, negations spelt out, clitics dropped."""
    text = text.lower().translate(_APOSTROPHES)
    text = _NEGATIONS.sub(lambda m: m.group(1) + " not", text)
    text = text.replace("can't", "can not").replace("won't", "will not")
    return _CLITICS.sub("", text)


def words(text: str) -> list[str]:
    """The words of a reply, normalised, in order, stop words included."""
    return [_SPELLINGS.get(w, w) for w in _WORD.findall(normalise(text))]


def content_words(text: str, *, keep: frozenset[str] = CLASSIFIER_KEEPS) -> list[str]:
    """Words that carry meaning: no stop words (except those in ``keep``), no lone digits."""
    return [w for w in words(text) if _keep(w, keep)]


@lru_cache(maxsize=65536)
def _char_grams(stemmed: str) -> tuple[str, ...]:
    if len(stemmed) < 6:
        return ()
    padded = f"<{stemmed}>"
    return tuple("#" + padded[i : i + 4] for i in range(len(padded) - 3))


@lru_cache(maxsize=1)
def phrase_concepts() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Each thesaurus phrase as the stems of all its words, with the concepts it belongs to."""
    found: dict[tuple[str, ...], list[str]] = {}
    for concept, phrase in listed_phrases():
        key = tuple(stem(w) for w in words(phrase))
        if len(key) >= 2 and concept not in found.setdefault(key, []):
            found[key].append(concept)
    return {key: tuple("@" + c for c in concepts) for key, concepts in found.items()}


@lru_cache(maxsize=1)
def _phrases_by_first_stem() -> dict[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]]:
    found: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
    for key, concepts in phrase_concepts().items():
        found.setdefault(key[0], []).append((key, concepts))
    return {first: tuple(listed) for first, listed in found.items()}


def _keep(word: str, keep: frozenset[str] = CLASSIFIER_KEEPS) -> bool:
    return (word not in STOP_WORDS or word in keep) and not word.isdigit() and len(word) > 1


def _concepts(written: list[str], every: list[str]) -> dict[str, None]:
    table = concept_of_stem()
    phrases = _phrases_by_first_stem()
    found: dict[str, None] = {}
    for i, s in enumerate(every):
        if written[i] not in STOP_WORDS or written[i] in CLASSIFIER_KEEPS:
            found.update(dict.fromkeys(table.get(s, ())))
        for key, concepts in phrases.get(s, ()):
            if tuple(every[i : i + len(key)]) == key:
                found.update(dict.fromkeys(concepts))
    return found


def concepts_of(text: str) -> list[str]:
    """The thesaurus concepts a text's words and phrases belong to, in order, each once."""
    written = words(text)
    return list(_concepts(written, [stem(w) for w in written]))


def features(text: str, *, char_grams: bool = True, concepts: bool = True) -> list[str]:
    """The distinct features of a text: stems, neighbouring stem pairs, character 4-grams,
    and the thesaurus concepts its words and phrases belong to."""
    written = words(text)
    every = [stem(w) for w in written]
    stems = [s for w, s in zip(written, every, strict=True) if _keep(w)]
    found = dict.fromkeys(stems)
    found.update(dict.fromkeys(f"{a}_{b}" for a, b in zip(stems, stems[1:], strict=False)))
    if char_grams:
        for s in stems:
            found.update(dict.fromkeys(_char_grams(s)))
    if concepts:
        found.update(_concepts(written, every))
    return list(found)
