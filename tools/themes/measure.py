"""How well themes are assigned on a labelled file, what they are mistaken for, and how fast.

    python -m tools.themes.measure                         # the held-out set, data/held_out.jsonl
    python -m tools.themes.measure --file PATH [--examples]

A file is JSON lines with at least ``text`` and ``theme``: a codebook id, or ``"emerging"`` (or
``null``) for a reply that fits no theme (``question``, ``team``, ``role`` are optional). A reply
counts as right when it gets its theme; a reply labelled emerging counts as right when it is
given no theme, which is how the digest shows it: under emerging, not forced into a theme.

It prints overall accuracy, accuracy on the replies that have a theme, the precision and recall
of "emerging" (no theme), each theme's recall and precision, and a confusion list (labelled ->
given, with a count; ``--examples`` adds the replies). The files in ``data/`` and what each may
be used for are described in ``data/README.md``.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.domain.themes import classifier
from bot.domain.themes.classifier import ThemeClassifier
from bot.domain.themes.codebook import DEFAULT_CODEBOOK
from bot.domain.themes.keywords import KeywordMatcher
from bot.domain.themes.training import training_examples

DATA = Path(__file__).with_name("data")
EVAL_PATH = DATA / "held_out.jsonl"
DEV_PATH = DATA / "themes_dev.jsonl"
EMERGING = "emerging"  # the label a file gives a reply that fits no theme
Predict = Callable[[str, str], "str | None"]


@dataclass(frozen=True)
class Labelled:
    text: str
    question: str
    theme: str | None  # None: fits no theme (labelled "emerging" or null in the file)
    team: str = ""


def load_labelled(path: Path = EVAL_PATH) -> list[Labelled]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [
        Labelled(
            r["text"],
            r.get("question") or "",
            None if r.get("theme") in (None, "", EMERGING) else r["theme"],
            r.get("team") or "",
        )
        for r in rows
    ]


def accuracy(predict: Predict, rows: Sequence[Labelled]) -> float:
    return sum(predict(r.text, r.question) == r.theme for r in rows) / len(rows)


def _name(theme: str | None) -> str:
    return theme or EMERGING


def report(predict: Predict, rows: Sequence[Labelled], *, examples: bool = False) -> str:
    """Accuracy overall, per question and on themed replies; emerging precision and recall;
    each theme's recall and precision; then the confusion list."""
    predicted = [predict(r.text, r.question) for r in rows]
    pairs = list(zip(predicted, rows, strict=True))
    hits = [p == r.theme for p, r in pairs]
    lines = [f"accuracy {sum(hits) / len(rows):.3f} on {len(rows)} replies"]
    themed = [h for h, r in zip(hits, rows, strict=True) if r.theme]
    if themed:
        lines.append(f"  accuracy on replies with a theme: {sum(themed) / len(themed):.3f} "
                     f"({len(themed)})")  # fmt: skip
    for question in sorted({r.question for r in rows} - {""}):
        mine = [h for h, r in zip(hits, rows, strict=True) if r.question == question]
        lines.append(f"  question {question}: {sum(mine) / len(mine):.3f} ({len(mine)})")
    shown = sum(p is None for p, _ in pairs)
    gold = sum(r.theme is None for r in rows)
    both = sum(p is None and r.theme is None for p, r in pairs)
    precision = both / shown if shown else 0.0
    recall = both / gold if gold else 0.0
    lines.append(
        f"  emerging (no theme): precision {precision:.3f} ({both}/{shown} shown), "
        f"recall {recall:.3f} ({both}/{gold} labelled)"
    )
    lines.append("theme                 recall  precision  mistaken for")
    ids = [
        *DEFAULT_CODEBOOK.ids,
        *sorted({r.theme for r in rows if r.theme} - set(DEFAULT_CODEBOOK.ids)),
    ]
    for theme in [*ids, None]:
        mine = [(p, r) for p, r in pairs if r.theme == theme]
        if not mine:
            continue
        chosen = [r for p, r in pairs if p == theme]
        recall = sum(p == theme for p, _ in mine) / len(mine)
        precision = sum(r.theme == theme for r in chosen) / len(chosen) if chosen else 0.0
        wrong = Counter(_name(p) for p, _ in mine if p != theme).most_common(3)
        mistaken = ", ".join(f"{t} {n}" for t, n in wrong)
        lines.append(f"{_name(theme):21s} {recall:6.2f} {precision:10.2f}  {mistaken}")
    confusions = Counter((_name(r.theme), _name(p)) for p, r in pairs if p != r.theme)
    lines.append(f"confusions (labelled -> given), {sum(confusions.values())} replies:")
    for (said, given), count in sorted(confusions.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"  {count:3d}  {said} -> {given}")
        if examples:
            for p, r in pairs:
                if (_name(r.theme), _name(p)) == (said, given):
                    lines.append(f"         {r.text}")
    return "\n".join(lines)


def throughput(predict: Predict, texts: Sequence[tuple[str, str]]) -> float:
    start = time.perf_counter()
    for text, question in texts:
        predict(text, question)
    return len(texts) / (time.perf_counter() - start)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tools.themes.measure", description=__doc__)
    parser.add_argument("path", nargs="?", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help="labelled JSON lines (default: the held-out set)")
    parser.add_argument(
        "--examples", action="store_true", help="list the replies in each confusion"
    )
    args = parser.parse_args(argv)
    path = args.file or args.path or EVAL_PATH
    rows = load_labelled(path)
    keywords = KeywordMatcher(DEFAULT_CODEBOOK)

    def only(model: classifier._Model) -> Predict:
        return lambda text, _question: model.classify(text)

    start = time.perf_counter()
    full = ThemeClassifier(DEFAULT_CODEBOOK)
    full.classify("warm up", "working")
    loaded_in = time.perf_counter() - start
    methods: list[tuple[str, Predict]] = [
        ("codebook keywords only", lambda text, _q: keywords.classify(text)),
        ("classifier on codebook words only", only(classifier.train(DEFAULT_CODEBOOK, []))),
        ("classifier as shipped", full.classify),
    ]
    print(f"{path}: {len(rows)} replies; {len(training_examples())} training replies")
    for name, predict in methods:
        print(f"  {name:45s} {accuracy(predict, rows):.3f}")
    print()
    print(report(full.classify, rows, examples=args.examples))
    texts = [(e.text, e.question) for e in training_examples()] + [
        (r.text, r.question) for r in rows
    ]
    rate = throughput(full.classify, texts)
    print()
    print(f"model ready (loaded or trained) in {loaded_in:.2f} s")
    print(f"speed: {1000 / rate:.3f} ms a reply ({rate:,.0f} replies/s over {len(texts)} replies)")
    if classifier.SHIPPED_MODEL.exists():
        print(f"shipped model: {classifier.SHIPPED_MODEL.stat().st_size / 1e6:.2f} MB gzipped")


if __name__ == "__main__":
    main()
