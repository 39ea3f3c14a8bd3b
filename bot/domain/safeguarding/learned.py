"""The learned tier: logistic regression over a reply's words and the other tiers' evidence.

Rules and the wide net match phrases someone thought of. On each blind round they missed about
a third of crises or more, each said in a way no one had written a rule for ("I made a will
this week, just in case", "I texted my sister goodbye last night"); and the wide net, which
counts single words, raised most of the false alarms. This model reads both: the word stems,
pairs of stems and families of words near each other ("#close~harm") of the reply, and what
the rules and the wide net found in it (``evidence``), as named features ("@rule:urgent",
"@cue:bridge", "@aside"). So a rule's keyword or a cue no longer flags by itself; it counts
for as much as it did in the labelled replies, next to everything else the reply says. Only a
plain statement of present risk flags without it (``Evidence.sure``).

A second model of the same features, trained on the labelled crises alone, says how likely a
crisis is to be urgent (``urgency``). Both are trained only on the tuning parts by ``python -m
tools.safeguarding.train``, which is not installed, and shipped trained (``learned_model.json.gz``
beside this module, about 50 kB; a test checks the shipped weights are exactly what training
gives); the order and arithmetic are fixed, so the same replies always give the same weights.
This module only loads and applies them. It uses the themes' stemmer but not their tokeniser:
that drops "not", "no", "me" and "my", which here carry the meaning ("no one would miss me").
"""

from __future__ import annotations

import gzip
import json
import math
import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

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


# Families of words, so that a word the labelled replies never used still counts with its
# family: "nephew" is not there, but a close person, then harm, is ("#close_harm").
_CLASSES = {
    "self": "i i'm i've i'd i'll me my myself mine",
    "other": "he she him her his he's she's they them their",
    "close": "husband wife partner boyfriend girlfriend ex dad father stepdad mum mother mam son"
    " daughter brother sister uncle aunt nan grandad grandma kids children child baby family",
    "role": "gp doctor nurse paramedic ot physio midwife consultant psychiatrist therapist"
    " pharmacist officer volunteer clinician worker social visitor teacher",
    "case": "patient patients client clients caseload pupil pupils referral referrals ward shift"
    " lady gent chap lad caller",
    "media": "film book novel chapter podcast documentary episode drama radio piece article"
    " series show",
    "topic": "session talk debate training module workshop stat stats awareness discussion",
    "no": "not no never don't didn't can't won't nothing nobody none isn't wasn't",
    "past": "ago used years back then last once",
    "now": "now tonight today currently again still lately right",
    "good": "better good great fine well brilliant glad happy lovely helped safe alright hope proud",
    "death": "die dying dead death died suicide suicidal kill killed end life alive",
    "harm": "hurt hit cut harm hitting cutting bruises bruised blade blood bleeding burn damage",
    "fear": "scared frightened afraid terrified fear",
}
_CLASS_OF = {word: name for name, members in _CLASSES.items() for word in members.split()}
_NEAR = 4  # words apart, at most, for two families to count as said together


def features(text: str, signals: Sequence[str] = ()) -> list[str]:
    """Stems, pairs of neighbouring stems, families of words near each other, then the
    evidence's signals, each once, in order."""
    return [*_surfaces(text), *_families(text), *signals]


def _families(text: str) -> dict[str, None]:
    classes = [_CLASS_OF.get(token) for token in _TOKEN.findall(text)]
    found: dict[str, None] = {}
    for i, name in enumerate(classes):
        if name is None:
            continue
        found[f"#{name}"] = None
        if i + 1 < len(classes) and classes[i + 1]:
            found[f"#{name}_{classes[i + 1]}"] = None
        for later in classes[i + 1 : i + 1 + _NEAR]:
            if later and later != name:
                found[f"#{name}~{later}"] = None
    return found


def _surfaces(text: str) -> dict[str, str]:
    """Each word feature, with the words of the reply it came from."""
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

    def probability(self, text: str, signals: Sequence[str] = ()) -> float:
        return self.probability_of(features(text, signals))

    def probability_of(self, found: Sequence[str]) -> float:
        """The probability given a reply's features (``features``), worked out once for both."""
        weights = self.weights
        score = self.bias + sum(weights.get(f, 0.0) for f in found)
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, score))))

    def strongest(self, text: str, count: int = 3) -> list[str]:
        """The reply's words that pushed hardest towards crisis, for the facilitators' alert."""
        found = _surfaces(text)
        scored = sorted(((self.weights.get(f, 0.0), f) for f in found), reverse=True)
        return [found[f] for w, f in scored[:count] if w > 0]


_models: tuple[Model, Model] | None = None
_lock = threading.Lock()


def model() -> Model:
    """Is it a crisis? The model of the tuning parts: the shipped weights, loaded once."""
    return _loaded()[0]


def urgency() -> Model:
    """Given a crisis, is it urgent? Trained on the labelled crises' severity alone."""
    return _loaded()[1]


def _loaded() -> tuple[Model, Model]:
    global _models
    if _models is None:
        with _lock:
            if _models is None:
                _models = _shipped()
    return _models


def warm_up() -> None:
    """Load the shipped models now (a few milliseconds), so that no reply waits for them."""
    _loaded()


def _shipped() -> tuple[Model, Model]:
    # No training fallback: the labelled replies live in tools/, which is not installed.
    # tests/test_wheel_contents.py checks that the weights ship.
    with gzip.open(SHIPPED, "rt", encoding="utf-8") as stored:
        data = json.load(stored)
    return _model_of(data["crisis"]), _model_of(data["urgent"])


def _model_of(data: dict) -> Model:
    return Model(float(data["bias"]), {k: float(v) for k, v in data["weights"].items()})


@contextmanager
def standing_in(stand_in: Model, urgent: Model | None = None) -> Iterator[None]:
    """Use other models for a while: cross-validation measures a part with ones not trained on it."""
    global _models
    with _lock:
        kept = _models if _models is not None else _shipped()
        _models = (stand_in, urgent or kept[1])
    try:
        yield
    finally:
        with _lock:
            _models = kept
