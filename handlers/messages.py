"""Plain replies in the bot's direct messages: stored before Slack gets its answer, then thanked.

Storing happens in a middleware, which Bolt runs before it acknowledges the event: the reply is
in the database (or, if the database is away, in the durable spool) before Slack hears "200 OK".
If even the spool fails, Slack gets a 500 and sends the event again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from slack_bolt import App, BoltContext, BoltResponse
from slack_sdk import WebClient

from bot.domain.errors import UserError
from bot.domain.safeguarding import URGENT
from bot.services import Services
from handlers import blocks
from handlers.replies import mark_answered

log = logging.getLogger(__name__)

KEPT = (
    "Thank you. I couldn't save your message just now because of a problem on my side, but I've "
    "kept it safe and will save it as soon as I can. I'll let you know when it's done."
)
OUTCOME = "copro_reply_outcome"


def is_direct_message(body: dict) -> bool:
    event = body.get("event") or {}
    return (
        body.get("type") == "event_callback"
        and event.get("type") == "message"
        and event.get("channel_type") == "im"
        and not event.get("subtype")
        and not event.get("bot_id")
        and bool(event.get("user"))
    )


def register(app: App, services: Services) -> None:
    @app.middleware
    def store_before_ack(body: dict, context: BoltContext, next: Callable) -> BoltResponse | None:
        if not is_direct_message(body):
            return next()
        event = body["event"]
        request = dict(
            user_id=event["user"], text=event.get("text") or "", event_id=body.get("event_id")
        )
        try:
            context[OUTCOME] = ("saved", services.replies.record_text(**request))
        except UserError as error:
            context[OUTCOME] = ("refused", str(error))
        except Exception:
            log.exception("storing a direct-message reply failed; keeping it in the spool")
            try:
                services.spool.keep(request)
            except OSError:
                log.exception("the spool failed too; asking Slack to send the event again")
                return BoltResponse(status=500, body="")
            context[OUTCOME] = ("kept", None)
        return next()

    @app.event({"type": "message", "channel_type": "im"})
    def direct_message(event: dict, context: BoltContext, client: WebClient) -> None:
        kind, value = context.get(OUTCOME) or ("ignored", None)
        channel = event.get("channel")
        if kind == "refused":
            client.chat_postMessage(channel=channel, text=value)
        elif kind == "kept":
            client.chat_postMessage(channel=channel, text=KEPT)
        elif kind == "saved" and value is not None and value.safeguarding == URGENT:
            # Signs of present risk: the kind reply with signposting replaces the usual thanks.
            services.safeguarding.follow_up(event["user"], value)
            mark_answered(client, value)
        elif kind == "saved" and value is not None:  # None: a retried event, thanked already
            client.chat_postMessage(
                channel=channel,
                **blocks.thanks_message(
                    value.delivery_id,
                    value.usage,
                    question=value.question,
                    next_question=value.next_question,
                    final=value.final,
                ),
            )
            mark_answered(client, value)
            services.safeguarding.follow_up(event["user"], value)  # weak signs: a gentle line

    @app.event("message")
    def other_messages() -> None:
        """Messages elsewhere are not for us; acknowledging them keeps Bolt's log quiet."""
