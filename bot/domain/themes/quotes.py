"""Choosing one or two replies that stand for a theme, in people's own words.

The most central reply (sharing most words with the others) comes first, with a preference for
replies of a readable length; the second is the most central of those that say something
different. A long reply is shortened at a sentence end, or else between words, never mid-word.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.themes.stem import stem
from bot.domain.themes.text import STOP_WORDS, content_words, words

SHORTEST = 5  # words; shorter replies say little on their own
LONGEST = 40  # words; longer ones are hard to read in a digest
MAX_CHARS = 240


def _stems(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in content_words(text, keep=frozenset()) if w not in STOP_WORDS)


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _length_fit(text: str) -> float:
    n = len(words(text))
    if n < SHORTEST:
        return 0.5 + 0.1 * n
    if n > LONGEST:
        return max(0.4, LONGEST / n)
    return 1.0


def shorten(text: str, max_chars: int = MAX_CHARS) -> str:
    """The text, or its start up to a sentence end or a space, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= max_chars:
        return text
    head = text[: max_chars - 1]
    sentence_end = max(head.rfind(". "), head.rfind("! "), head.rfind("? "))
    if sentence_end >= max_chars // 2:
        return head[: sentence_end + 1]
    space = head.rfind(" ")
    cut = head[:space] if space > 0 else head
    return cut.rstrip(" ,;:-") + "\u2026"


MAX_CANDIDATES = 40  # centrality compares every pair: a spread-out sample keeps it quick


def representative(texts: Sequence[str], k: int = 2, *, max_chars: int = MAX_CHARS) -> list[str]:
    """Up to ``k`` representative quotes, most representative first; no two alike."""
    return [shorten(texts[i].strip(), max_chars) for i in representative_indices(texts, k)]


def representative_indices(texts: Sequence[str], k: int = 2) -> list[int]:
    """Positions in ``texts`` of up to ``k`` representative replies (so callers keep their
    own details of each, such as who wrote it), most representative first."""
    spread = range(len(texts))
    if len(texts) > 4 * MAX_CANDIDATES:  # look at a spread-out slice, not every reply
        step = len(texts) / (4 * MAX_CANDIDATES)
        spread = sorted({int(i * step) for i in range(4 * MAX_CANDIDATES)})
    unique: dict[str, int] = {}
    for position in spread:
        text = texts[position]
        if text and text.strip():
            unique.setdefault(" ".join(text.lower().split()), position)
    positions = list(unique.values())
    if len(positions) > MAX_CANDIDATES:
        step = len(positions) / MAX_CANDIDATES
        positions = [positions[int(i * step)] for i in range(MAX_CANDIDATES)]
    candidates = [texts[p].strip() for p in positions]
    if not candidates or k <= 0:
        return []
    stems = [_stems(t) for t in candidates]
    n = len(candidates)

    def centrality(i: int) -> float:
        if n == 1:
            return 1.0
        return sum(_overlap(stems[i], stems[j]) for j in range(n) if j != i) / (n - 1)

    base = [(0.1 + centrality(i)) * _length_fit(candidates[i]) for i in range(n)]
    chosen: list[int] = []
    while len(chosen) < min(k, n):
        # Less credit for a reply that repeats one already chosen; ties go to the earlier reply.
        def value(i: int) -> float:
            repeat = max((_overlap(stems[i], stems[j]) for j in chosen), default=0.0)
            return base[i] * (1.0 - repeat)

        best = max((i for i in range(n) if i not in chosen), key=lambda i: (value(i), -i))
        chosen.append(best)
    return [positions[i] for i in chosen]
