"""Codebook phrases found in a reply: the baseline, and the evidence a custom theme starts from.

A phrase matches when all its content words appear in the reply (after stemming), so 'support
from managers' matches 'my manager supported us'. Longer phrases count for more.
"""

from __future__ import annotations

from bot.domain.themes.codebook import Codebook
from bot.domain.themes.stem import stem
from bot.domain.themes.text import content_words


def phrase_stems(phrase: str) -> frozenset[str]:
    return frozenset(stem(w) for w in content_words(phrase))


class KeywordMatcher:
    def __init__(self, codebook: Codebook) -> None:
        self.codebook = codebook
        self._phrases = [
            (theme.id, stems)
            for theme in codebook
            for stems in (phrase_stems(p) for p in (*theme.words, theme.name))
            if stems
        ]

    def scores(self, text: str) -> dict[str, float]:
        present = {stem(w) for w in content_words(text)}
        found: dict[str, float] = {}
        for theme_id, stems in self._phrases:
            if stems <= present:
                found[theme_id] = found.get(theme_id, 0.0) + len(stems)
        return found

    def classify(self, text: str) -> str | None:
        found = self.scores(text)
        if not found:
            return None
        # Ties go to the theme listed first, so the answer never depends on dict order.
        order = {theme_id: i for i, theme_id in enumerate(self.codebook.ids)}
        return max(found, key=lambda t: (found[t], -order[t]))
