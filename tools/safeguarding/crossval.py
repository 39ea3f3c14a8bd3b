"""Leave-one-round-out cross-validation: the estimate of a change before the next blind round.

Each round is measured with a detector that has not learnt from it:

- the learned tier is trained on every other tuning part only (the other rounds and
  ``tuning_v8``), so it has never seen the replies it is judged on;
- the wide net keeps only the phrases (cues, figures of speech, services, reassurance) that
  some other part holds (the grounding rule of ``tests/test_safeguarding.py``, applied without
  the round): a phrase written for this round's replies alone is not there to catch them.

The thresholds are chosen on these figures, never on a round's own. ``tuning_v8`` (the
detector's author's own replies) is measured the same way but left out of the totals.

What this cannot take out: the rules (``rules``), the frames (``frames``) and the word lists of
``lexicon`` are regular expressions written with every round in view, so the figures still
flatter changes to those, most of all on the last rounds, whose failures they were written
against. Only a blind round measures them.

Run ``python -m tools.safeguarding.crossval`` to print the figures.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from bot.domain.safeguarding import learned, sentinel
from bot.domain.safeguarding.normalise import normalise
from tools.safeguarding.labelled import (
    CRISIS,
    ROUNDS,
    TUNING_PARTS,
    Example,
    Figures,
    load,
    measure,
)
from tools.safeguarding.train import trained_on


def cross_validate(parts: tuple[str, ...] = TUNING_PARTS) -> list[Figures]:
    """Each part's figures with a detector that learnt nothing from it."""
    examples = {part: load(part) for part in TUNING_PARTS}
    grounds = _grounds(examples)
    results = []
    for part in parts:
        others = [e for p in TUNING_PARTS if p != part for e in examples[p]]
        with wide_net_without(part, grounds):
            crisis, urgent = trained_on(others)
            with learned.standing_in(crisis, urgent):
                results.append(measure(part))
    return results


_LISTS = ("FIGURE_PHRASES", "SERVICE_PHRASES", "GENERAL_WORDS", "REASSURANCE_PHRASES")
_SEPARATOR = "\n.\n"  # no phrase matches across it


def _grounds(examples: dict[str, list[Example]]) -> dict[tuple[str, str], set[str]]:
    """For each wide-net phrase, the parts holding a reply that grounds it (see the test)."""
    grounds: dict[tuple[str, str], set[str]] = {}
    for part, rows in examples.items():
        texts = [normalise(e.text) for e in rows]
        blanked = [sentinel.FIGURES.sub(" ", t) for t in texts]
        crises = [
            sentinel.SERVICES.sub(" ", t)
            for t, e in zip(blanked, rows, strict=True)
            if e.label == CRISIS
        ]
        corpora = {
            "FIGURE_PHRASES": _SEPARATOR.join(texts),
            "SERVICE_PHRASES": _SEPARATOR.join(blanked),
            "GENERAL_WORDS": _SEPARATOR.join(blanked),
            "REASSURANCE_PHRASES": _SEPARATOR.join(blanked),
            "CUES": _SEPARATOR.join(crises),
        }
        phrases = [(name, a) for name in _LISTS for a in getattr(sentinel, name)]
        phrases += [("CUES", a) for cue in sentinel.CUES for a in cue.alternatives]
        for name, alternative in phrases:
            if sentinel.words(alternative).search(corpora[name]):
                grounds.setdefault((name, alternative), set()).add(part)
    return grounds


@contextmanager
def wide_net_without(part: str, grounds: dict[tuple[str, str], set[str]]) -> Iterator[None]:
    """The wide net with only the phrases other parts ground, for as long as this lasts."""

    def kept(name: str, alternatives: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(a for a in alternatives if grounds.get((name, a), set()) - {part})

    cues = tuple(
        sentinel.Cue(cue.category, cue.weight, alternatives)
        for cue in sentinel.CUES
        if (alternatives := kept("CUES", cue.alternatives))
    )
    saved = {name: getattr(sentinel, name) for name in _SWAPPED}
    sentinel.FIGURES = _any_of(kept("FIGURE_PHRASES", sentinel.FIGURE_PHRASES))
    sentinel.SERVICES = _any_of(kept("SERVICE_PHRASES", sentinel.SERVICE_PHRASES))
    sentinel.GENERAL = _any_of(kept("GENERAL_WORDS", sentinel.GENERAL_WORDS))
    sentinel.REASSURED = _any_of(kept("REASSURANCE_PHRASES", sentinel.REASSURANCE_PHRASES))
    sentinel.CUES = cues
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(sentinel, name, value)


_SWAPPED = ("FIGURES", "SERVICES", "GENERAL", "REASSURED", "CUES")


def _any_of(alternatives: tuple[str, ...]) -> re.Pattern[str]:
    # No alternatives left must match nothing, not the empty string.
    return sentinel.words(*alternatives) if alternatives else re.compile(r"(?!x)x")


def total(results: list[Figures], parts: tuple[str, ...] = ROUNDS) -> Figures:
    """The rounds' figures added up (``tuning_v8`` is the author's own, so it is left out)."""
    summed = Figures("all rounds")
    for figures in results:
        if figures.part not in parts:
            continue
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
