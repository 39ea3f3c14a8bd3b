"""``python -m tools.safeguarding.measure``: the detector's figures on every labelled part, then
leave-one-round-out cross-validation.

``python -m tools.safeguarding.measure --file PATH`` measures one file of labelled replies (the
same JSON lines as the parts in ``data/``), such as the next blind round kept outside the
repository, with the shipped detector, once, and prints its figures: recall, false alarms, and
severity as labelled. Add ``--failures`` to list each miss and false alarm with the tier that
decided it (a plain rule, or the learned tier's probability).

Only a blind round's figures say how the detector does on replies worded in new ways; the
tuning parts' and the cross-validation's flatter it (data/README.md says why). Each half of
the plain command also runs alone: ``python -m tools.safeguarding.labelled`` and
``python -m tools.safeguarding.crossval``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.domain.safeguarding import detector, learned
from bot.domain.safeguarding.evidence import examine
from bot.domain.safeguarding.rules import URGENT
from tools.safeguarding import crossval, labelled


def why(text: str) -> str:
    """Which tier decided a reply, and on what: for reading a round's failures."""
    evidence = examine(text)
    found = learned.features(evidence.readable, evidence.signals())
    probability = learned.model().probability_of(found)
    rules = [h.phrase for h in evidence.hits if h.plain]
    tier = f"rule {rules}" if rules else f"learned p={probability:.2f}"
    cues = list(evidence.signs.phrases)
    return f"{tier}; keywords {[h.phrase for h in evidence.hits if not h.plain]}; cues {cues}"


def report(figures: labelled.Figures, *, failures: bool) -> str:
    lines = [figures.summary()]
    flagged = figures.crises - len(figures.misses)
    urgent_as_check_in = sum(
        1 for e, got in figures.severity_differs if e.severity == URGENT and got != URGENT
    )
    lines.append(
        f"  of {flagged} flagged crises, {urgent_as_check_in} labelled urgent were marked check_in"
    )
    if failures:
        lines += [f"  missed ({why(e.text)}): {e.text!r}" for e in figures.misses]
        lines += [f"  false alarm ({why(e.text)}): {e.text!r}" for e in figures.false_alarms]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, help="a JSONL file of labelled replies to measure")
    parser.add_argument("--failures", action="store_true", help="list misses and false alarms")
    args = parser.parse_args(argv)
    if args.file is not None:
        examples = labelled.load_file(args.file)
        print(f"thresholds: flag at {detector.LEARNED_AT}, urgent at {detector.URGENT_AT}")
        print(report(labelled.measure_examples(args.file.name, examples), failures=args.failures))
        return
    for part in labelled.PARTS:
        print(report(labelled.measure(part), failures=args.failures))
    print()
    print("leave-one-round-out cross-validation (each round measured by a detector that")
    print("learnt nothing from it; tuning_v8 is left out of the total):")
    crossval.main()


if __name__ == "__main__":
    main()
