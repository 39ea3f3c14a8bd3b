"""``python -m tools.filing.crossval``: the filer on helper-written examples it did not learn from.

Five folds: each fifth of the examples in ``data/own_*.txt`` is filed by a model trained on
the other four fifths and the themes' replies, with everything else as shipped. The figures
printed are the sum over the five, in ``tools.filing.measure``'s shape.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Sequence

from bot.domain.filing import file_words
from bot.domain.filing import model as intent_model
from tools.filing.labelled import own_rows
from tools.filing.measure import evaluate, mistakes, report
from tools.filing.train import training_rows

FOLDS = 5
SEED = 11


def folds(rows: Sequence[dict], k: int = FOLDS) -> list[list[dict]]:
    order = list(rows)
    random.Random(SEED).shuffle(order)
    return [order[i::k] for i in range(k)]


def crossvalidate(rows: Sequence[dict] | None = None, k: int = FOLDS):
    rows = own_rows() if rows is None else rows
    results = []
    for i, held in enumerate(folds(rows, k)):
        kept = [r for j, fold in enumerate(folds(rows, k)) if j != i for r in fold]
        model = intent_model.train(*training_rows(kept))
        results += evaluate(held, lambda text, qs, m=model: file_words(text, qs, model=m))
    return results


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mistakes", action="store_true")
    args = parser.parse_args(argv)
    results = crossvalidate()
    print(f"{FOLDS}-fold cross-validation on the helper-written examples")
    print(report(results))
    if args.mistakes:
        print(mistakes(results))


if __name__ == "__main__":
    main()
