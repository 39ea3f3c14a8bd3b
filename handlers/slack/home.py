"""The Home tab: shown when opened, and again after every choice made on it.

Each button calls one use case; a problem the member can fix is told in a small window.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.domain.home import build_home
from bot.domain.identity import Identity
from bot.domain.usecases.outcomes import Changed, Outcome, Refused, Told, Working
from handlers.slack import blocks
from handlers.slack import home_blocks as hb
from handlers.slack.context import person, services_of, who_pressed
from handlers.slack.feedback import is_problem, words_of

log = logging.getLogger(__name__)
NOT_A_CHOICE = "Sorry, I didn't recognise that choice. Please pick one from the list."


def refresh(client: WebClient, services: Any, who: Identity) -> None:
    """Publish the person's Home tab as it is now; a failure here loses nothing."""
    try:
        page = build_home(services.store, who=who)
        client.views_publish(user_id=who.id, view=hb.home_view(page))
    except SlackApiError as error:
        log.info("could not publish the Home tab: %s", error.response.get("error"))
    except Exception:
        log.exception("building the Home tab failed")


def opened(event: dict, client: WebClient, context: BoltContext) -> None:
    """Bolt acks the event once this returns: the page is built and published after."""
    if event.get("tab", "home") == "home":
        services = services_of(context)
        services.later(lambda: refresh(client, services, person(event["user"])))


def _quietly(outcome: Outcome) -> Outcome:
    """The page itself shows a setting's new state; only a problem needs words."""
    return Changed() if isinstance(outcome, Told) else outcome


def _reply_usage(services: Any, who: Identity, action: dict) -> Outcome:
    value = (action.get("selected_option") or {}).get("value") or ""
    delivery, _, chosen = value.partition(":")
    if not delivery.isdigit():
        return Refused(NOT_A_CHOICE)
    return _quietly(services.choices.choose_usage(who, int(delivery), chosen))


def _number(text: object) -> int | None:
    return int(text) if str(text or "").isdigit() else None


# What each Home button does: (services, who, the pressed action) -> outcome.
ON_HOME: dict[str, Callable[[Any, Identity, dict], Outcome]] = {
    hb.HOME_PAUSE: lambda s, who, a: _quietly(s.commands(who, ["pause"])),
    hb.HOME_RESUME: lambda s, who, a: _quietly(s.commands(who, ["resume"])),
    hb.HOME_AWAY: lambda s, who, a: _quietly(
        s.commands(who, ["away", a.get("selected_date") or ""])
    ),
    hb.HOME_BACK: lambda s, who, a: _quietly(s.commands(who, ["back"])),
    hb.HOME_USAGE: lambda s, who, a: s.choices.set_default_usage(
        who, (a.get("selected_option") or {}).get("value")
    ),
    hb.HOME_CONSENT: lambda s, who, a: s.choices.show_consent(who),
    hb.HOME_WITHDRAW: lambda s, who, a: s.choices.withdraw_consent(who),
    hb.HOME_DELETE: lambda s, who, a: s.choices.delete_reply(who, _number(a.get("value"))),
    hb.HOME_REPLY_USAGE: _reply_usage,
    hb.HOME_DIGEST: lambda s, who, a: s.commands(who, ["digest"]),
    hb.HOME_EXPORT: lambda s, who, a: s.commands(who, ["export"]),
    hb.HOME_DIGEST_WORD: lambda s, who, a: s.commands(who, ["digest", "word"]),
}


def home_button(ack: Ack, body: dict, client: WebClient, context: BoltContext) -> None:
    services, who = services_of(context), who_pressed(body)
    action = body["actions"][0]
    outcome = ON_HOME[action["action_id"]](services, who, action)
    ack()  # only once it is stored

    def after() -> None:
        # Home's digest and export buttons: the long part runs here, after the click's ack.
        told = outcome.finish() if isinstance(outcome, Working) else outcome
        if isinstance(told, Told) or is_problem(told):
            client.views_open(
                trigger_id=body["trigger_id"],
                view=blocks.notice_modal("Reflections", words_of(told) or ""),
            )
        refresh(client, services, who)

    services.later(after)


def register(app: App) -> None:
    app.event("app_home_opened")(opened)
    for action_id in ON_HOME:
        app.action(action_id)(home_button)
