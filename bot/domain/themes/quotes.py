"""Choosing one or two replies that stand for a theme, in people's own words.

The most central reply (sharing most words with the others) comes first, with a preference for
replies of a readable length; the second is the most central of those that say something
different. A long reply is shortened at a sentence end, or else between words, never mid-word.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from bot.domain.themes.stem import stem
from bot.domain.themes.text import STOP_WORDS, content_words, words

SHORTEST = 5  # words; shorter replies say little on their own
LONGEST = 40  # words; longer ones are hard to read in a digest
MAX_CHARS = 240


# A digest looks at the same reply in its team's themes and again in the programme's, and
# the next digest at most of them again: remembering the words of recent replies halves the
# time a digest spends choosing quotes (bench/national.py).
@lru_cache(maxsize=8192)
def _stems(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in content_words(text, keep=frozenset()) if w not in STOP_WORDS)


@lru_cache(maxsize=8192)
def _word_count(text: str) -> int:
    return len(words(text))


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)  # the size of a | b, without building it


def _overlaps(stems: list[frozenset[str]]) -> list[list[float]]:
    """Every pair's ``_overlap``, each pair once, the same figures: each reply's words as bits
    of one integer, so a pair's shared words are an AND and a bit count, not a new set."""
    bit: dict[str, int] = {}
    masks = []
    for words_of in stems:
        mask = 0
        for word in words_of:
            mask |= 1 << bit.setdefault(word, len(bit))
        masks.append(mask)
    sizes = [len(words_of) for words_of in stems]
    n = len(stems)
    table = [[0.0] * n for _ in range(n)]
    for i in range(n):
        if not sizes[i]:
            continue
        row, mask, size = table[i], masks[i], sizes[i]
        for j in range(i + 1, n):
            if sizes[j]:
                shared = (mask & masks[j]).bit_count()
                row[j] = table[j][i] = shared / (size + sizes[j] - shared)
    return table


def _length_fit(text: str) -> float:
    n = _word_count(text)
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
    overlaps = _overlaps(stems)

    def centrality(i: int) -> float:
        if n == 1:
            return 1.0
        row = overlaps[i]
        return sum(row[j] for j in range(n) if j != i) / (n - 1)

    base = [(0.1 + centrality(i)) * _length_fit(candidates[i]) for i in range(n)]
    chosen: list[int] = []
    while len(chosen) < min(k, n):
        # Less credit for a reply that repeats one already chosen; ties go to the earlier reply.
        def value(i: int) -> float:
            repeat = max((overlaps[i][j] for j in chosen), default=0.0)
            return base[i] * (1.0 - repeat)

        best = max((i for i in range(n) if i not in chosen), key=lambda i: (value(i), -i))
        chosen.append(best)
    return [positions[i] for i in chosen]
