"""Leave-one-part-out cross-validation: an estimate of a change before the next blind round.

Each tuning part is measured with the learned tier trained on the other parts only, so the
model has never seen the replies it is judged on. The rules, the wide net and the checks for
ordinary replies were written with every tuning part in view, so for them this is no test:
the figures flatter any change to those, and only a blind round measures it.

Run ``python -m tools.safeguarding.crossval`` to print the figures.
"""

from __future__ import annotations

from bot.domain.safeguarding import learned
from tools.safeguarding.labelled import TUNING_PARTS, Figures, measure
from tools.safeguarding.train import trained_on


def cross_validate(parts: tuple[str, ...] = TUNING_PARTS) -> list[Figures]:
    """Each part's figures with the learned tier trained on the other parts."""
    results = []
    for part in parts:
        with learned.standing_in(trained_on(p for p in parts if p != part)):
            results.append(measure(part))
    return results


def total(results: list[Figures]) -> Figures:
    summed = Figures("all parts")
    for figures in results:
        summed.crises += figures.crises
        summed.non_crises += figures.non_crises
        summed.misses += figures.misses
        summed.false_alarms += figures.false_alarms
        summed.severity_differs += figures.severity_differs
    return summed


def main() -> None:
    results = cross_validate()
    for figures in [*results, total(results)]:
        print(figures.summary())


if __name__ == "__main__":
    main()
