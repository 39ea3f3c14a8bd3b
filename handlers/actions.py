"""Buttons: consent, answer, change, skip, "I'd rather not be asked", how a reply's words
may be used, and forget-me."""

from __future__ import annotations

import re

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.domain.consent import OutdatedWording
from bot.domain.errors import UserError
from bot.services import Services
from handlers import blocks, consent_blocks, home
from handlers.replies import kindly, mark_answered


def register(app: App, services: Services) -> None:
    @app.action(blocks.ANSWER)
    @app.action(blocks.CHANGE)
    def open_answer_form(ack: Ack, body: dict, client: WebClient) -> None:
        ack()
        user_id = body["user"]["id"]

        def tell(text: str) -> None:
            client.views_open(
                trigger_id=body["trigger_id"], view=blocks.notice_modal("Your reflection", text)
            )

        with kindly(tell, "opening the answer form"):
            form = services.replies.form(user_id=user_id, delivery_id=_delivery_id(body))
            client.views_open(trigger_id=body["trigger_id"], view=blocks.answer_form(form))

    @app.action(blocks.SKIP)
    def skip(ack: Ack, body: dict, client: WebClient) -> None:
        ack()
        user_id = body["user"]["id"]
        in_form = body.get("container", {}).get("type") == "view"

        def tell(text: str) -> None:
            if in_form:
                client.views_update(
                    view_id=body["view"]["id"], view=blocks.notice_modal("Your reflection", text)
                )
            else:
                client.chat_postMessage(channel=user_id, text=text)

        with kindly(tell, "skipping a prompt"):
            saved = services.replies.skip(user_id=user_id, delivery_id=_delivery_id(body))
            if saved.channel and saved.message_ts:
                client.chat_update(
                    channel=saved.channel,
                    ts=saved.message_ts,
                    **blocks.skipped_message(saved.day_name),
                )
            if in_form:
                tell(blocks.skipped_message(saved.day_name)["text"])

    @app.action(re.compile("^" + re.escape(blocks.USAGE_ACTION_PREFIX)))
    def choose_usage(ack: Ack, body: dict, client: WebClient) -> None:
        """The thank-you's buttons: quote by name, without a name, or count in the themes only."""
        ack()
        user_id = body["user"]["id"]
        action = (body.get("actions") or [{}])[0]
        chosen = str(action.get("action_id", "")).removeprefix(blocks.USAGE_ACTION_PREFIX)
        channel, ts = body.get("channel", {}).get("id"), body.get("message", {}).get("ts")

        def tell(text: str) -> None:
            client.chat_postMessage(channel=user_id, text=text)

        with kindly(tell, "changing how a reply may be used"):
            saved = services.replies.set_usage(
                user_id=user_id, delivery_id=_delivery_id(body), usage=chosen
            )
            mark_answered(client, saved)  # the prompt says the new choice too
            changed = blocks.usage_changed_message(saved.delivery_id, saved.usage)
            if channel and ts:
                client.chat_update(channel=channel, ts=ts, **changed)
            else:
                client.chat_postMessage(channel=user_id, **changed)

    @app.action(blocks.SNOOZE)
    def snooze(ack: Ack, body: dict, client: WebClient) -> None:
        ack()
        user_id = body["user"]["id"]

        def tell(text: str) -> None:
            client.chat_postMessage(channel=user_id, text=text)

        with kindly(tell, "snoozing a prompt"):
            services.replies.snooze(user_id=user_id, delivery_id=_delivery_id(body))
            tell("Of course. I'll remind you in a few hours (never late at night).")

    @app.action(blocks.OPT_OUT)
    def opt_out(ack: Ack, body: dict, client: WebClient) -> None:
        ack()
        user_id = body["user"]["id"]
        text = (
            "Understood. I won't send you any more reflection prompts. If you change your "
            "mind, type `/copro resume`. Thank you for everything you've shared."
        )
        with kindly(lambda t: client.chat_postMessage(channel=user_id, text=t), "opting out"):
            services.members.set_paused(user_id=user_id, paused=True)
            channel, ts = body.get("channel", {}).get("id"), body.get("message", {}).get("ts")
            if channel and ts:
                client.chat_update(channel=channel, ts=ts, text=text, blocks=[blocks.section(text)])
            else:
                client.chat_postMessage(channel=user_id, text=text)

    @app.action(consent_blocks.CONSENT_AGREE)
    @app.action(consent_blocks.CONSENT_DECLINE)
    def consent(ack: Ack, body: dict, respond: Respond, client: WebClient) -> None:
        ack()
        user_id = body["user"]["id"]
        agreed = body["actions"][0].get("action_id") == consent_blocks.CONSENT_AGREE
        version = str(body["actions"][0].get("value") or "")
        with kindly(lambda t: client.chat_postMessage(channel=user_id, text=t), "consent"):
            try:
                services.consent.decide(user_id=user_id, version=version, agreed=agreed)
            except OutdatedWording:
                # Show the new words in place of the old, so there is one thing to answer.
                for wording in services.consent.waiting(user_id=user_id):
                    respond(replace_original=True, **consent_blocks.consent_message(wording))
                raise
            text = consent_blocks.consent_answered(agreed)
            respond(replace_original=True, text=text, blocks=[blocks.section(text)])
            home.refresh(client, services, user_id)

    @app.action(blocks.FORGET_CONFIRM)
    def forget(ack: Ack, body: dict, respond: Respond) -> None:
        ack()
        with kindly(lambda t: respond(text=t, replace_original=True), "forget-me"):
            erased = services.members.forget(user_id=body["user"]["id"])
            respond(
                replace_original=True,
                text=(
                    f"Done. I've deleted everything you wrote ({erased.replies} "
                    f"reflection{'s' if erased.replies != 1 else ''}) and your details, and I "
                    "won't send you prompts. If you ever want to take part again, type "
                    "`/copro resume`."
                ),
            )

    @app.action(blocks.FORGET_CANCEL)
    def keep(ack: Ack, respond: Respond) -> None:
        ack()
        respond(replace_original=True, text="Nothing was deleted. Your reflections are safe.")


def _delivery_id(body: dict) -> int:
    try:
        return int(body["actions"][0]["value"])
    except (KeyError, IndexError, TypeError, ValueError):
        raise UserError(
            "Sorry, that button didn't work. Please try the one on my latest message."
        ) from None
