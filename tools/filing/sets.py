"""The question sets replies are filed against: the four of the dev and blind sets, and those
of the helper-written examples (``data/own_*.txt`` name theirs in a ``# set`` line)."""

from __future__ import annotations

import re
from pathlib import Path

DATA = Path(__file__).with_name("data")

SETS: dict[str, tuple[tuple[str, str], ...]] = {
    "default": (("working", "What is working?"), ("change", "What could change?")),
    "helped": (
        ("helped", "What helped you take part today?"),
        ("barriers", "What got in the way of taking part?"),
    ),
    "three": (
        ("went_well", "What went well today?"),
        ("differently", "What should we do differently next time?"),
        ("board", "What one thing should the programme board hear about?"),
    ),
    "learn": (
        ("learned", "What did you learn today?"),
        ("worried", "Is anything worrying you about the project?"),
    ),
}
_SET_LINE = re.compile(r"^#\s*set\s+(\w+):\s*(.+)$")
_QUESTION = re.compile(r'(\w+)\s+"([^"]+)"')


def sets_in(path: Path) -> dict[str, tuple[tuple[str, str], ...]]:
    """The ``# set name: id "text", id "text"`` lines of an examples file."""
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _SET_LINE.match(line)
        if match:
            found[match.group(1)] = tuple(_QUESTION.findall(match.group(2)))
    return found


def all_sets() -> dict[str, tuple[tuple[str, str], ...]]:
    known = dict(SETS)
    for path in sorted(DATA.glob("own_*.txt")):
        for name, questions in sets_in(path).items():
            if name in known and known[name] != questions:
                raise ValueError(f"{path.name}: set {name} differs from the known one")
            known[name] = questions
    return known
