"""The learned intent model: what a clause does, by logistic regression.

Two kinds of judgement, each a logistic regression over ``text.features``:

- **polarity**: praise (what works, what helped) or change (a problem, a wish, a suggestion);
  every reply has one, and it decides between "What is working?" and "What could change?";
- **aspects**, each yes or no, on top of the polarity: a worry, something learnt, a message for
  the people in charge. "The directors should know staff have no time for this" is change
  *and* for the people in charge; which matters depends on the questions asked, so the
  aspects count only where a question asks for them (``intents``).

Trained by seeded stochastic gradient descent as the themes' classifier is, so the same data
give the same weights anywhere. It ships trained (``intent_model.json.gz``, written by
``python -m tools.filing.train``); the running bot never trains it.
"""

from __future__ import annotations

import gzip
import json
import math
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot.domain.filing.questions import CHANGE, LEADERS, LEARNT, PRAISE, WORRY
from bot.domain.filing.text import features

SHIPPED = Path(__file__).with_name("intent_model.json.gz")
ASPECTS = (WORRY, LEARNT, LEADERS)
EPOCHS = 8
LEARNING_RATE = 0.4
L2 = 1e-2
SEED = 7
SETTINGS = (EPOCHS, LEARNING_RATE, L2, SEED)


@dataclass(frozen=True)
class Binary:
    """P(yes) = sigmoid(bias + sum of the weights of the features present)."""

    weights: dict[str, float]
    bias: float

    def probability(self, feats: Iterable[str]) -> float:
        score = self.bias + sum(self.weights.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(min(score, 30.0), -30.0)))


@dataclass(frozen=True)
class IntentModel:
    polarity: Binary  # yes: praise; no: change
    aspects: dict[str, Binary]
    boundary: Binary | None = None  # yes: a clause starts a new answer (``boundary.py``)
    unclear: Binary | None = None  # yes: a short reply answers none of the questions

    def answers_nothing(self, text: str) -> float:
        """How likely a short reply answers no question ('not much to add tbh')."""
        return self.unclear.probability(unclear_features(text)) if self.unclear else 0.0

    def starts_answer(self, feats: Iterable[str]) -> float:
        """How likely a clause, by its join with the one before, starts a new answer."""
        return self.boundary.probability(feats) if self.boundary else 1.0

    def evidence(self, text: str) -> int:
        """How many of the clause's features the model knows: 0 means it cannot tell."""
        return sum(1 for f in features(text) if f in self.polarity.weights)

    def intents(self, text: str, offered: Iterable[str] = ASPECTS) -> dict[str, float]:
        """How likely each intent is, given the aspects some question asks for (``offered``).
        An aspect asked for takes its share first; praise and change share what is left."""
        feats = features(text)
        found = {a: self.aspects[a].probability(feats) for a in ASPECTS if a in set(offered)}
        total = sum(found.values())
        if total > 1.0:
            found = {a: p / total for a, p in found.items()}
        rest = max(0.0, 1.0 - sum(found.values()))
        praise = self.polarity.probability(feats)
        return {PRAISE: rest * praise, CHANGE: rest * (1.0 - praise), **found}


# What the lexicon's groups mean before any example is seen; training starts here and is
# pulled back here rather than to nothing, so a group the examples rarely use keeps its sense.
PRIORS: dict[str, dict[str, float]] = {
    "polarity": {
        "@good": 1.0, "@enable": 0.4, "@bad": -1.0, "@block": -0.8, "@wish": -0.8,
        "^@act": -1.0, "^@wish": -0.6, "@worry": -0.8,
    },
    WORRY: {"@worry": 2.0, "^@worry": 1.0, "@future": 0.3},
    LEARNT: {"@learn": 1.2, "^@learn": 1.0},
    LEADERS: {"@leaders": 1.5, "@tell": 0.4},
}  # fmt: skip


def train_binary(
    rows: Sequence[tuple[list[str], bool, float]], prior: dict[str, float] | None = None
) -> Binary:
    """Logistic regression by SGD; the rarer answer counts for more, by the square root of how
    much rarer (fully balanced, a handful of worries would make any word they share a worry)."""
    prior = prior or {}
    yes = sum(w for _, y, w in rows if y) or 1.0
    no = sum(w for _, y, w in rows if not y) or 1.0
    balance = {True: math.sqrt((yes + no) / (2 * yes)), False: math.sqrt((yes + no) / (2 * no))}
    weights: dict[str, float] = dict(prior)
    bias = 0.0
    data = list(rows)
    rng = random.Random(SEED)
    for epoch in range(EPOCHS):
        rng.shuffle(data)
        rate = LEARNING_RATE / (1 + epoch)
        for feats, answer, weight in data:
            score = bias + sum(weights.get(f, 0.0) for f in feats)
            predicted = 1.0 / (1.0 + math.exp(-max(min(score, 30.0), -30.0)))
            gradient = predicted - (1.0 if answer else 0.0)
            step = rate * weight * balance[answer]
            for f in feats:
                w = weights.get(f, 0.0)
                weights[f] = w - step * (gradient + L2 * (w - prior.get(f, 0.0)))
            bias -= step * gradient * 0.1
    return Binary({f: round(w, 5) for f, w in weights.items() if abs(w) >= 1e-4}, round(bias, 5))


def unclear_features(text: str) -> list[str]:
    """A whole reply's features, and how many words it has, for ``IntentModel.unclear``."""
    return [*features(text), f"#words:{min(len(text.split()), 12)}"]


def train(
    polarity: Sequence[tuple[str, bool, float]],
    aspects: dict[str, Sequence[tuple[str, bool, float]]],
    boundaries: Sequence[tuple[list[str], bool, float]] = (),
    unclear: Sequence[tuple[str, bool, float]] = (),
) -> IntentModel:
    """``polarity``: (text, praise?, weight); ``aspects``: per aspect, (text, yes?, weight);
    ``boundaries``: (features of a join, a new answer?, weight); ``unclear``: (a short
    reply, answers nothing?, weight)."""

    def featured(rows):
        return [(features(t), y, w) for t, y, w in rows if features(t)]

    return IntentModel(
        train_binary(featured(polarity), PRIORS["polarity"]),
        {a: train_binary(featured(aspects.get(a, ())), PRIORS[a]) for a in ASPECTS},
        train_binary(list(boundaries)) if boundaries else None,
        train_binary([(unclear_features(t), y, w) for t, y, w in unclear]) if unclear else None,
    )


def to_bytes(model: IntentModel, version: str) -> bytes:
    def plain(binary: Binary) -> dict:
        return {"bias": binary.bias, "weights": dict(sorted(binary.weights.items()))}

    data = {
        "version": version,
        "polarity": plain(model.polarity),
        "aspects": {a: plain(b) for a, b in model.aspects.items()},
        **({"boundary": plain(model.boundary)} if model.boundary else {}),
        **({"unclear": plain(model.unclear)} if model.unclear else {}),
    }
    return gzip.compress(json.dumps(data, separators=(",", ":")).encode(), 9, mtime=0)


def from_bytes(raw: bytes) -> tuple[IntentModel, str]:
    data = json.loads(gzip.decompress(raw))

    def binary(part: dict) -> Binary:
        return Binary(dict(part["weights"]), part["bias"])

    aspects = {a: binary(b) for a, b in data["aspects"].items()}
    boundary = binary(data["boundary"]) if "boundary" in data else None
    unclear = binary(data["unclear"]) if "unclear" in data else None
    return IntentModel(binary(data["polarity"]), aspects, boundary, unclear), data["version"]


@lru_cache(maxsize=1)
def shipped() -> IntentModel:
    """The model as trained when the package was built (a tenth of a second to load)."""
    model, _ = from_bytes(SHIPPED.read_bytes())
    return model
