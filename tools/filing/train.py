"""``python -m tools.filing.train``: retrain the filer's intent model and save what ships.

Run it whenever the examples in ``data/``, the themes' replies it also learns from, the
features or the settings change; tests/test_filing.py fails until you do. Seeded, so with
nothing changed it writes the same bytes again.

What it learns from, each row a clause and the intent of the question it answers
(``bot.domain.filing.questions``): the themes' training set and held-out set (every reply
there answers "What is working?" or "What could change?"), and the helper-written examples
(``data/own_*.txt``), whose two-part replies give one row per part.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

from bot.domain.filing import model as intent_model
from bot.domain.filing.boundary import boundary_features
from bot.domain.filing.clauses import clauses
from bot.domain.filing.filer import SHORT_REPLY
from bot.domain.filing.questions import CHANGE, PRAISE, WORRY, intents_of
from bot.domain.themes.training import PATH as THEMES_TRAINING
from tools.filing.labelled import load_jsonl, own_rows, words_of
from tools.filing.sets import DATA, all_sets

ROOT = Path(__file__).resolve().parents[2]
THEMES_HELD_OUT = ROOT / "tools" / "themes" / "data" / "held_out.jsonl"
THEMES_WEIGHT = 0.5  # composed replies, many alike: each counts for half of a written one
OTHER_AUTHOR = 1.0  # a reply by another author, freely worded, against one of the helper's
WORRY_AS_CHANGE = 0.5  # a worry is a wish for things to go otherwise
DEFAULT = dict(all_sets()["default"])
DEV = ROOT / "tools" / "filing" / "data" / "filing_dev.jsonl"
# Blind rounds already run and read: training data now. Round 9 is held out (never here).
READ_ROUNDS = (1, 2, 3, 4, 5, 6, 7, 8)


def intent_of(question_text: str) -> str | None:
    """The one intent a question asks for; None when it names none or several."""
    named = intents_of(question_text)
    return next(iter(named)) if len(named) == 1 else None


def themes_rows() -> list[tuple[str, str, float]]:
    """(text, intent, weight) from the themes' replies that have a theme."""
    rows = []
    for path in (THEMES_TRAINING, THEMES_HELD_OUT):
        for row in load_jsonl(path):
            if row["theme"] is None:
                continue  # fillers ('the room was nice'), asked under either question at random
            rows.append((row["text"], intent_of(DEFAULT[row["question"]]), THEMES_WEIGHT))
    return rows


def labelled_rows(examples: Iterable[dict]) -> list[tuple[str, str, float]]:
    """(text, intent, weight) from replies labelled in the dev set's shape: a part each when
    a reply answers several questions."""
    sets = all_sets()
    rows = []
    for example in examples:
        questions = dict(sets[example["set"]])
        answers = example["answers"]
        pieces = (
            [(example["parts"][qid], qid) for qid in answers]
            if len(answers) > 1
            else [(example["text"], answers[0])]
            if answers
            else []
        )
        for words, qid in pieces:
            intent = intent_of(questions[qid])
            if intent:
                rows.append((words, intent, example.get("weight", 1.0)))
    return rows


def boundary_rows(examples: Iterable[dict]) -> list[tuple[list[str], bool, float]]:
    """(features of a join, a new answer?, weight) for each join between clauses of the
    labelled replies: a new answer where the labels' parts change question."""
    rows = []
    for example in examples:
        answers = example["answers"]
        if not answers:
            continue
        found = clauses(example["text"])
        owners = [_owner(c.words, example) for c in found]
        for i in range(1, len(found)):
            if owners[i] is None or owners[i - 1] is None:
                continue
            feats = boundary_features(found[i - 1], found[i], example["text"])
            rows.append((feats, owners[i] != owners[i - 1], example.get("weight", 1.0)))
    return rows


def _owner(words: str, example: dict) -> str | None:
    """The question a clause answers by the labels: the part sharing most of its words."""
    answers = example["answers"]
    if len(answers) == 1:
        return answers[0]
    mine = words_of(words)
    shared = {qid: sum((mine & words_of(example["parts"][qid])).values()) for qid in answers}
    best = max(shared, key=shared.get)
    return best if shared[best] > 0 else None


def training_rows(examples: Sequence[dict] | None = None):
    """What each of the model's judgements learns from: (polarity rows, aspect rows, boundary
    rows, unclear rows). ``examples``: the labelled replies (by default every source, ``sources()``)."""
    if examples is None:
        examples = [row for rows in sources().values() for row in rows]
    own = labelled_rows(examples)
    polarity = [(t, i == PRAISE, w) for t, i, w in themes_rows() + own if i in (PRAISE, CHANGE)]
    polarity += [(t, False, WORRY_AS_CHANGE) for t, i, _ in own if i == WORRY]
    aspects = {a: [(t, i == a, w) for t, i, w in own] for a in intent_model.ASPECTS}
    unclear = [(e["text"], not e["answers"], e.get("weight", 1.0)) for e in examples
               if len(e["text"].split()) <= SHORT_REPLY]  # fmt: skip
    return polarity, aspects, boundary_rows(examples), unclear


def blind_round(number: int) -> Path:
    return ROOT / "tools" / "filing" / "data" / f"filing_blind_round{number}.jsonl"


def sources() -> dict[str, list[dict]]:
    """The labelled replies by who wrote them: the helper-written examples, the dev set and
    the blind rounds already run (each by another author; see data/README.md)."""
    return {
        "own": own_rows(),
        "dev": [dict(r, weight=OTHER_AUTHOR) for r in load_jsonl(DEV)],
        **{
            f"blind{n}": [dict(r, weight=OTHER_AUTHOR) for r in load_jsonl(blind_round(n))]
            for n in READ_ROUNDS
        },
        "written": [
            dict(r, weight=OTHER_AUTHOR)
            for path in sorted(DATA.glob("written_*.jsonl"))
            for r in load_jsonl(path)
        ],
    }


def version(rows: Sequence[tuple[str, str, float]]) -> str:
    """Changes whenever the rows, the settings or the features do."""
    digest = hashlib.sha256()
    digest.update(repr(intent_model.SETTINGS).encode())
    for name in ("text.py", "lexicon.py", "boundary.py"):
        digest.update(Path(intent_model.__file__).with_name(name).read_bytes())
    digest.update(json.dumps(rows).encode())
    return digest.hexdigest()[:16]


def write_shipped_model(path: Path = intent_model.SHIPPED) -> Path:
    rows = training_rows()
    path.write_bytes(intent_model.to_bytes(intent_model.train(*rows), version(rows)))
    return path


def main() -> None:
    print(f"wrote {write_shipped_model()}")


if __name__ == "__main__":
    main()
