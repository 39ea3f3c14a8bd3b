"""The weekly digest posts itself, once, at the programme's time; late replies come next week."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import select

from storage.models import DigestPosted, Member
from tests.conftest import SMALL_PROGRAMME

WEEKLY = SMALL_PROGRAMME + 'digest_weekly: "FRI 16:00"\nanonymity_min_replies: 1\n'
# Day one (Thursday 9 May) is asked about at 16:30 and reminded on Friday and Sunday at 16:30;
# its reply window closes a day later, on Monday 13 May, so the digest of Friday 17 May reports it.
FIRST_FRIDAY = datetime(2024, 5, 10, 15, 0, tzinfo=UTC)
FRIDAY_16_BST = datetime(2024, 5, 17, 15, 0, tzinfo=UTC)


def to_channel(harness) -> list:
    return [
        c for c in harness.api.calls_to("chat.postMessage") if c.params["channel"] == "C0DIGEST01"
    ]


def test_the_weekly_digest_posts_itself_once_at_its_time_with_the_digest_in_the_thread(harness):
    harness.load(WEEKLY)
    harness.clock.set(datetime(2024, 5, 9, 15, 30, tzinfo=UTC))
    harness.services.run_due()
    harness.reply("U0MEMBER01", "The families felt heard", "Ev1", usage="unnamed")

    harness.clock.set(FIRST_FRIDAY)
    harness.services.run_due()
    assert to_channel(harness) == []  # the day's reminders are still working: not yet
    harness.clock.set(datetime(2024, 5, 11, 9, 0, tzinfo=UTC))  # answered after a reminder
    harness.reply("U0MEMBER02", "Good tea and biscuits", "Ev2", usage="unnamed")

    harness.clock.set(FRIDAY_16_BST.replace(hour=14, minute=59))
    harness.services.run_due()
    assert to_channel(harness) == []  # a minute early

    harness.clock.set(FRIDAY_16_BST)
    harness.services.run_due()
    harness.services.run_due()  # a second sweep posts nothing more
    posted = to_channel(harness)
    summary, thread = posted[0], posted[1:]
    assert "thread_ts" not in summary.params and thread
    assert all(c.params["thread_ts"] == thread[0].params["thread_ts"] for c in thread)
    assert "2 of 4 answered" in json.dumps(summary.params["blocks"])  # Jo is in no team
    shown = json.dumps([c.params["blocks"] for c in thread])
    assert "The families felt heard" in shown
    assert "Good tea and biscuits" in shown and "arrived late" not in shown  # after a reminder
    # The thread carries the chart and the digest as a Word file, each uploaded once.
    uploads = harness.api.calls_to("file_upload")
    assert sorted((u.params["png"], u.params["docx"]) for u in uploads) == [
        (False, True), (True, False),
    ]  # fmt: skip
    shared = harness.api.calls_to("files.completeUploadExternal")
    assert {c.params["thread_ts"] for c in shared} == {thread[0].params["thread_ts"]}
    word = next(c for c in shared if c.params["files"][0]["title"].startswith("Reflections"))
    assert word.params["channel_id"] == "C0DIGEST01"
    assert "still to answer" not in json.dumps(
        [c.params for c in posted]
    )  # nobody named for not answering
    with harness.store.transaction() as session:
        rows = session.execute(
            select(DigestPosted.kind, DigestPosted.state, DigestPosted.iso_week)
        ).all()
    assert rows == [("weekly", "posted", 19)]


def test_a_bot_that_was_down_posts_when_it_comes_back_and_late_replies_come_next_week(harness):
    harness.load(WEEKLY)
    harness.clock.set(datetime(2024, 5, 9, 15, 30, tzinfo=UTC))
    harness.services.run_due()
    harness.reply("U0MEMBER01", "On time reflection", "Ev1")

    harness.clock.set(datetime(2024, 5, 19, 9, 0, tzinfo=UTC))  # down on Friday; back on Sunday
    harness.services.run_due()
    assert len([c for c in to_channel(harness) if "thread_ts" not in c.params]) == 1

    harness.clock.set(datetime(2024, 5, 20, 10, 0, tzinfo=UTC))
    with harness.store.transaction() as session:  # a late reply can't change once saved,
        kim = session.scalar(select(Member).where(Member.identities.any(external_id="U0MEMBER04")))
        kim.default_usage = "unnamed"  # so Kim's own default is what lets it be quoted
    harness.reply("U0MEMBER04", "Sorry this is late: the discharge leaflet helped", "Ev2")
    harness.api.reset()
    harness.clock.set(datetime(2024, 5, 24, 15, 0, tzinfo=UTC))
    harness.services.run_due()
    posted = to_channel(harness)
    shown = json.dumps([c.params["blocks"] for c in posted])
    assert "the discharge leaflet helped" in shown
    assert "arrived after its week" in shown and "arrived late" in shown
    assert "On time reflection" not in shown  # already in last week's digest
    with harness.store.transaction() as session:
        weeks = session.scalars(select(DigestPosted.iso_week).order_by(DigestPosted.iso_week)).all()
    assert weeks == [19, 21]  # week 21 had no day: its digest carries the late reply


def test_a_week_with_programme_days_but_no_replies_gets_a_short_note(harness):
    harness.load(WEEKLY)
    harness.clock.set(datetime(2024, 5, 9, 15, 30, tzinfo=UTC))
    harness.services.run_due()
    harness.clock.set(FRIDAY_16_BST)
    harness.services.run_due()
    posted = to_channel(harness)
    assert len(posted) == 1  # no thread under an empty week
    assert "no reflections came in" in posted[0].params["text"]


def test_two_sweeps_racing_post_the_week_once(harness):
    harness.load(WEEKLY)
    harness.clock.set(datetime(2024, 5, 9, 15, 30, tzinfo=UTC))
    harness.services.run_due()
    harness.reply("U0MEMBER01", "Something good", "Ev1")
    harness.clock.set(FRIDAY_16_BST)
    weekly = harness.services.weekly
    from bot.domain.weeks import IsoWeek

    first = weekly._claim(1, IsoWeek(2024, 19), "C0DIGEST01", FRIDAY_16_BST)
    assert first is not None
    assert weekly._claim(1, IsoWeek(2024, 19), "C0DIGEST01", FRIDAY_16_BST) is None
    assert weekly.post_due() == 0  # the week is claimed: nothing more goes out


def test_a_facilitator_can_ask_for_a_range_of_weeks(harness):
    harness.load(WEEKLY)
    harness.clock.set(datetime(2024, 5, 9, 15, 30, tzinfo=UTC))
    harness.services.run_due()
    harness.reply("U0MEMBER01", "May reflections", "Ev1", usage="named")
    harness.clock.set(datetime(2024, 11, 14, 16, 30, tzinfo=UTC))
    harness.services.run_due()
    harness.reply("U0MEMBER01", "November reflections", "Ev2", usage="named")
    harness.api.reset()
    harness.slack.command("U0FACIL001", "digest 2024-W19..2024-W46")
    harness.api.wait_for("response_url", timeout=30)
    shown = json.dumps([c.params.get("blocks") for c in harness.api.calls_to("chat.postMessage")])
    assert "May reflections" in shown and "November reflections" in shown
    assert "6 May 2024 to 17 November 2024" in shown
    too_long = harness.slack.command("U0FACIL001", "digest 2023-W01..2024-W40")
    assert "at most 53 weeks" in too_long.body
