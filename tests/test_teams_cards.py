"""Every Adaptive Card the bot can send fits the 1.5 schema (tests/adaptive_cards.py), fits
in a Teams message, has a plain-text fallback, reads easily, and shows a member's words
literally."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from bot.domain import usage
from bot.domain.home import PastReply
from bot.domain.messenger import ReminderMessage
from bot.domain.replies import AnswerForm
from bot.domain.status import DayStatus, TeamStatus
from handlers.teams import cards, digest_cards, safeguarding_cards
from handlers.teams.feedback import FACILITATOR_HELP, HELP, SORRY
from handlers.teams.files import DECLINED, EXPIRED, FAILED
from handlers.teams.text import escape
from handlers.teams.turns import NOT_IN_PROGRAMME, ONLY_IN_CHAT
from tests.adaptive_cards import TEAMS_MAX_BYTES, problems
from tests.teams_harness import card_text
from tests.test_plain_language import (
    CHECK_IN,
    EVERYTHING,
    FLOOR,
    NAMED_WORDING,
    PROMPT,
    WORDING,
    readable,
)

FORM = AnswerForm(1, "Day one", PROMPT.questions, {"working": "It works"}, usage.MOST_PRIVATE)
STATUS = [DayStatus("Day one", "2024-05-09", [TeamStatus("Team", ["Ali"], 1, 1, 1)])]
CARDS = {
    "consent": cards.consent(WORDING),
    "consent, leads and contact named": cards.consent(NAMED_WORDING),
    "a lead's kind check-in": safeguarding_cards.check_in(CHECK_IN),
    "consent again": cards.consent(WORDING, note="The words have changed."),
    "prompt": cards.prompt(PROMPT),
    "reminder": cards.reminder(ReminderMessage(1, "Day one", 0, False)),
    "last reminder": cards.reminder(ReminderMessage(1, "Day one", 1, True)),
    "skipped": cards.skipped("Day one"),
    "form": cards.form(FORM),
    "form with a problem": cards.form(FORM, problem="Please choose one.", about_usage=True),
    "forget-me": cards.forget_me(),
    "my answers": cards.my_answers(EVERYTHING),
    "my answers, none": cards.my_answers(replace(EVERYTHING, past_replies=())),
    "my answers, not a member": cards.my_answers(replace(EVERYTHING, member=False)),
    "my answers, final": cards.my_answers(
        replace(
            EVERYTHING,
            past_replies=(
                PastReply(
                    2,
                    "Day one",
                    date(2024, 5, 9),
                    (("What is working?", "It"),),
                    usage.NAMED,
                    changeable=False,
                ),
            ),
        )
    ),  # fmt: skip
    "status": digest_cards.status("P", STATUS),
    "status, unreachable": digest_cards.status("P", STATUS, ("Max", "sam@example.org")),
    "status, nothing yet": digest_cards.status("P", []),
    "consent answered": cards.notice(cards.consent_answered(True)),
    "consent declined": cards.notice(cards.consent_answered(False)),
}
for choice in usage.CHOICES:
    CARDS[f"answered, {choice}"] = cards.answered("Day one", 1, usage=choice)
    CARDS[f"thanks, {choice}"] = cards.thanks(
        1, choice, question="What is working?", next_question="What could change?"
    )
    CARDS[f"usage changed, {choice}"] = cards.usage_changed(1, choice)
PLAIN = {
    "help": HELP, "facilitator help": FACILITATOR_HELP, "sorry": SORRY, "declined": DECLINED,
    "expired": EXPIRED, "failed": FAILED, "not in a programme": NOT_IN_PROGRAMME,
    "only in chat": ONLY_IN_CHAT,
}  # fmt: skip


def texts_of(card: dict) -> list[str]:
    found = [card["fallbackText"]]

    def walk(node):
        if isinstance(node, dict):
            if node.get("type") == "TextBlock":
                found.append(node["text"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(card["body"])
    return found


@pytest.mark.parametrize("name", sorted(CARDS))
def test_every_card_fits_the_schema_and_a_teams_message_and_reads_easily(name):
    card = CARDS[name]
    assert problems(card) == []
    assert len(json.dumps(card).encode()) < TEAMS_MAX_BYTES
    for text in texts_of(card):
        assert readable(text) >= FLOOR, (name, text)


@pytest.mark.parametrize("name", sorted(PLAIN))
def test_teams_notices_read_easily(name):
    assert readable(PLAIN[name]) >= FLOOR, (name, PLAIN[name])


def test_the_validator_catches_what_teams_would_refuse():
    broken = cards.prompt(PROMPT)
    broken["version"] = "1.6"
    broken["body"].append({"type": "Input.Date", "id": "when"})
    broken["actions"].append({"type": "Action.Execute", "title": "No verb"})
    broken["body"][0]["weight"] = "Heavy"
    assert len(problems(broken)) == 4


def test_a_members_words_are_shown_literally_never_as_links_or_mentions():
    sneaky = "See [this](https://evil.example) <at>Everyone</at> **now**\n# Big"
    card = cards.thanks(1, usage.NAMED, question=sneaky, next_question=None)
    shown = card_text(card)
    assert "[this](" not in shown and "<at>" not in shown and "**now**" not in shown
    assert escape(sneaky) in shown


def test_the_digest_splits_into_cards_that_each_fit_a_teams_message():
    from bot.domain.digest import Digest, QuestionSection, Quote, TeamDigest, ThemeGroup
    from bot.domain.weeks import IsoWeek

    quotes = [Quote("word " * 100, "Ali") for _ in range(400)]
    section = QuestionSection(
        "working", "What is working", quotes, [ThemeGroup("t", "Theme", 400, quotes)]
    )
    digest = Digest(
        "P", IsoWeek(2024, 19), ["Day one"], [TeamDigest("Team", "Aim", 10, 5, 0, [section])]
    )
    parts = digest_cards.full(digest)
    assert 1 < len(parts) <= digest_cards.MAX_CARDS
    for part in parts:
        assert problems(part) == [] and len(json.dumps(part).encode()) < TEAMS_MAX_BYTES
    assert "too long for one Teams thread" in card_text(parts[-1])
