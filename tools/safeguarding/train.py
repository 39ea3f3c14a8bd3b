"""``python -m tools.safeguarding.train``: train the learned tier on the tuning parts and save
the weights the bot ships (``bot/domain/safeguarding/learned_model.json.gz``).

Run it whenever the tuning parts, the features or the settings below change;
tests/test_safeguarding.py fails until you do. The held-out rounds are never read here.
"""

from __future__ import annotations

import gzip
import json
import math
from collections.abc import Iterable
from pathlib import Path

from bot.domain.safeguarding.learned import SHIPPED, Model, features, readable
from bot.domain.safeguarding.normalise import normalise
from tools.safeguarding import labelled

EPOCHS = 12
LEARNING_RATE = 0.3
L2 = 3e-2  # chosen by leave-one-part-out cross-validation: fewer false alarms, no more misses
CRISIS_WEIGHT = 1.5  # a missed crisis costs more than a false alarm, so crises count for more


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


def trained_on(parts: Iterable[str]) -> Model:
    """A model of the given labelled parts; cross-validation leaves one out."""
    rows = [
        (readable(normalise(e.text)), e.label == labelled.CRISIS)
        for p in parts
        for e in labelled.load(p)
    ]
    return train(rows)


def trained_on_tuning_parts() -> Model:
    return trained_on(labelled.TUNING_PARTS)


def write_shipped(path: Path = SHIPPED) -> Path:
    """Train on the tuning parts and store the weights where the detector loads them from."""
    trained = trained_on_tuning_parts()
    payload = json.dumps({"bias": trained.bias, "weights": trained.weights}, sort_keys=True)
    # mtime=0: the same weights always make the same bytes, so git sees no false change.
    path.write_bytes(gzip.compress(payload.encode("utf-8"), mtime=0))
    return path


if __name__ == "__main__":
    print(f"wrote {write_shipped()}")
