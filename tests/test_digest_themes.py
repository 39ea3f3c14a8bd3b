"""Themes in the store and the digest: assigned on arrival, re-assigned when the codebook
changes, trends against the week before, and what a realistic week's digest looks like."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from bot.domain.digest import build_digest
from bot.domain.programme_file import parse_programme
from bot.domain.themes import ThemeClassifier
from bot.domain.theming import retheme_stale
from bot.domain.weeks import IsoWeek
from handlers.slack.digest_blocks import digest_messages, summary_message
from handlers.slack.sandbox.transcript import Transcript
from storage.models import Answer
from tests.conftest import EXAMPLE, SMALL_PROGRAMME, load_consented

GOLDEN = Path(__file__).parent / "golden" / "digest_realistic_week.txt"


def test_an_answer_gets_its_theme_when_it_arrives(harness):
    ThemeClassifier().classify("ready")  # a running bot's model is trained in its first minute
    harness.prompt_day_one()
    harness.reply(
        "U0MEMBER02",
        "There is no protected time to attend, the ward is short staffed",
        "Ev1",
    )
    with harness.store.transaction() as session:
        theme, version = session.execute(select(Answer.theme, Answer.theme_version)).one()
    assert theme == "time-capacity" and version


def test_a_changed_codebook_re_themes_earlier_answers(harness):
    harness.prompt_day_one()
    harness.reply("U0MEMBER02", "The waiting room queue was shorter this time", "Ev1")
    own = (
        SMALL_PROGRAMME
        + "themes:\n  - {name: Waiting times, words: [waiting, queue, wait, delays]}\n"
    )
    load_consented(harness.store, harness.clock, parse_programme(own))
    assert retheme_stale(harness.store) == 1
    with harness.store.transaction() as session:
        assert session.scalar(select(Answer.theme)) == "waiting-times"
    assert retheme_stale(harness.store) == 0  # nothing stale left


def test_trends_compare_with_the_week_before_and_count_voices(harness):
    programme = SMALL_PROGRAMME.replace(
        "{slack: U0MEMBER01, name: Sam}", "{slack: U0MEMBER01, name: Sam, role: patient}"
    ).replace("{slack: U0MEMBER02, name: Ali}", "{slack: U0MEMBER02, name: Ali, role: staff}")
    programme = programme.replace(
        '  - {name: Day two, date: 2024-11-14, ends: "16:00"}',
        '  - {name: Day two, date: 2024-05-16, ends: "16:00"}',
    )
    # Kim's team of one would be given away by the programme's rate less the other team's, so
    # the rate is shown here only because this programme allows groups of one.
    harness.load(programme + "anonymity_min_replies: 1\n")
    harness.clock.set(datetime(2024, 5, 9, 15, 30, tzinfo=UTC))
    harness.services.run_due()
    harness.reply("U0MEMBER01", "Staff have no time to attend", "Ev1")
    harness.clock.set(datetime(2024, 5, 16, 15, 30, tzinfo=UTC))
    harness.services.run_due()
    for n, user in enumerate(["U0MEMBER01", "U0MEMBER02", "U0MEMBER04"]):
        harness.reply(
            user, "There is never enough time or capacity; diaries are full", f"Ev{n + 2}"
        )
    digest = build_digest(harness.store, programme_id=1, week=IsoWeek(2024, 20))
    trends = digest.trends
    assert (trends.previous_answered, trends.previous_prompted) == (1, 4)  # Jo: no team
    assert digest.answered == 3
    assert [m.theme_id for m in trends.rising] == ["time-capacity"]
    assert trends.voices == {"patients and carers": 1, "staff": 1, "role not recorded": 1}
    shown = json.dumps(summary_message(digest))
    assert "25% the week before" in shown and "Rising: Time and capacity" in shown


# Who said what, and how they let their words be used (None: a second message, same choice).
REALISTIC_WEEK = [
    (
        "U0T1M01X",
        "The families told us the new play corner makes the wait much less stressful",
        "named",
    ),
    ("U0T1M01X", "We still need evening sessions so working parents can come", None),
    ("U0T1M02X", "Having a parent co-chair the meeting changed the whole tone of it", "unnamed"),
    (
        "U0T1M03X",
        "Honestly the managers don't give us protected time, I came in on my day off",
        "themes_only",
    ),
    ("U0T2M01X", "Peer support workers make people feel welcome from the first minute", "named"),
    ("U0T2M02X", "Same confident voices every time, we need to reach young carers", "unnamed"),
    ("U0T2M03X", "Being paid for our time made me feel like a real expert", "named"),
    ("U0T3M01X", "Easy read papers before the session would help a lot", "unnamed"),
    ("U0T4M01X", "The discharge letters are still full of jargon <!channel>", "named"),
]


def test_a_realistic_week_renders_as_the_golden_digest(harness):
    """The digest a facilitator would forward, rendered as Slack shows it, checked line by line.
    Set COPRO_UPDATE_GOLDEN=1 to rewrite the golden file after a deliberate change."""
    harness.load(EXAMPLE.read_text())
    harness.clock.set(datetime(2024, 5, 9, 15, 30, tzinfo=UTC))
    for user in {u for u, _, _ in REALISTIC_WEEK}:
        harness.api.add_user(user, real_name=f"Member {user[3:6]}")
    harness.services.run_due()
    for n, (user, text, usage) in enumerate(REALISTIC_WEEK):
        harness.reply(user, text, f"EvG{n}", usage=usage)
    digest = build_digest(harness.store, programme_id=1, week=IsoWeek(2024, 19))
    lines: list[str] = []
    transcript = Transcript(harness.api, lines.append)
    for message in [summary_message(digest), *digest_messages(digest)]:
        lines += ["=" * 20, *transcript.blocks(message["blocks"])]
    rendered = "\n".join(lines) + "\n"
    if os.environ.get("COPRO_UPDATE_GOLDEN") or not GOLDEN.exists():
        GOLDEN.write_text(rendered)
    assert rendered == GOLDEN.read_text()
    assert "<!channel>" in rendered  # shown as text: escaped in Slack, unescaped for reading


def test_an_answer_saved_before_the_model_is_ready_is_themed_at_the_next_sweep(
    harness, monkeypatch
):
    import bot.domain.theming as theming

    harness.prompt_day_one()
    with monkeypatch.context() as cold:
        cold.setattr(theming, "is_trained", lambda codebook: False)  # as in a bot's first second
        cold.setattr(theming, "warm_up", lambda codebook: None)
        harness.reply("U0MEMBER02", "There is no protected time for staff to attend", "EvCold")
    with harness.store.transaction() as session:
        assert session.scalar(select(Answer.theme_version)) is None  # the ack did not wait
    harness.services.run_due()
    with harness.store.transaction() as session:
        assert session.scalar(select(Answer.theme)) == "time-capacity"
