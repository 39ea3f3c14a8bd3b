"""Buttons on messages: consent, answer, change, skip, remind me later, "I'd rather not be
asked", how a reply's words may be used, which question it answers, and forget-me. Each calls
one use case.

A button that changes something is acknowledged only after the use case has stored it: if
the process dies in between, Slack was never told "OK", so nothing is lost silently. What
the member then sees (a message changed, a window opened) is left for ``later``: the
listener returns at its ack, and Slack has its answer at once."""

from __future__ import annotations

import re

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.domain.usecases.outcomes import (
    ConsentDecided,
    Refiled,
    ShowConsent,
    ShowForm,
    Skipped,
    Told,
    UsageChosen,
)
from handlers.slack import blocks, consent_blocks, home
from handlers.slack.context import delivery_id, message_number, services_of, who_pressed
from handlers.slack.feedback import words_of
from handlers.slack.text import escape, say


def open_answer_form(ack: Ack, body: dict, client: WebClient, context: BoltContext) -> None:
    ack()  # nothing is stored: the form opens after the answer (its trigger lasts 3 s)
    services = services_of(context)

    def after() -> None:
        outcome = services.choices.open_form(who_pressed(body), delivery_id(body))
        view = (
            blocks.answer_form(outcome.form)
            if isinstance(outcome, ShowForm)
            else blocks.notice_modal("Your reflection", words_of(outcome) or "")
        )
        client.views_open(trigger_id=body["trigger_id"], view=view)

    services.later(after)


def skip(ack: Ack, body: dict, client: WebClient, context: BoltContext) -> None:
    who, services = who_pressed(body), services_of(context)
    outcome = services.choices.skip(who, delivery_id(body))
    ack()  # only once it is stored: a click acknowledged is a click kept

    def after() -> None:
        text = (
            blocks.skipped_message(outcome.day_name)["text"]
            if isinstance(outcome, Skipped)
            else words_of(outcome)
        )
        if body.get("container", {}).get("type") == "view":  # pressed in the answer form
            client.views_update(
                view_id=body["view"]["id"], view=blocks.notice_modal("Your reflection", text or "")
            )
        elif not isinstance(outcome, Skipped):  # the prompt itself now says "skipped"
            client.chat_postMessage(channel=who.id, text=escape(text or ""))

    services.later(after)


def choose_usage(ack: Ack, body: dict, client: WebClient, context: BoltContext) -> None:
    """The thank-you's buttons: quote by name, without a name, or count in the themes only."""
    who, services = who_pressed(body), services_of(context)
    action = (body.get("actions") or [{}])[0]
    chosen = str(action.get("action_id", "")).removeprefix(blocks.USAGE_ACTION_PREFIX)
    outcome = services.choices.choose_usage(who, delivery_id(body), chosen, message_number(body))
    ack()  # only once it is stored: a click acknowledged is a click kept

    def after() -> None:
        if not isinstance(outcome, UsageChosen):
            client.chat_postMessage(channel=who.id, text=escape(words_of(outcome) or ""))
            return
        changed = (
            blocks.thanks_message(outcome.thanks)
            if outcome.thanks
            else blocks.usage_changed_message(outcome.delivery_id, outcome.usage)
        )
        _in_place(body, client, who.id, changed)

    services.later(after)


def refile(ack: Ack, body: dict, client: WebClient, context: BoltContext) -> None:
    """The thank-you's buttons that move a plain reply under another question, or, when its
    words did not tell, say which question it answers."""
    who, services = who_pressed(body), services_of(context)
    action = (body.get("actions") or [{}])[0]
    question = str(action.get("action_id", "")).removeprefix(blocks.FILE_ACTION_PREFIX)
    outcome = services.choices.refile(who, delivery_id(body), message_number(body), question)
    ack()  # only once it is stored: a click acknowledged is a click kept

    def after() -> None:
        if isinstance(outcome, Refiled):
            _in_place(body, client, who.id, blocks.thanks_message(outcome.thanks))
        else:
            client.chat_postMessage(channel=who.id, text=escape(words_of(outcome) or ""))

    services.later(after)


def _in_place(body: dict, client: WebClient, user_id: str, changed: dict) -> None:
    """Replace the pressed message (the thank-you) with ``changed``."""
    channel, ts = body.get("channel", {}).get("id"), body.get("message", {}).get("ts")
    if channel and ts:
        client.chat_update(channel=channel, ts=ts, **changed)
    else:
        client.chat_postMessage(channel=user_id, **changed)


def snooze(ack: Ack, body: dict, client: WebClient, context: BoltContext) -> None:
    who, services = who_pressed(body), services_of(context)
    outcome = services.choices.remind_later(who, delivery_id(body))
    ack()  # only once it is stored: a click acknowledged is a click kept
    text = escape(words_of(outcome) or "")
    services.later(lambda: client.chat_postMessage(channel=who.id, text=text))


def opt_out(ack: Ack, body: dict, client: WebClient, context: BoltContext) -> None:
    who, services = who_pressed(body), services_of(context)
    outcome = services.choices.opt_out(who)
    ack()  # only once it is stored: a click acknowledged is a click kept
    text = escape(words_of(outcome) or "")
    channel, ts = body.get("channel", {}).get("id"), body.get("message", {}).get("ts")

    def after() -> None:
        if channel and ts and isinstance(outcome, Told):  # the prompt itself says it
            client.chat_update(channel=channel, ts=ts, text=text, blocks=[blocks.section(text)])
        else:
            client.chat_postMessage(channel=who.id, text=text)

    services.later(after)


def consent(
    ack: Ack, body: dict, respond: Respond, client: WebClient, context: BoltContext
) -> None:
    who = who_pressed(body)
    services = services_of(context)
    action = body["actions"][0]
    agreed = action.get("action_id") == consent_blocks.CONSENT_AGREE
    outcome = services.choices.decide_consent(who, str(action.get("value") or ""), agreed)
    ack()  # only once it is stored: a click acknowledged is a click kept

    def after() -> None:
        if isinstance(outcome, ConsentDecided):
            text = consent_blocks.consent_answered(outcome.agreed)
            respond(replace_original=True, text=text, blocks=[blocks.section(text)])
            home.refresh(client, services, who)
        elif isinstance(outcome, ShowConsent):
            for wording in outcome.wordings:
                respond(replace_original=True, **consent_blocks.consent_message(wording))
            client.chat_postMessage(channel=who.id, text=escape(say(outcome.note or "")))
        else:
            client.chat_postMessage(channel=who.id, text=escape(words_of(outcome) or ""))

    services.later(after)


def forget(ack: Ack, body: dict, respond: Respond, context: BoltContext) -> None:
    services = services_of(context)
    outcome = services.choices.forget_me(who_pressed(body))
    ack()  # only once it is stored: a click acknowledged is a click kept
    text = escape(words_of(outcome) or "")
    services.later(lambda: respond(replace_original=True, text=text))


def keep(ack: Ack, body: dict, respond: Respond, context: BoltContext) -> None:
    services = services_of(context)
    outcome = services.choices.keep_everything(who_pressed(body))
    ack()
    text = escape(words_of(outcome) or "")
    services.later(lambda: respond(replace_original=True, text=text))


def register(app: App) -> None:
    app.action(blocks.ANSWER)(open_answer_form)
    app.action(blocks.CHANGE)(open_answer_form)
    app.action(blocks.SKIP)(skip)
    app.action(re.compile("^" + re.escape(blocks.USAGE_ACTION_PREFIX)))(choose_usage)
    app.action(re.compile("^" + re.escape(blocks.FILE_ACTION_PREFIX)))(refile)
    app.action(blocks.SNOOZE)(snooze)
    app.action(blocks.OPT_OUT)(opt_out)
    app.action(consent_blocks.CONSENT_AGREE)(consent)
    app.action(consent_blocks.CONSENT_DECLINE)(consent)
    app.action(blocks.FORGET_CONFIRM)(forget)
    app.action(blocks.FORGET_CANCEL)(keep)
