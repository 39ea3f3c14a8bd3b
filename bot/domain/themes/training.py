"""The shipped training set, read once.

The running bot needs it, so it ships in the wheel: a programme's own codebook is trained on it
at run time, ``codebook_version`` hashes it (the shipped model is used only while that matches),
and emerging themes weigh words against it. ``python -m tools.themes.make_training`` makes it.
"""

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
    source: str = ""  # composed, written, voices, voices-after-dev or dev


@lru_cache(maxsize=1)
def _training_text() -> str:
    # No fallback to the generator: it lives in tools/, which is not installed.
    # tests/test_wheel_contents.py checks that this file ships.
    return PATH.read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def training_examples() -> tuple[Example, ...]:
    rows = (json.loads(line) for line in _training_text().splitlines() if line.strip())
    return tuple(
        Example(
            row["text"],
            row["question"],
            row["theme"],
            row.get("source", "composed") != "composed",
            row.get("source", "composed"),
        )
        for row in rows
    )


@lru_cache(maxsize=1)
def training_digest() -> str:
    """Changes whenever the training set does, so stored themes are then assigned again."""
    return hashlib.sha256(_training_text().encode("utf-8")).hexdigest()[:12]
