"""``copro-bot demo --platform teams``: the whole loop in Teams, offline, printed as people
read it.

The real Teams app runs over real HTTP (waitress) against the connector stand-in on loopback:
activities name the stand-in as their ``serviceUrl`` and carry tokens signed by the stand-in's
own key, which the bot fetches from the stand-in's OpenID metadata and JWKS exactly as it
would fetch Microsoft's. A throwaway SQLite database and a clock moved by hand; no tenant,
no credentials.
"""

from __future__ import annotations

import re
import tempfile
import threading
from datetime import timedelta
from pathlib import Path
from typing import Any

from bot.app import create_app
from bot.config import Settings
from bot.domain.clock import ManualClock
from bot.domain.programme_file import parse_programme
from bot.domain.programmes import load_programme
from bot.server import make_server, stop_server
from handlers.teams.adapter import TeamsAdapter, stand_in_connections
from handlers.teams.connector import RetryPolicy
from handlers.teams.sandbox.activities import TeamsRequests, conversation_of
from handlers.teams.sandbox.connector import OUTBOUND_TOKEN, Call, ConnectorStandIn
from storage import Store

CHANNEL = "19:reflections-digest@thread.tacv2"
PROGRAMME = f"""
programme: Co-production programme 2024
platform: teams
timezone: Europe/London
digest_channel: "{CHANNEL}"
facilitators: [{{email: jo.facilitator@nhs.example, name: Jo}}]
teams:
  - name: Child and Family Services
    aim: Shape the waiting-room experience with families
    members: [sam@nhs.example, ali@nhs.example, kim@nhs.example]
days:
  - {{name: Day one, date: 2024-05-09, ends: "16:00"}}
prompt_delay_minutes: 30
reminder_hours: [24]
weekends: true
bank_holidays: none
"""
PEOPLE = {
    "29:jo": ("Jo", "jo.facilitator@nhs.example"),
    "29:sam": ("Sam", "sam@nhs.example"),
    "29:ali": ("Ali", "ali@nhs.example"),
    "29:kim": ("Kim", "kim@nhs.example"),
}


def run_demo(out=print) -> int:
    spec = parse_programme(PROGRAMME)
    with tempfile.TemporaryDirectory() as folder, ConnectorStandIn() as stand_in:
        for user_id, (name, email) in PEOPLE.items():
            stand_in.add_user(user_id, name=name, email=email)
        adapter = TeamsAdapter(
            app_id=stand_in.app_id, tenant_id=None, metadata_url=stand_in.metadata_url,
            connections=stand_in_connections(stand_in.app_id, OUTBOUND_TOKEN), limits=None,
            retry=RetryPolicy(base_s=0.0),
        )  # fmt: skip
        clock = ManualClock(spec.prompt_at(spec.days[0]) - timedelta(hours=2))
        store = Store.from_url(f"sqlite:///{Path(folder) / 'demo.db'}")
        bot = create_app(
            Settings(spool_dir=str(Path(folder) / "spool")), store=store, clock=clock,
            adapter=adapter,
        )  # fmt: skip
        server = make_server(bot, host="127.0.0.1", port=0, threads=4)
        threading.Thread(target=server.run, daemon=True).start()
        teams = TeamsRequests(
            url=f"http://127.0.0.1:{server.effective_port}/api/messages", stand_in=stand_in
        )
        try:
            _play(out, Story(out, stand_in, adapter), teams, bot, clock, spec)
        finally:
            stop_server(server)
            bot.close()
    return 0


class Story:
    """Prints each new message as the person reads it in Teams."""

    def __init__(self, out, stand_in: ConnectorStandIn, adapter: TeamsAdapter) -> None:
        self.out, self.stand_in, self.adapter = out, stand_in, adapter
        self.seen = 0

    def say(self, text: str) -> None:
        self.out(f"\n=== {text}")

    def news(self, who: dict[str, str]) -> list[Call]:
        self.adapter.settle()
        calls = [
            c
            for c in self.stand_in.calls()
            if c.route in {"send", "reply", "create", "update"} and c.delivered
        ]
        fresh, self.seen = calls[self.seen :], len(calls)
        for call in fresh:
            where = who.get(call.conversation or "", "the digest channel")
            verb = "card updated" if call.route == "update" else "message"
            self.out(f"--- {where} ({verb})")
            body = call.body.get("activity", call.body) if call.route == "create" else call.body
            for line in render(body):
                self.out("    " + line)
        return fresh


def render(activity: dict[str, Any]) -> list[str]:
    lines = [_plain(activity["text"])] if activity.get("text") else []
    for attachment in activity.get("attachments") or []:
        kind, content = attachment.get("contentType", ""), attachment.get("content") or {}
        if kind.endswith("file.consent"):
            lines.append(
                f"📎 {attachment.get('name')} ({content.get('sizeInBytes')} bytes)  [ Allow ]  [ Decline ]"
            )
        elif kind.endswith("file.info"):
            lines.append(f"📄 {attachment.get('name')} (in your OneDrive)")
        else:
            lines += _card(content)
    return lines


def _card(card: dict) -> list[str]:
    lines: list[str] = []
    for element in card.get("body") or []:
        kind = element.get("type")
        if kind == "TextBlock":
            lines += _plain(element["text"]).splitlines()
        elif kind == "Image":
            lines.append(f"(chart) {element.get('altText')}")
        elif kind == "Input.Text":
            lines.append(f"{element['label']}\n      [ {element.get('value') or '…'} ]")
        elif kind == "Input.ChoiceSet":
            lines.append(element["label"])
            lines += [
                f"      ({'•' if c['value'] == element.get('value') else ' '}) {c['title']}"
                for c in element["choices"]
            ]
        elif kind == "ActionSet":
            lines.append("  ".join(f"[ {a['title']} ]" for a in element["actions"]))
    if card.get("actions"):
        lines.append("  ".join(f"[ {a['title']} ]" for a in card["actions"]))
    return lines


def _plain(text: str) -> str:
    text = re.sub(r"\*\*(.+?)\*\*", r"\1", text)
    text = re.sub(r"\\(.)", r"\1", text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _card_of(call: Call, word: str) -> dict:
    return next(c for c in call.cards if word in str(c))


def _data(card: dict, verb: str) -> dict:
    for action in card.get("actions") or []:
        if action.get("verb") == verb:
            return dict(action.get("data") or {})
    raise KeyError(verb)


def _play(out, story: Story, teams: TeamsRequests, bot, clock, spec) -> None:
    services = bot.services
    who = {
        conversation_of(uid): f"{name}'s chat with Reflections" for uid, (name, _) in PEOPLE.items()
    }
    story.say("The facilitator loads the programme file")
    report = load_programme(services.store, clock, spec)
    for line in report.lines():
        out("    " + line)

    story.say(
        "The Teams admin's setup policy installs the app for each person; each is asked for consent"
    )
    for user_id in PEOPLE:
        teams.install(user_id)
    sent = story.news(who)
    for user_id in PEOPLE:
        consent = next(c for c in sent if c.conversation == conversation_of(user_id))
        card = _card_of(consent, "Yes, I agree")
        story.say(f"{PEOPLE[user_id][0]} presses Yes, I agree")
        _, answer = teams.press(user_id, "consent_yes", _data(card, "consent_yes"))
        for line in _card(answer["value"]):
            out("    " + line)

    story.say("Day one ends at 16:00; thirty minutes later everyone gets the prompt")
    clock.set(spec.prompt_at(spec.days[0]))
    services.run_due()
    prompts = {c.conversation: c for c in story.news(who)}

    story.say("Sam simply replies in words")
    teams.message("29:sam", "The buddy system works really well.")
    story.news(who)

    story.say("Ali presses Answer and fills in the form")
    ali_card = _card_of(prompts[conversation_of("29:ali")], "Remind me later")
    delivery = _data(ali_card, "answer")["delivery"]
    _, answer = teams.press("29:ali", "answer", {"delivery": delivery})
    for line in _card(answer["value"]):
        out("    " + line)
    _, answer = teams.press("29:ali", "save", {
        "delivery": delivery, "q:working": "Meeting in the evening meant carers could come.",
        "q:change": "Send the papers a week before, in plain English.", "usage": "named",
    })  # fmt: skip
    story.say("Ali presses Save; the form turns into")
    for line in _card(answer["value"]):
        out("    " + line)
    story.news(who)

    story.say("Kim replies with something worrying")
    teams.message(
        "29:kim", "Honestly I don't want to be alive any more, I've been planning how to end it"
    )
    story.news(who)

    story.say("A day later, Jo (who has not answered) gets a gentle reminder")
    clock.advance(hours=24, minutes=1)
    services.run_due()
    story.news(who)

    story.say("Jo types: status")
    teams.message("29:jo", "status")
    story.news(who)

    story.say(
        "Jo types: digest post 2024-W19 (the digest goes to the channel, the full digest in its thread)"
    )
    teams.message("29:jo", "digest post 2024-W19")
    story.news(who)

    story.say("Jo types: export (Teams asks Jo before the file is put in Jo's OneDrive)")
    teams.message("29:jo", "export")
    consent = [c for c in story.news(who) if "file.consent" in "".join(c.attachment_types)]
    token = consent[-1].body["attachments"][0]["content"]["acceptContext"]["file"]
    story.say("Jo presses Allow")
    teams.file_consent("29:jo", token)
    story.news(who)
    out(
        "\nEverything above went through the real Teams app, over HTTP, to a local stand-in of Teams."
    )
