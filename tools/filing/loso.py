"""``python -m tools.filing.loso``: the filer on each source of labelled replies it did not see.

For each source written by another author (the dev set, the blind rounds already read), a model is trained on
the themes' replies and every other source, and the source left out is filed with it; the
helper-written examples are measured by five-fold cross-validation within themselves (the
other sources kept in training). The rules and settings are the same for all: a change is kept
only when it helps the sources left out, which is the nearest thing here to a new author.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from bot.domain.filing import file_words
from bot.domain.filing import model as intent_model
from tools.filing.crossval import folds
from tools.filing.measure import evaluate, mistakes, report
from tools.filing.train import READ_ROUNDS, sources, training_rows

LEFT_OUT = ("dev", *(f"blind{n}" for n in READ_ROUNDS))


def left_out(name: str, every: dict[str, list[dict]] | None = None):
    every = sources() if every is None else every
    kept = [row for other, rows in every.items() if other != name for row in rows]
    model = intent_model.train(*training_rows(kept))
    return evaluate(every[name], lambda text, qs, m=model: file_words(text, qs, model=m))


def own_folds(every: dict[str, list[dict]] | None = None):
    every = sources() if every is None else every
    others = [row for other, rows in every.items() if other != "own" for row in rows]
    results = []
    parts = folds(every["own"])
    for i, held in enumerate(parts):
        kept = [r for j, fold in enumerate(parts) if j != i for r in fold]
        model = intent_model.train(*training_rows(kept + others))
        results += evaluate(held, lambda text, qs, m=model: file_words(text, qs, model=m))
    return results


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mistakes", action="store_true")
    parser.add_argument("--only", choices=(*LEFT_OUT, "own"), help="one source only")
    args = parser.parse_args(argv)
    every = sources()
    for name in (args.only,) if args.only else (*LEFT_OUT, "own"):
        results = own_folds(every) if name == "own" else left_out(name, every)
        print(f"--- {name} left out ---")
        print(report(results))
        if args.mistakes:
            print(mistakes(results))


if __name__ == "__main__":
    main()
