"""Buttons on safeguarding messages: a lead's decision on an alert (put it back, following it
up, a kind check-in) and a member's answer to a check-in. Each calls one use case.

Acknowledged only once the use case has stored the press, as every button is."""

from __future__ import annotations

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.domain.usecases.outcomes import AlertShown, Told
from handlers.slack.blocks import section
from handlers.slack.context import services_of, who_pressed
from handlers.slack.feedback import words_of
from handlers.slack.safeguarding_blocks import (
    CHECK_IN,
    CHECK_IN_NO,
    CHECK_IN_YES,
    FOLLOWING,
    PUT_BACK,
    alert_message,
)
from handlers.slack.text import escape


def _pressed(body: dict) -> tuple[str, int | None]:
    action = (body.get("actions") or [{}])[0]
    try:
        return str(action.get("action_id", "")), int(action.get("value"))
    except (TypeError, ValueError):
        return str(action.get("action_id", "")), None


def _where(body: dict) -> tuple[str | None, str | None]:
    return body.get("channel", {}).get("id"), body.get("message", {}).get("ts")


def decide(ack: Ack, body: dict, client: WebClient, context: BoltContext) -> None:
    """A lead's press on their copy of an alert: the copy is shown as it now stands."""
    who = who_pressed(body)
    action_id, copy_id = _pressed(body)
    decisions = services_of(context).safeguarding_decisions
    press = {
        PUT_BACK: decisions.put_back, FOLLOWING: decisions.following_up,
        CHECK_IN: decisions.check_in,
    }[action_id]  # fmt: skip
    outcome = press(who, copy_id)
    ack()  # only once it is stored: a click acknowledged is a click kept
    channel, ts = _where(body)
    if isinstance(outcome, AlertShown) and channel and ts:
        client.chat_update(channel=channel, ts=ts, **alert_message(outcome.alert))
    elif isinstance(outcome, AlertShown):
        client.chat_postMessage(channel=who.id, **alert_message(outcome.alert))
    else:
        client.chat_postMessage(channel=who.id, text=escape(words_of(outcome) or ""))


def answer_check_in(ack: Ack, body: dict, client: WebClient, context: BoltContext) -> None:
    """A member's yes or no to a lead's kind check-in: the offer turns into the answer."""
    who = who_pressed(body)
    action_id, check_in_id = _pressed(body)
    outcome = services_of(context).safeguarding_decisions.answer_check_in(
        who, check_in_id, action_id == CHECK_IN_YES
    )
    ack()  # only once it is stored: a click acknowledged is a click kept
    text = escape(words_of(outcome) or "")
    channel, ts = _where(body)
    if isinstance(outcome, Told) and channel and ts:
        client.chat_update(channel=channel, ts=ts, text=text, blocks=[section(text)])
    else:
        client.chat_postMessage(channel=who.id, text=text)


def register(app: App) -> None:
    for action_id in (PUT_BACK, FOLLOWING, CHECK_IN):
        app.action(action_id)(decide)
    app.action(CHECK_IN_YES)(answer_check_in)
    app.action(CHECK_IN_NO)(answer_check_in)
