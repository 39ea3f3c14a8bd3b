"""Plain replies in the bot's direct messages: stored against the latest prompt, then thanked."""

from __future__ import annotations

import logging

from slack_bolt import App
from slack_sdk import WebClient

from bot.domain.errors import UserError
from bot.services import Services
from handlers.replies import NOT_SAVED, mark_answered
from handlers.text import escape

log = logging.getLogger(__name__)


def register(app: App, services: Services) -> None:
    @app.event({"type": "message", "channel_type": "im"})
    def direct_message(event: dict, body: dict, client: WebClient) -> None:
        if event.get("subtype") or event.get("bot_id"):
            return  # edits, joins, and our own messages are not replies
        user_id, channel = event.get("user"), event.get("channel")
        if not user_id or not channel:
            return
        try:
            saved = services.replies.record_text(
                user_id=user_id, text=event.get("text") or "", event_id=body.get("event_id")
            )
        except UserError as error:
            client.chat_postMessage(channel=channel, text=str(error))
            return
        except Exception:
            log.exception("storing a direct-message reply failed")
            client.chat_postMessage(channel=channel, text=NOT_SAVED)
            return
        if saved is None:
            return  # Slack sent this event again; it was stored the first time
        filed = f" as your answer to “{escape(saved.question)}”" if saved.question else ""
        more = (
            f" If you'd like to answer “{escape(saved.next_question)}” too, just reply again."
            if saved.next_question
            else ""
        )
        text = f"Thank you, I've saved that{filed}.{more}"
        client.chat_postMessage(channel=channel, text=text)
        mark_answered(client, saved)

    @app.event("message")
    def other_messages() -> None:
        """Messages elsewhere are not for us; acknowledging them keeps Bolt's log quiet."""
