"""A third tier: logistic regression over the words of the labelled tuning replies.

Rules and the wide net match phrases someone thought of. On each blind round they missed about
a third of crises or more, each said in a way no one had written a rule for ("I made a will
this week, just in case", "I texted my sister goodbye last night"). A model of word stems and
pairs of stems learnt from every labelled reply hears the family a new phrasing belongs to:
"will", "goodbye" and "just in case" sit with crises there far more than with ordinary replies.

It is trained only on the tuning parts (never on the held-out rounds) by ``python -m
tools.safeguarding.train``, which is not installed, and shipped trained (``learned_model.json.gz``
beside this module; training takes a third of a second, which no reply should wait for; a test
checks the shipped weights are exactly what training gives); its order and arithmetic are
fixed, so the same replies always give the same weights. This module only loads and applies
them. It is the same plain-Python method as ``bot.domain.themes.classifier`` and uses
that package's stemmer, but not its tokeniser: that drops "not", "no", "me" and "my", which
here carry the meaning ("no one would miss me").
"""

from __future__ import annotations

import gzip
import json
import math
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bot.domain.safeguarding import sentinel
from bot.domain.themes.stem import stem

# Written by ``python -m tools.safeguarding.train``; ships in the wheel (pyproject's package-data).
SHIPPED = Path(__file__).with_name("learned_model.json.gz")

_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?")
# Words so common in both kinds of reply that they only add noise as single features; they
# still take part in pairs ("i_want", "not_safe").
_QUIET = frozenset(
    "a an the and or of to in on at for with is was it this that be been are were"
    " i i'm i'v i'd i'll me my myself".split()
)


_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
MIN_WORDS = 3  # "my laptop died again" less its figure of speech is "again": too little to judge


def readable(normalised: str) -> str:
    """What the model reads: no sentence with a figure of speech in it, no service names.

    A sentence that holds "dying to see" or "killing me with paperwork" is hyperbole as a whole:
    blanking only the figure would leave "again" or "I'm going to" for the model to misread.
    """
    kept = [
        s.group(0)
        for s in _SENTENCE.finditer(normalised)
        if not sentinel.FIGURES.search(s.group(0))
    ]
    return sentinel.SERVICES.sub(" ", " ".join(kept))


def enough_words(text: str) -> bool:
    return len(_TOKEN.findall(text)) >= MIN_WORDS


def features(text: str) -> list[str]:
    """Stems and pairs of neighbouring stems of normalised text, each once, in order."""
    return list(_surfaces(text))


def _surfaces(text: str) -> dict[str, str]:
    """Each feature, with the words of the reply it came from."""
    tokens = _TOKEN.findall(text)
    stems = [stem(token) for token in tokens]
    found = {s: t for s, t in zip(stems, tokens, strict=True) if s not in _QUIET}
    for i in range(len(stems) - 1):
        found.setdefault(f"{stems[i]}_{stems[i + 1]}", f"{tokens[i]} {tokens[i + 1]}")
    return found


@dataclass(frozen=True)
class Model:
    bias: float
    weights: dict[str, float]

    def probability(self, text: str) -> float:
        score = self.bias + sum(self.weights.get(f, 0.0) for f in features(text))
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, score))))

    def strongest(self, text: str, count: int = 3) -> list[str]:
        """The reply's words that pushed hardest towards crisis, for the facilitators' alert."""
        found = _surfaces(text)
        scored = sorted(((self.weights.get(f, 0.0), f) for f in found), reverse=True)
        return [found[f] for w, f in scored[:count] if w > 0]


_model: Model | None = None
_lock = threading.Lock()


def model() -> Model:
    """The model of the tuning parts: the shipped weights, loaded once per process."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                _model = _shipped()
    return _model


def warm_up() -> None:
    """Load the shipped model now (a few milliseconds), so that no reply waits for it."""
    model()


def _shipped() -> Model:
    # No training fallback: the labelled replies live in tools/, which is not installed.
    # tests/test_wheel_contents.py checks that the weights ship.
    with gzip.open(SHIPPED, "rt", encoding="utf-8") as stored:
        data = json.load(stored)
    return Model(float(data["bias"]), {k: float(v) for k, v in data["weights"].items()})


@contextmanager
def standing_in(stand_in: Model) -> Iterator[None]:
    """Use another model for a while: cross-validation measures a part with one not trained on it."""
    global _model
    with _lock:
        kept, _model = _model, stand_in
    try:
        yield
    finally:
        with _lock:
            _model = kept
