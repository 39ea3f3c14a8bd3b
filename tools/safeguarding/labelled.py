"""The labelled replies the detector is measured on, and the measurement.

The parts in ``data/`` (see ``data/README.md``): ``dev`` and five earlier held-out rounds
were used to write and tune the detector; ``held_out`` was written, by someone who never saw the
detector, before the last change and has never been used for tuning. Between rounds (while a
new detector is being written) there is no ``held_out`` file and only the tuning parts are
measured. Each line: text, label ("crisis" or "none"), category, note, and for
crises the severity a facilitator would want ("urgent" or "check_in").

Run ``python -m tools.safeguarding.labelled`` to print the figures for every part.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from bot.domain.safeguarding.detector import assess

DATA = Path(__file__).with_name("data")
TUNING_PARTS = (
    "dev",
    "held_out_round1",
    "held_out_round2",
    "held_out_round3",
    "held_out_round4",
    "held_out_round5",
)
HELD_OUT = "held_out"  # round 6, v6's own blind round
# Round 7, written blind by a third author after v6 was final; v6 was never tuned on it. A v7
# tuned on round 6 did no better on it (data/README.md), so v6 ships and round 7 stays held out.
SECOND_HELD_OUT = "held_out_round7"
HELD_OUT_PARTS = (HELD_OUT, SECOND_HELD_OUT)
PARTS = (*TUNING_PARTS, *HELD_OUT_PARTS)
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
    with path_of(part).open(encoding="utf-8") as lines:
        return [Example(**json.loads(line)) for line in lines if line.strip()]


def measure(part: str) -> Figures:
    figures = Figures(part)
    for example in load(part):
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


def has_held_out() -> bool:
    """False between rounds: the next blind round is copied in only once the detector is final."""
    return path_of(HELD_OUT).exists()


def main() -> None:
    for part in PARTS:
        if part == HELD_OUT and not has_held_out():
            print(f"{HELD_OUT}: not in place (between rounds)")
            continue
        print(measure(part).summary())


if __name__ == "__main__":
    main()
