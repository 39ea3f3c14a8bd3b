"""One question's replies of a week, grouped by theme, for the digest.

Themes are assigned when replies arrive, so this only groups, counts and picks quotes. Call it
once per question: 'what is working' and 'what could change' are summarised separately.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.domain.themes.codebook import Codebook
from bot.domain.themes.emerging import EmergingTheme, emerging_themes
from bot.domain.themes.quotes import representative


@dataclass(frozen=True)
class ThemeSummary:
    theme_id: str
    name: str
    count: int
    quotes: tuple[str, ...]


@dataclass(frozen=True)
class QuestionThemes:
    themes: tuple[ThemeSummary, ...]  # most replies first, then in codebook order
    emerging: tuple[EmergingTheme, ...]  # recurring among replies with no theme
    unthemed: int  # replies with no codebook theme


def summarise(
    replies: Sequence[tuple[str, str | None]],
    codebook: Codebook,
    *,
    quotes: int = 2,
    emerging_min_count: int = 2,
    emerging_limit: int = 5,
) -> QuestionThemes:
    """``replies`` are ``(text, theme_id)`` for one question; an id not in the codebook (from
    a codebook since replaced) counts as no theme until the reply is assigned again."""
    by_theme: dict[str, list[str]] = {theme_id: [] for theme_id in codebook.ids}
    unthemed: list[str] = []
    for text, theme_id in replies:
        by_theme.get(theme_id or "", unthemed).append(text)
    order = {theme_id: i for i, theme_id in enumerate(codebook.ids)}
    themes = sorted(
        (
            ThemeSummary(theme_id, codebook.name_of(theme_id), len(texts), tuple(
                representative(texts, k=quotes)
            ))
            for theme_id, texts in by_theme.items()
            if texts
        ),
        key=lambda s: (-s.count, order[s.theme_id]),
    )  # fmt: skip
    emerging = emerging_themes(unthemed, min_count=emerging_min_count, limit=emerging_limit)
    return QuestionThemes(tuple(themes), tuple(emerging), len(unthemed))
