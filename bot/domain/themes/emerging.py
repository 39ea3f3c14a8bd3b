"""Emerging themes: what several people said this week that no codebook theme covers.

Among the replies given no theme, words and two-word phrases said by at least ``min_count``
different people are candidates. Words common in all reflections ('session', 'staff') are
weighed down against the training set, so what surfaces is particular to this week. A phrase
is preferred to its single words, and a candidate said by mostly the same people as one already
chosen is skipped, so 'car park' and 'park' do not both appear.

Every reply counts towards a label; a reply its author did not want quoted is never one of the
``examples`` (see ``bot.domain.usage``).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from bot.domain.themes.quotes import representative
from bot.domain.themes.stem import stem
from bot.domain.themes.text import STOP_WORDS, words
from bot.domain.themes.training import training_examples

# Said in nearly every reflection, so never news on their own.
GENERIC = frozenset(
    """session sessions meeting meetings group groups people person staff team teams day days
    programme program everyone everybody next last first new work working change changes
    could would will want wanted came come going go went need needed nice lovely better""".split()
)


@dataclass(frozen=True)
class EmergingTheme:
    label: str  # as people wrote it, e.g. 'car park'
    count: int  # how many replies mention it
    examples: tuple[str, ...]  # one or two of those replies that may be quoted


def _terms(text: str) -> dict[str, str]:
    """Each term (stem or stem pair) in the text, with the words it was written as."""
    kept = [w for w in words(text) if w not in STOP_WORDS and len(w) > 2 and not w.isdigit()]
    stems = [stem(w) for w in kept]
    found = {s: w for s, w in zip(stems, kept, strict=True) if w not in GENERIC}
    for i in range(len(kept) - 1):
        if kept[i] in GENERIC and kept[i + 1] in GENERIC:
            continue
        found.setdefault(f"{stems[i]} {stems[i + 1]}", f"{kept[i]} {kept[i + 1]}")
    return found


@lru_cache(maxsize=1)
def _background() -> tuple[Counter[str], int]:
    """How many training replies use each term: the yardstick for 'common anyway'."""
    counts: Counter[str] = Counter()
    examples = training_examples()
    for example in examples:
        counts.update(_terms(example.text).keys())
    return counts, len(examples)


def emerging_themes(
    texts: Sequence[str],
    *,
    min_count: int = 2,
    limit: int = 5,
    quotable: Sequence[bool] | None = None,
) -> list[EmergingTheme]:
    """Recurring words and phrases among ``texts`` (replies with no codebook theme).

    ``quotable``, one flag per text: only texts flagged True may become examples.
    """
    allowed = [True] * len(texts) if quotable is None else list(quotable)
    by_term: dict[str, set[int]] = {}
    spellings: dict[str, Counter[str]] = {}
    for i, text in enumerate(texts):
        for term, spelt in _terms(text).items():
            by_term.setdefault(term, set()).add(i)
            spellings.setdefault(term, Counter())[spelt] += 1
    background, size = _background()

    def salience(term: str) -> float:
        rarity = math.log((size + 1) / (background[term] + 1))
        phrase = 1.5 if " " in term else 1.0
        return len(by_term[term]) * phrase * (1.0 + rarity)

    candidates = sorted(
        (t for t, found in by_term.items() if len(found) >= min_count),
        key=lambda t: (-salience(t), t),
    )
    chosen: list[EmergingTheme] = []
    covered: list[set[int]] = []
    for term in candidates:
        if len(chosen) >= limit:
            break
        found = by_term[term]
        if any(len(found & other) >= 0.6 * len(found) for other in covered):
            continue
        label = max(spellings[term].items(), key=lambda item: (item[1], item[0]))[0]
        quotes = representative([texts[i] for i in sorted(found) if allowed[i]], k=2)
        chosen.append(EmergingTheme(label, len(found), tuple(quotes)))
        covered.append(found)
    return sorted(chosen, key=lambda e: (-e.count, e.label))
