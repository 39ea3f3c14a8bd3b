"""``python -m tools.safeguarding.train``: train the learned tier's two models (is it a crisis;
of the crises, is it urgent) on the tuning parts and save the weights the bot ships
(``bot/domain/safeguarding/learned_model.json.gz``).

Run it whenever the tuning parts, the rules, the wide net, the features or the settings below
change; tests/test_safeguarding.py fails until you do. Only the tuning parts in ``data/`` are
read here, never a blind round kept elsewhere.
"""

from __future__ import annotations

import gzip
import json
import math
from collections.abc import Iterable
from pathlib import Path

from bot.domain.safeguarding.evidence import examine
from bot.domain.safeguarding.learned import SHIPPED, Model, features
from bot.domain.safeguarding.rules import URGENT
from tools.safeguarding import labelled

EPOCHS = 12
LEARNING_RATE = 0.3
L2 = 0.1  # chosen by leave-one-round-out cross-validation (data/README.md)
CRISIS_WEIGHT = 1.5  # a missed crisis costs more than a false alarm, so crises count for more
MIN_COUNT = 2  # a word or pair in one labelled reply only says something about that reply
DECIMALS = 4


def train(rows: Iterable[tuple[list[str], bool]]) -> Model:
    """Logistic regression by stochastic gradient descent, in the order the rows are given.

    Each row is a reply's features (``learned.features``) and whether it is a crisis. No
    shuffling and no random start: the weights depend only on the rows. Crises and ordinary
    replies are interleaved first so that neither kind comes in one long run.
    """
    rows = list(rows)
    seen: dict[str, int] = {}
    for feats, _ in rows:
        for f in feats:
            seen[f] = seen.get(f, 0) + 1
    kept = {f for f, count in seen.items() if count >= MIN_COUNT}
    crises = [[f for f in feats if f in kept] for feats, is_crisis in rows if is_crisis]
    others = [[f for f in feats if f in kept] for feats, is_crisis in rows if not is_crisis]
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
    # Four decimals are far finer than the weights are sure; the shipped file stays small.
    return Model(round(bias, DECIMALS), {f: round(w, DECIMALS) for f, w in sorted(weights.items())})


def _stored(model: Model) -> dict:
    return {"bias": model.bias, "weights": model.weights}


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


def trained_on(examples: Iterable[labelled.Example]) -> tuple[Model, Model]:
    """The two models of these labelled replies: is it a crisis, and of the crises, is it urgent."""
    read = [(e, examine(e.text)) for e in examples]
    rows = [(features(ev.readable, ev.signals()), e) for e, ev in read]
    crisis = train((f, e.label == labelled.CRISIS) for f, e in rows)
    urgent = train((f, e.severity == URGENT) for f, e in rows if e.label == labelled.CRISIS)
    return crisis, urgent


def trained_on_tuning_parts() -> tuple[Model, Model]:
    return trained_on(e for part in labelled.TUNING_PARTS for e in labelled.load(part))


def write_shipped(path: Path = SHIPPED) -> Path:
    """Train on the tuning parts and store the weights where the detector loads them from."""
    crisis, urgent = trained_on_tuning_parts()
    payload = json.dumps(
        {"crisis": _stored(crisis), "urgent": _stored(urgent)},
        sort_keys=True,
        separators=(",", ":"),
    )
    # mtime=0: the same weights always make the same bytes, so git sees no false change.
    path.write_bytes(gzip.compress(payload.encode("utf-8"), mtime=0))
    return path


if __name__ == "__main__":
    print(f"wrote {write_shipped()}")
