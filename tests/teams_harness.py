"""The real Teams app over real HTTP (waitress on port 0), the connector stand-in it answers
through, the store and a clock that moves only when told: shared by the Teams tests."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bot.app import BotApp, create_app
from bot.config import Settings
from bot.domain.clock import ManualClock
from bot.domain.programme_file import parse_programme
from bot.domain.programmes import LoadReport, load_programme
from bot.server import make_server, stop_server
from handlers.teams.adapter import TeamsAdapter, stand_in_connections
from handlers.teams.connector import Limits, RetryPolicy
from handlers.teams.sandbox.activities import TeamsRequests, conversation_of
from handlers.teams.sandbox.connector import OUTBOUND_TOKEN, Call, ConnectorStandIn
from storage import Store

DIGEST_CHANNEL = "19:digest0001@thread.tacv2"
PROGRAMME = f"""
programme: Teams programme
platform: teams
timezone: Europe/London
digest_channel: "{DIGEST_CHANNEL}"
facilitators: [{{email: jo@example.org, name: Jo}}]
teams:
  - name: Child and Family Services
    aim: Shape the waiting-room experience with families
    members: [sam@example.org, ali@example.org, {{teams: 29:kim-0001, name: Kim}}, max@example.org]
days:
  - {{name: Day one, date: 2024-05-09, ends: "16:00"}}
  - {{name: Day two, date: 2024-11-14, ends: "16:00"}}
prompt_delay_minutes: 30
reminder_hours: [24]
weekends: true
bank_holidays: none
quiet_hours: none
"""
# Who is in the stand-in's tenant: (Teams user id, name, e-mail).
PEOPLE = [
    ("29:jo-0001", "Jo Facilitator", "jo@example.org"),
    ("29:sam-0001", "Sam", "sam@example.org"),
    ("29:ali-0001", "Ali", "ali@example.org"),
    ("29:kim-0001", "Kim", "kim@example.org"),
    ("29:max-0001", "Max", "max@example.org"),
]
JO, SAM, ALI, KIM, MAX = (p[0] for p in PEOPLE)


class TeamsHarness:
    def __init__(
        self, bot: BotApp, stand_in: ConnectorStandIn, requests: TeamsRequests, clock: ManualClock
    ):
        self.bot, self.stand_in, self.teams, self.clock = bot, stand_in, requests, clock
        self.services = bot.services
        self.store: Store = bot.services.store

    def load(self, yaml_text: str = PROGRAMME) -> LoadReport:
        return load_programme(self.store, self.clock, parse_programme(yaml_text))

    def to(self, user_id: str) -> list[Call]:
        """Everything delivered to the person's 1:1 chat, oldest first."""
        return self.stand_in.delivered(conversation_of(user_id))

    def wait_to(self, user_id: str, count: int = 1, where=None) -> list[Call]:
        """Wait until ``count`` matching messages reached the person; returns them all."""
        return self.stand_in.wait_delivered(conversation_of(user_id), count=count, where=where)

    def user_aad(self, user_id: str) -> str:
        return self.stand_in.users[user_id]["aadObjectId"]

    def install_everyone(self) -> None:
        for user_id, *_ in PEOPLE:
            status, _ = self.teams.install(user_id)
            assert status == 202, status
        self.settle()

    def settle(self) -> None:
        """Wait for the work the bot left for after its answers (thanks, consent, alerts)."""
        self.bot.adapter.settle()


def card_text(card: dict) -> str:
    """Every word a card shows, for assertions."""
    words: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key in ("text", "title", "label", "value", "fallbackText", "altText"):
                if isinstance(node.get(key), str) and not node[key].startswith("data:"):
                    words.append(node[key])
            for value in node.values():
                if isinstance(value, dict | list):
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(card)
    return "\n".join(words)


def verbs(card: dict) -> list[str]:
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "Action.Execute":
                found.append(node["verb"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(card)
    return found


def action_data(card: dict, verb: str) -> dict:
    found: list[dict] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "Action.Execute" and node.get("verb") == verb:
                found.append(node.get("data") or {})
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(card)
    assert found, f"no {verb} button"
    return dict(found[0])


@contextmanager
def teams_bot(
    store: Store, clock: ManualClock, tmp_path: Path, *, limits: Limits | None = None
) -> Iterator[TeamsHarness]:
    with ConnectorStandIn() as stand_in:
        for user_id, name, email in PEOPLE:
            stand_in.add_user(user_id, name=name, email=email)
        adapter = TeamsAdapter(
            app_id=stand_in.app_id,
            tenant_id=None,
            metadata_url=stand_in.metadata_url,
            connections=stand_in_connections(stand_in.app_id, OUTBOUND_TOKEN),
            limits=limits,
            retry=RetryPolicy(base_s=0.0),
        )
        bot = create_app(
            Settings(spool_dir=str(tmp_path / "spool")), store=store, clock=clock, adapter=adapter
        )
        server = make_server(bot, host="127.0.0.1", port=0, threads=4)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        url = f"http://127.0.0.1:{server.effective_port}/api/messages"
        try:
            yield TeamsHarness(bot, stand_in, TeamsRequests(url=url, stand_in=stand_in), clock)
        finally:
            stop_server(server)
            thread.join(timeout=5)
            bot.close()
