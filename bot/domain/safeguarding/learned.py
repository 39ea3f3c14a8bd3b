"""A third tier: logistic regression over the words of the labelled tuning replies.

Rules and the wide net match phrases someone thought of. On each blind round they missed about
a third of crises or more, each said in a way no one had written a rule for ("I made a will
this week, just in case", "I texted my sister goodbye last night"). A model of word stems and
pairs of stems learnt from every labelled reply hears the family a new phrasing belongs to:
"will", "goodbye" and "just in case" sit with crises there far more than with ordinary replies.

It is trained only on the tuning parts (never on ``held_out``) and shipped trained
(``data/learned_model.json.gz``; training takes a third of a second, which no reply should wait
for; a test checks the shipped weights are exactly what training gives); its order and arithmetic are fixed, so the same replies always give the
same weights. It is the same plain-Python method as ``bot.domain.themes.classifier`` and uses
that package's stemmer, but not its tokeniser: that drops "not", "no", "me" and "my", which
here carry the meaning ("no one would miss me").
"""

from __future__ import annotations

import gzip
import json
import math
import re
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bot.domain.safeguarding import sentinel
from bot.domain.themes.stem import stem

SHIPPED = Path(__file__).with_name("data") / "learned_model.json.gz"
EPOCHS = 12
LEARNING_RATE = 0.3
L2 = 3e-2  # chosen by leave-one-part-out cross-validation: fewer false alarms, no more misses
CRISIS_WEIGHT = 1.5  # a missed crisis costs more than a false alarm, so crises count for more

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


def train(rows: Iterable[tuple[str, bool]]) -> Model:
    """Logistic regression by stochastic gradient descent, in the order the rows are given.

    No shuffling and no random start: the weights depend only on the rows. Crises and ordinary
    replies are interleaved first so that neither kind comes in one long run.
    """
    rows = list(rows)
    crises = [features(t) for t, is_crisis in rows if is_crisis]
    others = [features(t) for t, is_crisis in rows if not is_crisis]
    data = _interleave([(f, 1.0) for f in crises], [(f, 0.0) for f in others])
    weights: dict[str, float] = {}
    bias = 0.0
    for epoch in range(EPOCHS):
        rate = LEARNING_RATE / (1 + 0.5 * epoch)
        for feats, gold in data:
            score = bias + sum(weights.get(f, 0.0) for f in feats)
            predicted = 1 / (1 + math.exp(-max(-30.0, min(30.0, score))))
            error = (predicted - gold) * (CRISIS_WEIGHT if gold else 1.0)
            bias -= rate * error
            for f in feats:
                w = weights.get(f, 0.0)
                weights[f] = w - rate * (error + L2 * w)
    return Model(bias, weights)


def _interleave(first: list, second: list) -> list:
    merged, i, j = [], 0, 0
    while i < len(first) or j < len(second):
        # Take from whichever list is further behind its share, so both spread evenly.
        if j >= len(second) or (i < len(first) and i * len(second) <= j * len(first)):
            merged.append(first[i])
            i += 1
        else:
            merged.append(second[j])
            j += 1
    return merged


_model: Model | None = None
_lock = threading.Lock()


def model() -> Model:
    """The model of the tuning parts: the shipped weights, loaded once per process."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                _model = _shipped_or_trained()
    return _model


def warm_up() -> None:
    """Load the shipped model now (a few milliseconds), so that no reply waits for it."""
    model()


def _shipped_or_trained() -> Model:
    if SHIPPED.exists():
        with gzip.open(SHIPPED, "rt", encoding="utf-8") as stored:
            data = json.load(stored)
        return Model(float(data["bias"]), {k: float(v) for k, v in data["weights"].items()})
    return _trained_on_tuning_parts()


def write_shipped() -> Path:
    """Train on the tuning parts and store the weights (``python -m ...learned``)."""
    trained = _trained_on_tuning_parts()
    payload = json.dumps({"bias": trained.bias, "weights": trained.weights}, sort_keys=True)
    # mtime=0: the same weights always make the same bytes, so git sees no false change.
    SHIPPED.write_bytes(gzip.compress(payload.encode("utf-8"), mtime=0))
    return SHIPPED


def _trained_on_tuning_parts() -> Model:
    from bot.domain.safeguarding.labelled import TUNING_PARTS

    return trained_on(TUNING_PARTS)


def trained_on(parts: Iterable[str]) -> Model:
    """A model of the given labelled parts; cross-validation leaves one out."""
    from bot.domain.safeguarding.labelled import CRISIS, load
    from bot.domain.safeguarding.normalise import normalise

    rows = [(readable(normalise(e.text)), e.label == CRISIS) for p in parts for e in load(p)]
    return train(rows)


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


if __name__ == "__main__":
    print(f"wrote {write_shipped()}")
