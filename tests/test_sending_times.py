"""Nobody is messaged in quiet hours (their own time zone), at weekends, on bank holidays or
while away; a held-back prompt goes out at the next allowed moment."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.conftest import SMALL_PROGRAMME

DEFAULTS = SMALL_PROGRAMME.replace("weekends: true", "").replace("bank_holidays: none", "")
FRIDAY_EVENING = DEFAULTS.replace(
    '{name: Day one, date: 2024-05-09, ends: "16:00"}',
    '{name: Day one, date: 2024-05-24, ends: "19:45"}',
)  # Friday before the Spring bank holiday; the prompt falls at 20:15, in quiet hours


def prompted(harness) -> set[str]:
    return {c.params["channel"] for c in harness.api.calls_to("chat.postMessage")}


def test_a_prompt_due_in_quiet_hours_before_a_bank_holiday_weekend_waits_until_tuesday(harness):
    harness.load(FRIDAY_EVENING)
    for moment in (
        datetime(2024, 5, 24, 19, 15, tzinfo=UTC),  # Friday 20:15 BST: quiet hours
        datetime(2024, 5, 25, 10, 0, tzinfo=UTC),  # Saturday
        datetime(2024, 5, 27, 10, 0, tzinfo=UTC),  # Spring bank holiday Monday
        datetime(2024, 5, 28, 6, 59, tzinfo=UTC),  # Tuesday 07:59 BST
    ):
        harness.clock.set(moment)
        harness.services.run_due()
        assert prompted(harness) == set(), moment
    harness.clock.set(datetime(2024, 5, 28, 7, 0, tzinfo=UTC))  # Tuesday 08:00 BST
    harness.services.run_due()
    assert "U0MEMBER01" in prompted(harness) and len(prompted(harness)) == 5


def test_quiet_hours_are_the_member_s_own(harness):
    harness.api.users["U0MEMBER04"]["tz"] = "Asia/Tokyo"  # 15:30 UTC is 00:30 in Tokyo
    harness.load(DEFAULTS)
    harness.clock.set(datetime(2024, 5, 9, 15, 30, tzinfo=UTC))
    harness.services.run_due()
    assert "U0MEMBER04" not in prompted(harness) and "U0MEMBER01" in prompted(harness)
    harness.clock.set(datetime(2024, 5, 9, 23, 0, tzinfo=UTC))  # 08:00 in Tokyo
    harness.services.run_due()
    assert "U0MEMBER04" in prompted(harness)


def test_reminders_wait_for_the_weekend_to_pass(harness):
    harness.load(DEFAULTS)  # Day one is a Thursday: the 72-hour reminder falls on Sunday
    harness.clock.set(datetime(2024, 5, 9, 15, 30, tzinfo=UTC))
    harness.services.run_due()
    harness.api.reset()
    harness.clock.set(datetime(2024, 5, 12, 15, 30, tzinfo=UTC))  # Sunday
    harness.services.run_due()
    sent_sunday = prompted(harness)
    harness.clock.set(datetime(2024, 5, 13, 7, 0, tzinfo=UTC))  # Monday 08:00 BST
    harness.services.run_due()
    assert sent_sunday == set() and len(prompted(harness)) == 5


def test_a_member_away_gets_nothing_for_days_while_away(harness):
    harness.load(DEFAULTS)
    harness.clock.set(datetime(2024, 5, 1, 9, 0, tzinfo=UTC))
    reply = harness.slack.command("U0MEMBER01", "away 2024-05-10")
    assert "Enjoy your time away" in reply.body
    assert "last day you'll be away" in harness.slack.command("U0MEMBER02", "away soon").body
    harness.clock.set(datetime(2024, 5, 9, 15, 30, tzinfo=UTC))
    harness.services.run_due()
    assert "U0MEMBER01" not in prompted(harness) and "U0MEMBER02" in prompted(harness)
    assert "Welcome back" in harness.slack.command("U0MEMBER01", "back").body


def test_remind_me_later_sends_one_reminder_a_few_hours_on(harness):
    deliveries = harness.prompt_day_one()
    harness.api.reset()
    harness.slack.action("U0MEMBER01", "copro_snooze", deliveries["U0MEMBER01"])
    harness.api.wait_for(
        "chat.postMessage", where=lambda c: "remind you in a few hours" in c.params["text"]
    )
    harness.api.reset()
    harness.clock.advance(hours=2, minutes=59)
    harness.services.run_due()
    assert prompted(harness) == set()
    harness.clock.advance(minutes=1)
    harness.services.run_due()
    harness.services.run_due()
    reminders = harness.api.calls_to("chat.postMessage")
    assert [c.params["channel"] for c in reminders] == ["U0MEMBER01"]
    assert "gentle reminder" in reminders[0].params["text"]

    harness.reply("U0MEMBER02", "All good", "EvSnooze")
    harness.slack.action("U0MEMBER02", "copro_snooze", deliveries["U0MEMBER02"])
    harness.api.wait_for(
        "chat.postMessage", where=lambda c: "nothing to snooze" in c.params["text"]
    )
