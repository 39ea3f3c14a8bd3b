"""Themes for the weekly digest: which codebook theme each reply is about, and what is emerging.

Plain Python with no dependency beyond the standard library, no model downloaded, no Slack and
no database. How the rest of the bot uses it:

- When a reply arrives: ``theme = classifier.classify(text, question_id)``; store the theme
  (``None``: no codebook theme fits) with ``classifier.version``.
- When the programme's codebook changes (or a new release changes the training set), stored
  versions no longer match ``codebook_version(codebook)``: assign those replies again with
  ``classify_many``. A digest over many weeks is then a query, not a computation.
- For a digest: per question, ``summarise([(text, theme_id), ...], codebook)`` gives each
  theme's count and one or two quotes, and the emerging themes among replies with none.

``python -m tools.themes.measure`` reports accuracy on the held-out evaluation set, each
method's figure, and throughput. ``tools/themes/make_training.py`` says how the training set was
made, and ``python -m tools.themes.train`` remakes it and the shipped default model.
"""

from bot.domain.themes.classifier import ThemeClassifier, codebook_version
from bot.domain.themes.codebook import (
    DEFAULT_CODEBOOK,
    Codebook,
    CodebookError,
    Theme,
    codebook_from_spec,
)
from bot.domain.themes.emerging import EmergingTheme, emerging_themes
from bot.domain.themes.quotes import representative
from bot.domain.themes.summary import QuestionThemes, ThemeSummary, summarise

__all__ = [
    "DEFAULT_CODEBOOK",
    "Codebook",
    "CodebookError",
    "EmergingTheme",
    "QuestionThemes",
    "Theme",
    "ThemeClassifier",
    "ThemeSummary",
    "codebook_from_spec",
    "codebook_version",
    "emerging_themes",
    "representative",
    "summarise",
]
