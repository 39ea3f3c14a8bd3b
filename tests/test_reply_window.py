"""A reply window never closes before the reminders that ask for it (bot/domain/reply_window.py)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bot.domain.reply_window import weeks_due, windows_of
from bot.domain.weekly import latest_slot
from bot.domain.weeks import IsoWeek
from storage import queries

EXAMPLE = Path(__file__).parents[1] / "examples" / "programme.yaml"


def example_windows(harness):
    harness.load(EXAMPLE.read_text())
    with harness.store.transaction() as session:
        programme = queries.programme_by_name(session, name="Co-production programme 2024")
        return {w.date.isoformat(): w for w in windows_of(programme)}, programme.digest_weekly


def test_the_example_files_days_close_after_their_last_reminder_has_had_a_day(harness):
    windows, _ = example_windows(harness)
    day_one = windows["2024-05-09"]  # Thursday; the 72-hour reminder falls on Sunday
    assert day_one.prompt_at == datetime(2024, 5, 9, 15, 30, tzinfo=UTC)  # 16:30 BST
    # Sunday's reminder waits for Monday 08:00 BST; it then has a day to work.
    assert day_one.closes_at == datetime(2024, 5, 14, 7, 0, tzinfo=UTC)
    day_six = windows["2024-11-14"]  # after the clocks go back: 15:30 GMT
    assert day_six.closes_at == datetime(2024, 11, 19, 8, 0, tzinfo=UTC)


def test_each_week_is_reported_once_at_the_first_digest_time_after_its_windows_close(harness):
    windows, setting = example_windows(harness)
    slots = {}
    for week_friday in ("2024-05-10", "2024-05-17", "2024-05-24"):
        now = datetime.fromisoformat(f"{week_friday}T16:00:00+01:00")
        slots[week_friday] = weeks_due(windows.values(), latest_slot(setting, "Europe/London", now))
    # Not the Friday after Day one (its reminders are still out), but the next one, and only once.
    assert slots == {"2024-05-10": [], "2024-05-17": [IsoWeek(2024, 19)], "2024-05-24": []}


def test_a_day_before_a_bank_holiday_weekend_waits_for_its_reminders(harness):
    harness.load(
        EXAMPLE.read_text().replace("date: 2024-05-09", "date: 2024-05-24")  # Fri before 27 May
    )
    with harness.store.transaction() as session:
        programme = queries.programme_by_name(session, name="Co-production programme 2024")
        window = next(w for w in windows_of(programme) if w.date.isoformat() == "2024-05-24")
    # Prompt Fri 16:30; the 24 h reminder (Sat) and the 72 h one (Mon, a bank holiday) both wait
    # for Tuesday 08:00; the window closes on Wednesday 29 May at 08:00 BST.
    assert window.closes_at == datetime(2024, 5, 29, 7, 0, tzinfo=UTC)
