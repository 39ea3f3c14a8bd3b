"""Cross-validation across the training set's sources, and the choice of the "emerging" cut.

    python -m tools.themes.crossval

The figures that estimate how the classifier does on replies it never saw, each trained with
the method's own settings (``bot.domain.themes.classifier``) on part of the shipped training
set and measured on the rest:

1. The development set (``dev``), trained without it and without the voices written after
   reading it: the closest thing to a blind round by the same author.
2. The development set in 5 folds, each trained on everything but that fold and those voices.
   These folds also choose ``TEMPERATURE`` (the lowest log loss) and ``THRESHOLD`` (the highest
   cut that keeps accuracy at its best, so that doubtful replies go to emerging).
3. Each other hand-written source (``written``, ``voices``) trained without it.
4. The held-out set (``data/held_out.jsonl``), which no model is ever trained on.

Figures for (2) and the sweep are measured on tuning data: the thesaurus and the settings were
chosen looking at them. ``data/README.md`` records the figures.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence

from bot.domain.themes.classifier import OTHER, TEMPERATURE, THRESHOLD, _Model, train
from bot.domain.themes.codebook import DEFAULT_CODEBOOK
from bot.domain.themes.training import Example, training_examples
from tools.themes.measure import Labelled, load_labelled

FOLDS = 5
SEED = 7
TEMPERATURES = (0.75, 1.0, 1.25, 1.5, 2.0, 3.0)
THRESHOLDS = (0.0, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6)
AFTER_DEV = "voices-after-dev"  # paraphrase the development set's situations: never train on them to measure it


def figures(predicted: Sequence[str | None], gold: Sequence[str | None]) -> str:
    pairs = list(zip(predicted, gold, strict=True))
    right = sum(p == g for p, g in pairs)
    themed = [(p, g) for p, g in pairs if g is not None]
    shown = sum(p is None for p, _ in pairs)
    labelled = sum(g is None for _, g in pairs)
    both = sum(p is None and g is None for p, g in pairs)
    parts = [f"accuracy {right / len(pairs):.3f} ({len(pairs)})"]
    if themed:
        parts.append(f"with a theme {sum(p == g for p, g in themed) / len(themed):.3f}")
    parts.append(f"emerging precision {both / shown if shown else 0:.2f} ({both}/{shown})")
    if labelled:
        parts.append(f"recall {both / labelled:.2f} ({both}/{labelled})")
    return ", ".join(parts)


def _measure(model: _Model, rows: Sequence[Labelled | Example]) -> list[str | None]:
    return [model.classify(r.text) for r in rows]


def _folds(rows: Sequence[Example], k: int = FOLDS) -> list[list[Example]]:
    order = list(range(len(rows)))
    random.Random(SEED).shuffle(order)
    return [[rows[i] for i in order[j::k]] for j in range(k)]


def _choose(
    scored: Sequence[tuple[list[float], tuple[str, ...], str | None]],
) -> tuple[float, float, list[str]]:
    """The temperature with the lowest log loss, then the highest threshold at best accuracy."""

    def at(temperature: float) -> list[tuple[list[float], tuple[str, ...], str | None]]:
        found = []
        for probabilities, classes, gold in scored:
            powered = [p ** (1 / temperature) for p in probabilities]
            total = sum(powered)
            found.append(([p / total for p in powered], classes, gold))
        return found

    def log_loss(rows: Sequence[tuple[list[float], tuple[str, ...], str | None]]) -> float:
        return -sum(math.log(max(p[c.index(g or OTHER)], 1e-12)) for p, c, g in rows if p) / len(
            rows
        )

    def predicted(p: list[float], classes: tuple[str, ...], threshold: float) -> str | None:
        if not p:
            return None
        best = max(range(len(p)), key=lambda i: (p[i], -i))
        return None if classes[best] == OTHER or p[best] < threshold else classes[best]

    lines = []
    losses = {t: log_loss(at(t)) for t in TEMPERATURES}
    temperature = min(TEMPERATURES, key=lambda t: (losses[t], t))
    for t in TEMPERATURES:
        rows = at(t)
        accuracies = [
            sum(predicted(p, c, cut) == g for p, c, g in rows) / len(rows) for cut in THRESHOLDS
        ]
        cells = "  ".join(
            f"{cut:.2f}:{a:.3f}" for cut, a in zip(THRESHOLDS, accuracies, strict=True)
        )
        lines.append(f"  temperature {t:<4} log loss {losses[t]:.3f}   accuracy at cut {cells}")
    rows = at(temperature)
    accuracies = {
        cut: sum(predicted(p, c, cut) == g for p, c, g in rows) / len(rows) for cut in THRESHOLDS
    }
    best = max(accuracies.values())
    threshold = max(cut for cut, a in accuracies.items() if a >= best - 1e-9)
    return temperature, threshold, lines


def main() -> None:
    examples = training_examples()
    by_source: dict[str, list[Example]] = {}
    for e in examples:
        by_source.setdefault(e.source, []).append(e)
    print("training set: " + ", ".join(f"{s} {len(r)}" for s, r in by_source.items()))

    def without(*sources: str) -> list[Example]:
        return [e for e in examples if e.source not in sources]

    gold: Callable[[Sequence[Labelled | Example]], list[str | None]] = lambda rows: [  # noqa: E731
        r.theme for r in rows
    ]
    dev = by_source.get("dev", [])
    if dev:
        model = train(DEFAULT_CODEBOOK, without("dev", AFTER_DEV))
        print(f"1. dev, trained without it:  {figures(_measure(model, dev), gold(dev))}")
        predicted: list[str | None] = []
        truth: list[str | None] = []
        scored = []
        for fold in _folds(dev):
            held = {id(e) for e in fold}
            rest = [e for e in without(AFTER_DEV) if id(e) not in held]
            model = train(DEFAULT_CODEBOOK, rest)
            predicted += _measure(model, fold)
            truth += gold(fold)
            scored += [(model.probabilities(e.text, 1.0), model.classes, e.theme) for e in fold]
        print(f"2. dev, {FOLDS}-fold (tuning data): {figures(predicted, truth)}")
        temperature, threshold, lines = _choose(scored)
        print("\n".join(lines))
        print(
            f"   chosen: temperature {temperature}, threshold {threshold} "
            f"(the classifier has {TEMPERATURE} and {THRESHOLD})"
        )
    for source in ("written", "voices"):
        rows = by_source.get(source, [])
        if rows:
            model = train(DEFAULT_CODEBOOK, without(source, AFTER_DEV, "dev"))
            print(f"3. {source}, trained without it, the voices after dev and dev: "
                  f"{figures(_measure(model, rows), gold(rows))}")  # fmt: skip
    held_out = load_labelled()
    model = train(DEFAULT_CODEBOOK)
    print(
        f"4. held-out set, the shipped training: {figures(_measure(model, held_out), gold(held_out))}"
    )
    model = train(DEFAULT_CODEBOOK, without("dev", AFTER_DEV))
    print(
        f"   held-out set, trained without dev:   {figures(_measure(model, held_out), gold(held_out))}"
    )


if __name__ == "__main__":
    main()
