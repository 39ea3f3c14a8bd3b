"""Leave one author's set out: how the classifier does on replies by an author it was not
trained on, and the choice of ``TEMPERATURE`` and ``THRESHOLD``.

    python -m tools.themes.loso

Two sets were written apart from the training data: the development set (``dev``) and blind
round 1 (``round1``, measured once blind, then tuning data). Each is measured with the
classifier's own settings, trained on everything but that set (and, for ``dev``, but the voices
written after reading it):

1. ``round1``, trained without it (the figure that was 0.619 when it was blind);
2. ``dev``, trained without it and those voices.

The temperature and "emerging" cut for each set are chosen on the *other* set's left-out run
(the highest accuracy, then the highest cut), so neither figure is measured on what chose its
settings. Settings and thesaurus entries are kept only when they improve the left-out sets; the
honest figure is still the next blind round. ``data/README.md`` records the figures.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.themes.classifier import OTHER, TEMPERATURE, THRESHOLD, _Model, train
from bot.domain.themes.codebook import DEFAULT_CODEBOOK
from bot.domain.themes.training import Example, training_examples
from tools.themes.crossval import AFTER_DEV, figures

TEMPERATURES = (0.5, 0.75, 1.0, 1.25)
THRESHOLDS = (0.0, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
Scored = list[tuple[list[float], str | None]]


def _predict(probabilities: list[float], classes: tuple[str, ...], cut: float) -> str | None:
    if not probabilities:
        return None
    best = max(range(len(probabilities)), key=lambda i: (probabilities[i], -i))
    label = classes[best]
    return None if label == OTHER or probabilities[best] < cut else label


def _scored(model: _Model, rows: Sequence[Example], temperature: float) -> Scored:
    return [(model.probabilities(r.text, temperature), r.theme) for r in rows]


def _accuracy(scored: Scored, classes: tuple[str, ...], cut: float) -> float:
    return sum(_predict(p, classes, cut) == g for p, g in scored) / len(scored)


def main() -> None:
    examples = training_examples()
    runs = {
        "round1": ([e for e in examples if e.source != "round1"], "round1"),
        "dev": ([e for e in examples if e.source not in ("dev", AFTER_DEV)], "dev"),
    }
    grids: dict[str, dict[tuple[float, float], float]] = {}
    results = {}
    for name, (rows, source) in runs.items():
        model = train(DEFAULT_CODEBOOK, rows)
        held = [e for e in examples if e.source == source]
        scored = {t: _scored(model, held, t) for t in TEMPERATURES}
        grids[name] = {
            (t, cut): _accuracy(scored[t], model.classes, cut)
            for t in TEMPERATURES
            for cut in THRESHOLDS
        }
        results[name] = (model, held)
        predicted = [model.classify(e.text) for e in held]
        print(f"{name}, trained without it, the classifier's settings "
              f"({TEMPERATURE}, {THRESHOLD}): {figures(predicted, [e.theme for e in held])}")  # fmt: skip
    for name, other in (("round1", "dev"), ("dev", "round1")):
        grid = grids[other]
        chosen = max(grid, key=lambda tc: (grid[tc], tc[1], -tc[0]))
        print(f"{name}, settings chosen on {other} (temperature {chosen[0]}, cut {chosen[1]}): "
              f"accuracy {grids[name][chosen]:.3f}")  # fmt: skip


if __name__ == "__main__":
    main()
