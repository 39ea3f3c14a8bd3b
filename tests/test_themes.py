"""Themes: replies land in the right codebook theme, offline, with nothing beyond the stdlib.

The accuracy floor is checked on tools/themes/data/held_out.jsonl, a held-out set written before
the training set and never trained on (``python -m tools.themes.measure`` prints the
figures; measured 0.868 when the floor was set). The development set, replies by a separate
author who saw only the theme names, is part of the training set; its floor is measured with it
left out, and is tuning data all the same: the thesaurus was extended looking at its confusions
(tools/themes/data/README.md).
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.domain.themes import (
    DEFAULT_CODEBOOK,
    CodebookError,
    ThemeClassifier,
    codebook_from_spec,
    codebook_version,
    emerging_themes,
    representative,
    summarise,
)
from bot.domain.themes.classifier import train
from bot.domain.themes.keywords import KeywordMatcher
from bot.domain.themes.quotes import _stems, shorten
from bot.domain.themes.training import PATH as TRAINING_PATH
from bot.domain.themes.training import training_examples
from tools.themes import make_training, measure
from tools.themes.crossval import AFTER_DEV
from tools.themes.measure import DEV_PATH, accuracy, load_labelled, report

ROOT = Path(__file__).resolve().parents[1]
THEMES = ROOT / "bot" / "domain" / "themes"
FLOOR = 0.82  # measured 0.868 on the held-out set
QUESTION_FLOORS = {"change": 0.85, "working": 0.78}  # measured 0.892 and 0.841
# On the development set, trained without it (and without the voices written after reading it):
# measured 0.808, on tuning data (see the module docstring).
DEV_FLOOR = 0.77

EVAL = load_labelled()


@pytest.fixture(scope="module")
def classifier() -> ThemeClassifier:
    return ThemeClassifier(DEFAULT_CODEBOOK)


def spec_of(codebook) -> list[dict]:
    return [{"id": t.id, "name": t.name, "words": list(t.words)} for t in codebook]


# -- accuracy on the held-out set -----------------------------------------------------------


def test_held_out_replies_land_in_the_right_theme_at_least_at_the_floor(classifier):
    measured = accuracy(classifier.classify, EVAL)
    assert measured >= FLOOR, f"{measured:.3f} < {FLOOR}\n{report(classifier.classify, EVAL)}"


@pytest.mark.parametrize("question", sorted(QUESTION_FLOORS))
def test_each_question_is_themed_well_on_its_own(classifier, question):
    rows = [r for r in EVAL if r.question == question]
    measured = accuracy(classifier.classify, rows)
    assert measured >= QUESTION_FLOORS[question], report(classifier.classify, rows)


def test_replies_by_an_author_who_never_saw_the_codebook_find_their_theme():
    """Trained without the development set, measured on it: the nearest thing to a blind round."""
    kept = [e for e in training_examples() if e.source not in ("dev", AFTER_DEV)]
    assert len(kept) < len(training_examples())
    model = train(DEFAULT_CODEBOOK, kept)
    dev = load_labelled(DEV_PATH)
    measured = accuracy(lambda text, _q: model.classify(text), dev)
    assert measured >= DEV_FLOOR, report(lambda text, _q: model.classify(text), dev)


def test_the_development_set_has_every_theme_and_replies_that_fit_none():
    dev = load_labelled(DEV_PATH)
    assert len(dev) == 260
    assert {r.theme for r in dev} == {*DEFAULT_CODEBOOK.ids, None}
    assert sum(r.theme is None for r in dev) == 20
    assert sum(e.source == "dev" for e in training_examples()) == len(dev)


def test_measure_reports_accuracy_emerging_and_confusions_for_any_labelled_file(tmp_path, capsys):
    path = tmp_path / "round.jsonl"
    rows = [
        {"text": "My manager backed the project", "theme": "buy-in", "question": "working"},
        {"text": "We still haven't been paid our expenses", "theme": "funding"},
        {"text": "The biscuits ran out by eleven", "theme": "emerging", "question": "change"},
        {"text": "Easy read papers before the session", "theme": "networks"},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    measure.main(["--file", str(path), "--examples"])
    shown = capsys.readouterr().out
    assert "accuracy 0.750 on 4 replies" in shown
    assert "accuracy on replies with a theme: 0.667 (3)" in shown
    assert "emerging (no theme): precision 1.000 (1/1 shown), recall 1.000 (1/1 labelled)" in shown
    assert "confusions (labelled -> given), 1 replies:" in shown
    assert "    1  networks -> accessibility" in shown
    assert "Easy read papers before the session" in shown
    assert "ms a reply" in shown


def test_the_evaluation_set_is_varied_enough_to_mean_something():
    assert len(EVAL) >= 150
    assert {r.question for r in EVAL} == {"working", "change"}
    assert len({r.team for r in EVAL}) >= 6
    assert {r.theme for r in EVAL} == {*DEFAULT_CODEBOOK.ids, None}


def test_the_classifier_does_far_better_than_codebook_keywords(classifier):
    keywords = KeywordMatcher(DEFAULT_CODEBOOK)
    baseline = accuracy(lambda text, _q: keywords.classify(text), EVAL)
    assert accuracy(classifier.classify, EVAL) > baseline + 0.2


# -- training and evaluation sets stay apart ------------------------------------------------


def test_no_evaluation_reply_is_in_the_training_set():
    def key(text: str) -> str:
        return " ".join(text.lower().split())

    trained = {key(e.text) for e in training_examples()}
    assert not [r.text for r in EVAL if key(r.text) in trained]
    # Nor a near copy: no substantial reply shares 80% of its content words with a training one.
    training_stems = [_stems(e.text) for e in training_examples()]
    for row in EVAL:
        mine = _stems(row.text)
        if len(mine) >= 4:
            closest = max(len(mine & s) / len(mine | s) for s in training_stems)
            assert closest < 0.8, row.text


def test_the_shipped_training_set_is_what_the_generator_makes():
    shipped = TRAINING_PATH.read_text(encoding="utf-8")
    assert shipped == make_training.render(make_training.training_rows()), (
        "run: python -m tools.themes.train"
    )


def test_the_training_set_is_large_and_covers_every_theme_under_both_questions():
    examples = training_examples()
    assert len(examples) >= 1000
    pairs = {(e.theme, e.question) for e in examples}
    for theme_id in DEFAULT_CODEBOOK.ids:
        assert {(theme_id, "working"), (theme_id, "change")} <= pairs
    assert sum(e.written for e in examples) >= 150


# -- behaviour ------------------------------------------------------------------------------


def test_a_theme_is_the_same_whether_people_praise_it_or_ask_for_it(classifier):
    for text in (
        "Managers backing the project",
        "Being paid for our time",
        "Easy read papers and an interpreter",
    ):
        assert classifier.classify(text, "working") == classifier.classify(text, "change")
    assert classifier.classify("My manager let me come and backed the project", "working") == (
        "buy-in"
    )
    assert classifier.classify("My manager needs to back the project", "change") == "buy-in"


def test_a_question_the_programme_added_is_accepted(classifier):
    assert classifier.classify("We still haven't been paid our expenses", "anything-else") == (
        "funding"
    )


def test_replies_with_nothing_to_theme_get_no_theme(classifier):
    for text in ("", "   ", "n/a", "nothing this week", "The cake was lovely", "?!"):
        assert classifier.classify(text, "working") is None, text
    # The day's logistics are not a theme: they are read for what is emerging.
    for text in (
        "The heating was broken so we kept our coats on",
        "Could someone check the projector works before we start",
        "The car park barrier was stuck again",
    ):
        assert classifier.classify(text, "change") is None, text


def test_classify_many_keeps_the_order_of_the_replies(classifier):
    replies = [
        ("The venue had no step-free access", "change"),
        ("nothing", "working"),
        ("Senior leaders need to back this", "change"),
    ]
    assert classifier.classify_many(replies) == [
        classifier.classify(text, question) for text, question in replies
    ]
    assert classifier.classify_many([]) == []


def test_assignment_is_deterministic_across_classifiers_and_processes(classifier):
    texts = [(r.text, r.question) for r in EVAL]
    here = classifier.classify_many(texts)
    assert (
        ThemeClassifier(codebook_from_spec(spec_of(DEFAULT_CODEBOOK))).classify_many(texts) == here
    )
    script = (
        "import json, sys\n"
        "from bot.domain.themes import ThemeClassifier\n"
        "print(json.dumps(ThemeClassifier().classify_many(json.load(sys.stdin))))\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    elsewhere = subprocess.run(
        [sys.executable, "-c", script],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=True,
    )
    assert json.loads(elsewhere.stdout) == here


def test_summaries_count_and_quote_each_question_separately():
    working = [
        ("My manager backed the project and came to the session", "buy-in"),
        ("The service lead signed off the new leaflet", "buy-in"),
        ("Good to meet the carers centre", "networks"),
    ]
    change = [
        ("We need protected time, the ward is short staffed", "time-capacity"),
        ("Too busy on the ward to come", "time-capacity"),
        ("Senior leaders still don't take it seriously", "buy-in"),
        ("The car park was full again", None),
        ("Parking at the car park was impossible", None),
        ("An old theme this codebook no longer has", "waiting-times"),
    ]
    mine = summarise(working, DEFAULT_CODEBOOK)
    assert [(s.theme_id, s.count) for s in mine.themes] == [("buy-in", 2), ("networks", 1)]
    assert mine.themes[0].name == "Service buy-in and support from managers"
    assert len(mine.themes[0].quotes) == 2 and mine.unthemed == 0 and mine.emerging == ()
    theirs = summarise(change, DEFAULT_CODEBOOK, quotes=1)
    assert [(s.theme_id, s.count) for s in theirs.themes] == [("time-capacity", 2), ("buy-in", 1)]
    assert all(len(s.quotes) == 1 for s in theirs.themes)
    assert theirs.unthemed == 3
    assert [(e.label, e.count) for e in theirs.emerging] == [("car park", 2)]


# -- the codebook ---------------------------------------------------------------------------


def test_the_default_codebook_has_the_programme_themes_and_the_coproduction_values():
    assert DEFAULT_CODEBOOK.ids == (
        "right-people", "buy-in", "time-capacity", "system-change", "funding", "accessibility",
        "relationships-trust", "assets", "catalysts", "mutuality", "blurring-roles", "networks",
    )  # fmt: skip
    assert all(theme.words for theme in DEFAULT_CODEBOOK)


def test_a_spec_without_ids_gets_them_from_the_names():
    codebook = codebook_from_spec([{"name": "Waiting times", "words": ["waiting", "delays"]}])
    assert codebook.ids == ("waiting-times",)
    assert codebook.get("waiting-times").words == ("waiting", "delays")


@pytest.mark.parametrize(
    ("spec", "says"),
    [
        ({"name": "x"}, "themes must be a list"),
        ([], "themes must be a list"),
        ([{"name": "Ok", "words": ["a"]}, "Waiting"], "theme 2 should be a mapping"),
        ([{"words": ["a"]}], "theme 1: needs a name"),
        ([{"name": "  ", "words": ["a"]}], "theme 1: needs a name"),
        ([{"name": "Waiting", "words": "waiting, delays"}], "theme 1 ('Waiting'): words should be"),
        ([{"name": "Waiting"}], "theme 1 ('Waiting'): words should be a list"),
        ([{"name": "Waiting", "words": ["ok", ""]}], "none of them empty"),
        ([{"name": "Waiting", "words": [3]}], "theme 1 ('Waiting'): words should be a list"),
        ([{"name": "Waiting", "words": ["a"], "id": "Waiting Times"}], "id 'Waiting Times'"),
        (
            [{"name": "Waiting", "words": ["a"]}, {"name": "waiting!", "words": ["b"]}],
            "theme 2 ('waiting!'): id 'waiting' is already used by theme 1 ('Waiting')",
        ),
        ([{"name": "Waiting", "words": ["a"], "colour": "red"}], "unknown key colour"),
    ],
)
def test_a_bad_codebook_spec_is_refused_naming_the_entry(spec, says):
    with pytest.raises(ValueError) as caught:
        codebook_from_spec(spec)
    assert isinstance(caught.value, CodebookError)
    assert says in str(caught.value)


def test_every_problem_in_a_spec_is_reported_at_once():
    with pytest.raises(CodebookError) as caught:
        codebook_from_spec([{"name": "A"}, {"words": ["b"]}, {"name": "C", "words": ["c"]}])
    assert len(caught.value.problems) == 2


def test_a_programme_theme_works_from_its_words_alone():
    food = {"name": "Food and drink", "words": ["food", "lunch", "snacks", "tea and coffee"]}
    classifier = ThemeClassifier(codebook_from_spec([*spec_of(DEFAULT_CODEBOOK), food]))
    assert classifier.classify("The food was great", "working") == "food-and-drink"
    assert classifier.classify("more snacks please", "change") == "food-and-drink"
    # The themes it was added to still work.
    assert classifier.classify("My manager won't let me come", "change") == "buy-in"


def test_a_codebook_of_the_programme_s_own_themes_only():
    classifier = ThemeClassifier(
        codebook_from_spec(
            [
                {"name": "Waiting times", "words": ["waiting", "delays", "queue"]},
                {"name": "Communication", "words": ["letters", "phone calls", "information"]},
            ]
        )
    )
    assert classifier.classify("We waited three hours in the queue", "change") == "waiting-times"
    assert classifier.classify("No letter, no phone call, nothing", "change") == "communication"
    # A default theme left out of the codebook is not forced into another theme.
    assert classifier.classify("I still haven't been paid my expenses", "change") is None


def test_the_codebook_version_changes_with_the_codebook_and_only_then():
    same = codebook_from_spec(spec_of(DEFAULT_CODEBOOK))
    assert codebook_version(same) == codebook_version(DEFAULT_CODEBOOK)
    assert ThemeClassifier(same).version == codebook_version(DEFAULT_CODEBOOK)
    changed = spec_of(DEFAULT_CODEBOOK)
    changed[2]["words"] = [*changed[2]["words"], "annual leave"]
    assert codebook_version(codebook_from_spec(changed)) != codebook_version(DEFAULT_CODEBOOK)
    assert len(codebook_version(DEFAULT_CODEBOOK)) == 16


# -- emerging themes and quotes -------------------------------------------------------------


def test_emerging_themes_are_what_several_people_say_that_no_theme_covers():
    unthemed = [
        "The car park was full again and I was late",
        "Couldn't find a space in the car park",
        "car park is a nightmare on clinic days",
        "The room was far too hot",
        "Really hot in that room, the windows wouldn't open",
        "Loved the cake",
        "nothing to add",
    ]
    found = emerging_themes(unthemed)
    assert [(e.label, e.count) for e in found] == [("car park", 3), ("hot", 2)]
    assert all(1 <= len(e.examples) <= 2 and set(e.examples) <= set(unthemed) for e in found)
    assert emerging_themes(unthemed, min_count=3) == found[:1]
    assert emerging_themes(unthemed, limit=1) == found[:1]


def test_stop_words_and_words_everyone_uses_never_emerge():
    unthemed = ["It was a good session", "a good session today", "The session was good"]
    assert emerging_themes(unthemed) == []
    assert emerging_themes([]) == []


def test_representative_quotes_are_central_distinct_and_readable():
    texts = [
        "ok",
        "My manager backed the project this month and it really helped us",
        "My manager backed the project this month and it really helped us",
        "Manager support was great and the project moved on",
        "The weather was nice",
    ]
    quotes = representative(texts, k=2)
    assert quotes == [
        "My manager backed the project this month and it really helped us",
        "Manager support was great and the project moved on",
    ]
    assert representative(texts, k=1) == quotes[:1]
    assert representative([], k=2) == []
    assert representative(["only one"], k=2) == ["only one"]


def test_a_long_quote_is_shortened_between_words_never_inside_one():
    long = "Honestly " + "the discharge letters were confusing and " * 12 + "late."
    (quote,) = representative([long], k=1)
    assert len(quote) <= 240 and quote.endswith("\u2026")
    assert long.startswith(quote[:-1])
    assert long[len(quote) - 1] == " "  # the cut fell on a space
    two = "This is the first sentence and it is long enough. " + "More words here " * 20
    assert shorten(two, 80) == "This is the first sentence and it is long enough."


# -- the light default ----------------------------------------------------------------------


def test_the_themes_package_needs_nothing_beyond_the_standard_library():
    outside = []
    for path in sorted(THEMES.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and name.split(".")[:3] != [
                    "bot", "domain", "themes"
                ]:  # fmt: skip
                    outside.append(f"{path.name}: {name}")
    assert outside == []
