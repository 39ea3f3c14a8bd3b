"""The shipped training set, read once; made afresh if an install left the data file out."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PATH = Path(__file__).with_name("training.jsonl")


@dataclass(frozen=True)
class Example:
    text: str
    question: str
    theme: str | None  # None: fits no theme of the default codebook
    written: bool  # hand-written rather than composed


@lru_cache(maxsize=1)
def _training_text() -> str:
    try:
        return PATH.read_text(encoding="utf-8")
    except FileNotFoundError:
        # A wheel built without package data: the generator makes the same rows (a test checks).
        from bot.domain.themes import make_training

        return make_training.render(make_training.training_rows())


@lru_cache(maxsize=1)
def training_examples() -> tuple[Example, ...]:
    rows = (json.loads(line) for line in _training_text().splitlines() if line.strip())
    return tuple(
        Example(row["text"], row["question"], row["theme"], row.get("source") == "written")
        for row in rows
    )


@lru_cache(maxsize=1)
def training_digest() -> str:
    """Changes whenever the training set does, so stored themes are then assigned again."""
    return hashlib.sha256(_training_text().encode("utf-8")).hexdigest()[:12]
