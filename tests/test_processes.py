"""Real processes against real databases: replicas, SIGKILL in the middle of a fan-out."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import func, select

from bot.cli import main
from bot.domain.clock import SystemClock
from bot.domain.consent import agree_for_everyone
from handlers.slack.sandbox.web_api import SlackWebAPIStandIn
from storage import Store
from storage.models import PromptDelivery
from tests.conftest import _empty_postgres
from tests.processes import BotProcess, programme_due_now


def prompts_per_member(api: SlackWebAPIStandIn) -> Counter:
    return Counter(
        c.params["channel"]
        for c in api.calls_to("chat.postMessage")
        if c.status == 200 and (c.params.get("metadata") or {}).get("event_type") == "copro_prompt"
    )


def is_prompt(call) -> bool:
    return (
        call.status == 200
        and (call.params.get("metadata") or {}).get("event_type") == "copro_prompt"
    )


def load(database_url: str, tmp_path, members: int, monkeypatch) -> None:
    programme = tmp_path / "programme.yaml"
    programme.write_text(programme_due_now(members))
    monkeypatch.setenv("DATABASE_URL", database_url)
    assert main(["programme", "load", str(programme)]) == 0
    store = Store.from_url(database_url)
    agree_for_everyone(store, SystemClock())  # every member has said yes to the consent wording
    store.dispose()


def all_sent(database_url: str) -> tuple[int, int]:
    store = Store.from_url(database_url)
    with store.transaction() as session:
        sent = session.scalar(select(func.count()).where(PromptDelivery.state == "sent"))
        total = session.scalar(select(func.count(PromptDelivery.id)))
    store.dispose()
    return sent, total


@pytest.fixture
def pg_url(postgres_database):
    _empty_postgres(Store.from_url(postgres_database))
    return postgres_database


@pytest.mark.postgres
def test_two_replicas_on_postgresql_send_each_prompt_exactly_once(pg_url, tmp_path, monkeypatch):
    members = 80
    load(pg_url, tmp_path, members, monkeypatch)
    with SlackWebAPIStandIn(latency_s=0.01) as api:
        replicas = [
            BotProcess(database_url=pg_url, api_url=api.base_url, folder=tmp_path) for _ in range(2)
        ]
        try:
            assert all(r.wait_for_line("HTTP mode") for r in replicas), [r.output for r in replicas]
            api.wait_for("chat.postMessage", count=members + 1, where=is_prompt, timeout=60)
            leaders = [r for r in replicas if "this process runs the scheduler" in r.output]
            assert len(leaders) == 1
        finally:
            codes = [r.stop() for r in replicas]
        assert codes == [0, 0]
        counts = prompts_per_member(api)
    assert len(counts) == members + 1 and set(counts.values()) == {1}
    assert all_sent(pg_url) == (members + 1, members + 1)


@pytest.mark.postgres
def test_sigkill_during_fan_out_then_restart_leaves_every_member_exactly_one_prompt(
    pg_url, tmp_path, monkeypatch
):
    members = 200  # the size of the fan-out in which two prompts were once lost
    load(pg_url, tmp_path, members, monkeypatch)
    with SlackWebAPIStandIn(latency_s=0.05) as api:
        first = BotProcess(database_url=pg_url, api_url=api.base_url, folder=tmp_path)
        api.wait_for("chat.postMessage", count=30, where=is_prompt, timeout=60)
        first.kill()  # in the middle of the fan-out: some claimed, some sent, some in flight
        sent_before = sum(prompts_per_member(api).values())
        assert sent_before < members + 1, "the fan-out finished before the kill; make it slower"

        second = BotProcess(database_url=pg_url, api_url=api.base_url, folder=tmp_path)
        try:
            assert second.wait_for_line("recovering"), second.output
            api.wait_for("chat.postMessage", count=members + 1, where=is_prompt, timeout=60)
        finally:
            assert second.stop() == 0
        counts = prompts_per_member(api)
    assert len(counts) == members + 1 and set(counts.values()) == {1}
    assert all_sent(pg_url) == (members + 1, members + 1)


def test_a_second_process_on_the_same_sqlite_file_is_refused(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'single.db'}"
    load(url, tmp_path, 3, monkeypatch)
    with SlackWebAPIStandIn() as api:
        first = BotProcess(database_url=url, api_url=api.base_url, folder=tmp_path)
        try:
            assert first.wait_for_line("HTTP mode")
            second = BotProcess(database_url=url, api_url=api.base_url, folder=tmp_path)
            assert second.exit_code() == 2
            assert "SQLite is for a single process" in second.output
        finally:
            assert first.stop() == 0, first.output


@pytest.mark.postgres
def test_a_bot_restarted_while_the_database_is_down_serves_slack_and_stores_replies_later(
    pg_url, tmp_path, monkeypatch
):
    """Restarted in an outage, the bot starts anyway: Slack's requests get 200, replies wait
    in the spool, /health says 503; when the database returns they are stored."""
    import urllib.error
    import urllib.request

    from handlers.slack.sandbox.slack_requests import SlackRequests
    from storage.models import Answer
    from tests.processes import TcpForwarder

    load(pg_url, tmp_path, 2, monkeypatch)
    with SlackWebAPIStandIn() as api:
        first = BotProcess(database_url=pg_url, api_url=api.base_url, folder=tmp_path)
        api.wait_for("chat.postMessage", count=3, where=is_prompt, timeout=60)
        assert first.stop() == 0, first.output

        database = TcpForwarder(("127.0.0.1", 5432))  # closed: the database is "down"
        behind = pg_url.replace("127.0.0.1:5432", f"127.0.0.1:{database.port}")
        bot = BotProcess(
            database_url=behind, api_url=api.base_url, folder=tmp_path,
            extra_env={"COPRO_DATABASE_RETRY_SECONDS": "1"},
        )  # fmt: skip
        try:
            assert bot.wait_for_line("the database cannot be reached"), bot.output
            assert bot.wait_for_line("HTTP mode"), bot.output
            slack = SlackRequests(
                url=f"http://127.0.0.1:{bot.port}/slack/events", signing_secret="secret"
            )
            assert slack.message("U0P00000", "Kept through the outage").status == 200
            health = f"http://127.0.0.1:{bot.port}/health"
            try:
                urllib.request.urlopen(health, timeout=5)
                raise AssertionError("/health said OK without a database")
            except urllib.error.HTTPError as down:
                assert down.code == 503
            assert len(list(bot.spool.glob("*.json"))) == 1

            database.open()
            assert bot.wait_for_line("the database is back"), bot.output
            api.wait_for(
                "chat.postMessage",
                where=lambda c: "now saved" in c.params.get("text", ""),
                timeout=30,
            )
            assert urllib.request.urlopen(health, timeout=5).status == 200
        finally:
            assert bot.stop() == 0, bot.output
            database.close()
    store = Store.from_url(pg_url)
    with store.transaction() as session:
        assert session.scalars(select(Answer.text)).all() == ["Kept through the outage"]
    store.dispose()
