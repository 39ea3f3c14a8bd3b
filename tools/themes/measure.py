"""How well themes are assigned, measured on the held-out evaluation set, and how fast.

    python -m tools.themes.measure [path/to/eval.jsonl]

The evaluation set (data/held_out.jsonl) is never used for training: it was written
before the training set, in other voices, and serves only to compare methods and as the floor
of a test. Prints each method's accuracy, the classifier's per-theme figures and throughput.
"""

from __future__ import annotations

import json
import sys
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

EVAL_PATH = Path(__file__).with_name("data") / "held_out.jsonl"
Predict = Callable[[str, str], "str | None"]


@dataclass(frozen=True)
class Labelled:
    text: str
    question: str
    theme: str | None
    team: str = ""


def load_labelled(path: Path = EVAL_PATH) -> list[Labelled]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [Labelled(r["text"], r["question"], r["theme"], r.get("team", "")) for r in rows]


def accuracy(predict: Predict, rows: Sequence[Labelled]) -> float:
    return sum(predict(r.text, r.question) == r.theme for r in rows) / len(rows)


def report(predict: Predict, rows: Sequence[Labelled]) -> str:
    """Accuracy overall and per question, then each theme's recall and what it was taken for."""
    predicted = [predict(r.text, r.question) for r in rows]
    hits = [p == r.theme for p, r in zip(predicted, rows, strict=True)]
    lines = [f"accuracy {sum(hits) / len(rows):.3f} on {len(rows)} replies"]
    for question in sorted({r.question for r in rows}):
        mine = [h for h, r in zip(hits, rows, strict=True) if r.question == question]
        lines.append(f"  question {question}: {sum(mine) / len(mine):.3f} ({len(mine)})")
    themed = [h for h, r in zip(hits, rows, strict=True) if r.theme]
    lines.append(f"  replies with a theme: {sum(themed) / len(themed):.3f} ({len(themed)})")
    lines.append("theme                 recall  precision  mistaken for")
    for theme in [*DEFAULT_CODEBOOK.ids, None]:
        gold = [(p, r) for p, r in zip(predicted, rows, strict=True) if r.theme == theme]
        chosen = [r for p, r in zip(predicted, rows, strict=True) if p == theme]
        if not gold:
            continue
        recall = sum(p == theme for p, _ in gold) / len(gold)
        precision = sum(r.theme == theme for r in chosen) / len(chosen) if chosen else 0.0
        wrong = Counter(str(p) for p, _ in gold if p != theme).most_common(3)
        mistaken = ", ".join(f"{t} {n}" for t, n in wrong)
        lines.append(f"{theme or '(none)':21s} {recall:6.2f} {precision:10.2f}  {mistaken}")
    return "\n".join(lines)


def throughput(predict: Predict, texts: Sequence[tuple[str, str]]) -> float:
    start = time.perf_counter()
    for text, question in texts:
        predict(text, question)
    return len(texts) / (time.perf_counter() - start)


def main(argv: Sequence[str] = ()) -> None:
    rows = load_labelled(Path(argv[0]) if argv else EVAL_PATH)
    keywords = KeywordMatcher(DEFAULT_CODEBOOK)

    def only(model: classifier._Model) -> Predict:
        return lambda text, _question: model.classify(text)

    start = time.perf_counter()
    full = ThemeClassifier(DEFAULT_CODEBOOK)
    full.classify("warm up", "working")
    trained_in = time.perf_counter() - start
    methods: list[tuple[str, Predict]] = [
        ("codebook keywords only", lambda text, _q: keywords.classify(text)),
        ("classifier on codebook words only", only(classifier.train(DEFAULT_CODEBOOK, []))),
        (
            "classifier on training set only",
            only(classifier.train(DEFAULT_CODEBOOK, codebook_words=False)),
        ),
        ("classifier on training set + codebook words", full.classify),
    ]
    print(f"held-out evaluation set: {len(rows)} replies, {len(training_examples())} training")
    for name, predict in methods:
        print(f"  {name:45s} {accuracy(predict, rows):.3f}")
    print()
    print(report(full.classify, rows))
    texts = [(e.text, e.question) for e in training_examples()] + [
        (r.text, r.question) for r in rows
    ]
    print()
    print(f"training on first use: {trained_in:.2f} s")
    print(f"throughput: {throughput(full.classify, texts):,.0f} replies/s ({len(texts)} replies)")


if __name__ == "__main__":
    main(sys.argv[1:])
