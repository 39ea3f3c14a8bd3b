"""Replies are deleted once the programme's retention period has passed; a dry run only counts."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select

from bot.domain.retention import expire
from storage.models import Answer, PromptDelivery, ReminderSent, Reply
from tests.conftest import SMALL_PROGRAMME


def counts(store) -> tuple[int, int, int, int]:
    with store.transaction() as session:
        return tuple(
            session.scalar(select(func.count()).select_from(model))
            for model in (PromptDelivery, Reply, Answer, ReminderSent)
        )


def test_dry_run_says_what_would_go_and_the_real_run_deletes_only_that(harness):
    harness.load(SMALL_PROGRAMME + "retention_days: 30\n")
    harness.clock.set(datetime(2024, 5, 9, 15, 30, tzinfo=UTC))
    harness.services.run_due()
    harness.slack.message("U0MEMBER02", "Lovely day", event_id="EvKeep")
    harness.api.wait_for(
        "chat.postMessage", where=lambda c: "saved that" in c.params.get("text", "")
    )
    harness.clock.advance(hours=24)
    harness.services.run_due()  # reminders, so they are deleted too
    before = counts(harness.store)
    assert before[:3] == (5, 1, 1) and before[3] > 0

    harness.clock.set(datetime(2024, 6, 7, 12, 0, tzinfo=UTC))  # 29 days on: nothing due
    assert [e.prompts for e in expire(harness.store, harness.clock, dry_run=True)] == [0]

    harness.clock.set(datetime(2024, 6, 20, 12, 0, tzinfo=UTC))
    [dry] = expire(harness.store, harness.clock, dry_run=True)
    assert (dry.replies, dry.prompts) == (1, 5)
    assert "would delete 1 replies and 5 prompt records" in dry.line(dry_run=True)
    assert counts(harness.store) == before  # a dry run changes nothing

    [done] = expire(harness.store, harness.clock, dry_run=False)
    assert (done.replies, done.prompts) == (1, 5)
    assert counts(harness.store) == (0, 0, 0, 0)


def test_a_programme_without_retention_days_keeps_everything(harness):
    harness.prompt_day_one()
    harness.clock.set(datetime(2030, 1, 1, tzinfo=UTC))
    assert expire(harness.store, harness.clock, dry_run=False) == []
    assert counts(harness.store)[0] == 5


def test_the_retention_command_runs_a_dry_run_from_the_command_line(tmp_path, monkeypatch, capsys):
    from bot.cli import main

    programme = tmp_path / "programme.yaml"
    programme.write_text(SMALL_PROGRAMME + "retention_days: 30\n")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.chdir(tmp_path)
    assert main(["programme", "load", str(programme)]) == 0
    assert main(["retention", "--dry-run"]) == 0
    assert "Test programme: would delete 0 replies and 0 prompt records" in capsys.readouterr().out
