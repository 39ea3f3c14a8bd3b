"""Fixtures: a store on SQLite and (when COPRO_TEST_POSTGRES_URL is set) PostgreSQL, a clock
that moves only when told, and the real bot served over HTTP against the Web API stand-in."""

from __future__ import annotations

import os
import shutil
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from bot.app import BotApp, create_app
from bot.config import Settings
from bot.domain.clock import ManualClock
from bot.domain.consent import agree_for_everyone
from bot.domain.programme_file import parse_programme
from bot.domain.programmes import load_programme
from bot.server import make_server, stop_server
from handlers.slack.messenger import make_client
from handlers.slack.sandbox.answers import prompted_deliveries, usage_button
from handlers.slack.sandbox.slack_requests import SlackRequests
from handlers.slack.sandbox.web_api import SlackWebAPIStandIn
from storage import Store
from storage.db import normalise_url

POSTGRES_URL = os.environ.get("COPRO_TEST_POSTGRES_URL")
SIGNING_SECRET = "test-signing-secret"
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "programme.yaml"

SMALL_PROGRAMME = """
programme: Test programme
timezone: Europe/London
digest_channel: C0DIGEST01
facilitators: [{slack: U0FACIL001, name: Jo}]
teams:
  - name: Child and Family Services
    aim: Shape the waiting-room experience with families
    members: [{slack: U0MEMBER01, name: Sam}, {slack: U0MEMBER02, name: Ali}, sam@example.org]
  - name: Older People's Services
    aim: Make the move home feel safe
    members: [{slack: U0MEMBER04, name: Kim}]
days:
  - {name: Day one, date: 2024-05-09, ends: "16:00"}
  - {name: Day two, date: 2024-11-14, ends: "16:00"}
prompt_delay_minutes: 30
reminder_hours: [24, 72]
weekends: true          # these tests are about other things; tests/test_sending_times.py
bank_holidays: none     # covers weekends, bank holidays and quiet hours
questions:
  - {id: working, text: "What is working?"}
  - {id: change, text: "What could change?"}
"""
# Day one ends 16:00 BST = 15:00 UTC; its prompt is due 15:30 UTC.
DAY_ONE_PROMPT = datetime(2024, 5, 9, 15, 30, tzinfo=UTC)
# Its reminders go at 24 and 72 hours; the last has had a day to work by Monday 13 May 15:30
# UTC, when Day one's reply window closes (bot/domain/reply_window.py) and a posted digest is final.
DAY_ONE_CLOSED = datetime(2024, 5, 13, 15, 30, tzinfo=UTC)


def pytest_report_header(config: pytest.Config) -> str:
    where = (
        "SQLite and PostgreSQL"
        if POSTGRES_URL
        else "SQLite only (COPRO_TEST_POSTGRES_URL is not set)"
    )
    return f"copro-bot store tests run on: {where}"


@contextmanager
def throwaway_postgres(prefix: str = "copro_test") -> Iterator[str]:
    """A new, empty PostgreSQL database, dropped afterwards; skips without PostgreSQL."""
    if not POSTGRES_URL:
        pytest.skip("PostgreSQL tests need COPRO_TEST_POSTGRES_URL")
    admin = create_engine(normalise_url(POSTGRES_URL), isolation_level="AUTOCOMMIT")
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield normalise_url(POSTGRES_URL).rsplit("/", 1)[0] + "/" + name
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    """A throwaway database for this run, migrated once; tests empty its tables between them."""
    with throwaway_postgres() as url:
        Store.from_url(url).migrate()
        yield url


def _empty_postgres(store: Store) -> None:
    with store.engine.begin() as connection:
        tables = [
            t
            for (t,) in connection.execute(
                text(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'alembic_version'"
                )
            )
        ]
        if tables:
            connection.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite store migrated once per test process: each test starts from a copy of it,
    as running every migration again would cost a quarter of a second a test."""
    path = tmp_path_factory.mktemp("template") / "copro.db"
    template = Store.from_url(f"sqlite:///{path}")
    template.migrate()
    template.dispose()
    return path


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        shutil.copyfile(request.getfixturevalue("migrated_sqlite"), tmp_path / "copro.db")
        store = Store.from_url(f"sqlite:///{tmp_path / 'copro.db'}")
    else:
        store = Store.from_url(request.getfixturevalue("postgres_database"))
        _empty_postgres(store)
    store.migrate()
    yield store
    store.dispose()


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime(2024, 5, 1, 9, 0, tzinfo=UTC))


@pytest.fixture
def slack_api() -> Iterator[SlackWebAPIStandIn]:
    with SlackWebAPIStandIn() as api:
        for user_id, name in [
            ("U0FACIL001", "Jo"),
            ("U0MEMBER01", "Sam"),
            ("U0MEMBER02", "Ali"),
            ("U0MEMBER03", "Samira"),
            ("U0MEMBER04", "Kim"),
        ]:
            api.add_user(user_id, real_name=name)
        api.users["U0MEMBER03"]["profile"]["email"] = "sam@example.org"
        yield api


def load_consented(store: Store, clock: ManualClock, spec):
    """Load a programme whose members have all said yes to the consent wording already."""
    report = load_programme(store, clock, spec)
    agree_for_everyone(store, clock)
    return report


class Harness:
    """The real bot over real HTTP, its Web API stand-in, its store and its clock."""

    def __init__(
        self, bot: BotApp, api: SlackWebAPIStandIn, slack: SlackRequests, clock: ManualClock
    ) -> None:
        self.bot, self.api, self.slack, self.clock = bot, api, slack, clock
        self.services = bot.services
        self.store = bot.services.store

    def load(self, yaml_text: str = SMALL_PROGRAMME, *, consented: bool = True):
        """Load a programme; ``consented``: every member has already said yes (the tests of
        consent itself pass False)."""
        spec = parse_programme(yaml_text)
        if consented:
            return load_consented(self.store, self.clock, spec)
        return load_programme(self.store, self.clock, spec)

    def prompt_day_one(self) -> dict[str, str]:
        """Load, move to Day one's prompt time, send; returns user id -> delivery id."""
        self.load()
        self.clock.set(DAY_ONE_PROMPT)
        self.services.run_due()
        return self.deliveries()

    def reply(self, user_id: str, text: str, event_id: str, usage: str | None = None) -> None:
        """A member replies in their DM; returns once the bot has thanked them. With ``usage``,
        they then press the thank-you's button for that choice."""

        def thanks(call) -> bool:
            return "saved that" in call.params.get("text", "") and call.params["channel"].endswith(
                user_id[1:]
            )

        before = len([c for c in self.api.calls_to("chat.postMessage") if thanks(c)])
        self.slack.message(user_id, text, event_id=event_id)
        self.api.wait_for("chat.postMessage", count=before + 1, where=thanks)
        if usage is not None:
            self.choose_usage(user_id, usage)

    def choose_usage(self, user_id: str, usage: str) -> None:
        """The member presses the thank-you's button for ``usage``; returns once it is done."""
        button = usage_button(self.api, user_id, usage)
        if button is None:
            return  # already their choice for this reply

        def done(call) -> bool:
            return call.params["channel"].endswith(user_id[1:]) and "Done." in call.params["text"]

        before = len([c for c in self.api.calls_to("chat.update") if done(c)])
        self.slack.action(
            user_id, button["action_id"], button["value"], channel_id="D" + user_id[1:],
            message_ts="1.1",
        )  # fmt: skip
        self.api.wait_for("chat.update", count=before + 1, where=done)  # sent last

    def deliveries(self) -> dict[str, str]:
        return prompted_deliveries(self.api)


@pytest.fixture
def harness(
    store: Store, slack_api: SlackWebAPIStandIn, clock: ManualClock, tmp_path: Path
) -> Iterator[Harness]:
    settings = Settings(
        slack_bot_token="xoxb-test",
        slack_signing_secret=SIGNING_SECRET,
        slack_api_url=slack_api.base_url,
        spool_dir=str(tmp_path / "spool"),
    )
    bot = create_app(
        settings, client=make_client("xoxb-test", slack_api.base_url), store=store, clock=clock
    )
    server = make_server(bot, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.effective_port}/slack/events"
    slack = SlackRequests(
        url=url, signing_secret=SIGNING_SECRET, response_url_base=slack_api.response_url()
    )
    yield Harness(bot, slack_api, slack, clock)
    # Closing from the server's own loop ends it at once (not at its next 1 s poll).
    stop_server(server)
    thread.join(timeout=5)
    bot.close()


@pytest.fixture
def teams(store: Store, clock: ManualClock, tmp_path: Path):
    """The real Teams app over HTTP against the connector stand-in (tests/teams_harness.py)."""
    from tests.teams_harness import teams_bot

    with teams_bot(store, clock, tmp_path) as harness:
        yield harness
