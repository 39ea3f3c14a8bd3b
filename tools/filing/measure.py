"""``python -m tools.filing.measure --file PATH``: how well plain replies are filed.

PATH holds replies in the dev set's shape (``tools/filing/labelled.py``). Prints, overall and
per question set: the share filed right (every answer right, order ignored; for a reply
labelled unclear, ``answers: []``, asking is right), the share asked, the share filed wrong;
then, for the replies that answer two questions or more, the share split into the right
questions and the share of their words that went under the right question.

Without ``--file`` it measures the helper-written examples (which the shipped model learnt
from: for a fair figure on them, see ``python -m tools.filing.crossval``).
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

from bot.domain.filing import Filing, file_words
from tools.filing.labelled import load_jsonl, own_rows, words_of
from tools.filing.sets import all_sets

RIGHT, ASKED, WRONG = "right", "asked", "wrong"
File = Callable[[str, Sequence[tuple[str, str]]], Filing]


def outcome(row: dict, filing: Filing) -> str:
    if not row["answers"]:
        return RIGHT if filing.asking else WRONG
    if filing.asking:
        return ASKED
    return RIGHT if set(filing.question_ids) == set(row["answers"]) else WRONG


def words_placed(row: dict, filing: Filing) -> tuple[int, int]:
    """Of the words the labels put under each question, how many the filer put there too."""
    mine: dict[str, Counter] = defaultdict(Counter)
    for part in filing.parts:
        mine[part.question_id].update(words_of(part.text))
    placed = total = 0
    for qid, words in row["parts"].items():
        gold = words_of(words)
        total += sum(gold.values())
        placed += sum((gold & mine[qid]).values())
    return placed, total


def evaluate(rows: Sequence[dict], file: File = file_words) -> list[tuple[dict, Filing, str]]:
    sets = all_sets()
    results = []
    for row in rows:
        filing = file(row["text"], sets[row["set"]])
        results.append((row, filing, outcome(row, filing)))
    return results


def _shares(outcomes: Sequence[str]) -> str:
    n = len(outcomes) or 1
    count = Counter(outcomes)
    return (
        f"right {count[RIGHT] / n:6.1%}  asked {count[ASKED] / n:6.1%}  "
        f"wrong {count[WRONG] / n:6.1%}  ({len(outcomes)} replies)"
    )


def report(results: Sequence[tuple[dict, Filing, str]]) -> str:
    lines = [f"all        {_shares([o for _, _, o in results])}"]
    for name in sorted({r["set"] for r, _, _ in results}):
        lines.append(f"{name:<10} {_shares([o for r, _, o in results if r['set'] == name])}")
    unclear = [o for r, _, o in results if not r["answers"]]
    if unclear:
        lines.append(f"unclear    asked {unclear.count(RIGHT)} of {len(unclear)}")
    several = [(r, f, o) for r, f, o in results if len(r["answers"]) > 1]
    if several:
        split = sum(o == RIGHT for _, _, o in several)
        placed = total = 0
        for row, filing, _ in several:
            if "parts" in row and not filing.asking:
                got, of = words_placed(row, filing)
                placed, total = placed + got, total + of
        lines.append(
            f"two-answer replies: {split} of {len(several)} split into the right questions "
            f"({split / len(several):.1%}); {placed / (total or 1):.1%} of their words under "
            "the right question"
        )
    return "\n".join(lines)


def mistakes(results: Sequence[tuple[dict, Filing, str]]) -> str:
    lines = []
    for row, filing, result in results:
        if result == RIGHT:
            continue
        got = (
            "ASK"
            if filing.asking
            else " | ".join(f"{p.question_id}: {p.text}" for p in filing.parts)
        )
        lines.append(f"[{row['set']}] {row['answers'] or 'unclear'} -> {got}\n    {row['text']!r}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, help="replies in the dev set's shape (JSONL)")
    parser.add_argument("--mistakes", action="store_true", help="list each reply filed wrong")
    args = parser.parse_args(argv)
    rows = load_jsonl(args.file) if args.file else own_rows()
    results = evaluate(rows)
    print(f"{args.file or 'helper-written examples (learnt from: not a fair figure)'}")
    print(report(results))
    if args.mistakes:
        print(mistakes(results))


if __name__ == "__main__":
    main()
