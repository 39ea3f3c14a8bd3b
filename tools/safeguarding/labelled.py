"""The labelled replies the detector is measured on, and the measurement.

The parts in ``data/`` (see ``data/README.md``) are all tuning parts now: ``dev`` and seven
rounds, each written before the detector it measured and measured blind once, then used for
tuning; and ``tuning_v8``, ordinary replies (and a few crises) written by the detector's own
author for v8. No blind round lives in the repository: the next one is measured once, from
wherever it is kept, with ``python -m tools.safeguarding.measure --file PATH``. Each line:
text, label ("crisis" or "none"), category, note, and for crises the severity a facilitator
would want ("urgent" or "check_in").

Run ``python -m tools.safeguarding.labelled`` to print the figures for every part.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from bot.domain.safeguarding.detector import assess

DATA = Path(__file__).with_name("data")
# The rounds written apart from the detector, in the order they were written; each was measured
# blind once (data/README.md) and is a tuning part since. Round 6 kept its file name, held_out.
ROUNDS = (
    "dev",
    "held_out_round1",
    "held_out_round2",
    "held_out_round3",
    "held_out_round4",
    "held_out_round5",
    "held_out",
    "held_out_round7",
)
# Written by the detector's own author for v8: mostly plain ordinary replies, the kind a
# programme gets most of, and a few crises in everyday words. Never a measure of anything.
OWN = "tuning_v8"
TUNING_PARTS = (*ROUNDS, OWN)
# Round 8, by a fourth author who never saw the detector, was v8's blind round: measured once when
# v8 was final (5 of 120 crises missed, 9 of 120 false alarms) and never tuned on. Round 9, by the
# same author, has never been run: it is for the next change, measured once when that is final.
HELD_OUT_PARTS: tuple[str, ...] = ("held_out_round8",)
UNOPENED_PARTS: tuple[str, ...] = ("held_out_round9",)
PARTS = (*TUNING_PARTS, *HELD_OUT_PARTS)  # all that may be measured; round 9 waits
CRISIS = "crisis"


@dataclass(frozen=True)
class Example:
    text: str
    label: str
    category: str
    note: str = ""
    severity: str = ""


@dataclass
class Figures:
    part: str
    crises: int = 0
    non_crises: int = 0
    misses: list[Example] = field(default_factory=list)
    false_alarms: list[Example] = field(default_factory=list)
    severity_differs: list[tuple[Example, str]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return 1 - len(self.misses) / self.crises if self.crises else 1.0

    @property
    def false_alarm_rate(self) -> float:
        return len(self.false_alarms) / self.non_crises if self.non_crises else 0.0

    def summary(self) -> str:
        flagged = self.crises - len(self.misses)
        return (
            f"{self.part}: {self.crises} crises, {len(self.misses)} missed "
            f"(recall {self.recall:.3f}); {self.non_crises} non-crises, "
            f"{len(self.false_alarms)} false alarms (rate {self.false_alarm_rate:.3f}); "
            f"severity as labelled for {flagged - len(self.severity_differs)} of {flagged} "
            "flagged crises"
        )

    def failures(self) -> str:
        lines = [f"missed: {e.text!r} ({e.category}; {e.note})" for e in self.misses]
        lines += [f"false alarm: {e.text!r} ({e.category})" for e in self.false_alarms]
        return "\n".join(lines)


def path_of(part: str) -> Path:
    if part not in PARTS:
        raise ValueError(f"unknown part {part!r}; the parts are {', '.join(PARTS)}")
    return DATA / f"{part}.jsonl"


def load(part: str) -> list[Example]:
    return load_file(path_of(part))


def load_file(path: Path) -> list[Example]:
    """Labelled replies from any file of the same shape, such as a blind round kept elsewhere."""
    with Path(path).open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    return [Example(**{k: v for k, v in row.items() if k in _FIELDS}) for row in rows]


_FIELDS = frozenset(("text", "label", "category", "note", "severity"))


def measure(part: str) -> Figures:
    return measure_examples(part, load(part))


def measure_examples(name: str, examples: list[Example]) -> Figures:
    figures = Figures(name)
    for example in examples:
        result = assess(example.text)
        if example.label == CRISIS:
            figures.crises += 1
            if not result.flagged:
                figures.misses.append(example)
            elif example.severity and result.severity != example.severity:
                figures.severity_differs.append((example, result.severity))
        else:
            figures.non_crises += 1
            if result.flagged:
                figures.false_alarms.append(example)
    return figures


def main() -> None:
    for part in PARTS:
        print(measure(part).summary())


if __name__ == "__main__":
    main()
