"""Labelled replies, in the dev set's shape: ``{"set", "text", "answers": [ids in text order],
"parts": {id: words} (two answers or more), "note"}``. ``answers: []``: genuinely unclear.

The helper-written examples live in ``data/own_*.txt``, one a line, easier to read and check
than JSON: ``answers | text [|| words for the first answer || for the second ...]``, answers as
``working`` or ``working+change``, ``?`` for unclear; ``\\n`` in the text is a new line.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from tools.filing.sets import DATA, sets_in

_WORD = re.compile(r"[a-z0-9']+")


def words_of(text: str) -> Counter:
    """The words of a reply or a part, counted, to see how much two pieces of text share."""
    return Counter(_WORD.findall(text.lower()))


def load_jsonl(path: Path) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    for row in rows:  # an answer given in two places may come as a list of its pieces
        if isinstance(row.get("parts"), dict):
            row["parts"] = {
                qid: " ".join(words) if isinstance(words, list) else words
                for qid, words in row["parts"].items()
            }
    return rows


def own_rows() -> list[dict]:
    rows = []
    for path in sorted(DATA.glob("own_*.txt")):
        current = None
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.startswith("#"):
                named = sets_in_line(line)
                current = named or current
                continue
            if not line.strip():
                continue
            answers, _, rest = line.partition(" | ")
            text, *parts = [p.strip() for p in rest.split(" || ")]
            ids = [] if answers.strip() == "?" else answers.strip().split("+")
            row = {
                "set": current, "text": text.replace("\\n", "\n"), "answers": ids,
                "note": f"helper-written, {path.name}:{number}",
            }  # fmt: skip
            if len(ids) > 1:
                if len(parts) != len(ids):
                    raise ValueError(
                        f"{path.name}:{number}: {len(ids)} answers, {len(parts)} parts"
                    )
                row["parts"] = {}
                for qid, words in zip(ids, parts, strict=True):
                    joined = row["parts"].get(qid)
                    row["parts"][qid] = f"{joined} {words}" if joined else words
            rows.append(row)
    return rows


def sets_in_line(line: str) -> str | None:
    import re

    match = re.match(r"^#\s*set\s+(\w+):", line)
    if not match:
        return None
    return match.group(1)


__all__ = ["load_jsonl", "own_rows", "sets_in", "words_of"]
