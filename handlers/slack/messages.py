"""Plain replies in the bot's direct messages, stored before Slack gets its answer.

The use case runs in a middleware, which Bolt runs before it acknowledges the event: the
reply is in the database (or, if the database is away, in the durable spool) before Slack
hears "200 OK". If even the spool fails, Slack gets a 500 and sends the event again. What the
member is told runs after the acknowledgement, inside the use case.
"""

from __future__ import annotations

from collections.abc import Callable

from slack_bolt import App, BoltContext, BoltResponse

from bot.domain.usecases.outcomes import SendAgain
from handlers.slack.context import person, services_of


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


def store_before_ack(body: dict, context: BoltContext, next: Callable) -> BoltResponse | None:
    if not is_direct_message(body):
        return next()
    event = body["event"]
    outcome = services_of(context).reply_in_words(
        person(event["user"]), event.get("text") or "", event_id=body.get("event_id")
    )
    if isinstance(outcome, SendAgain):
        return BoltResponse(status=500, body="")
    return next()


def direct_message() -> None:
    """Stored, and answered, by the use case the middleware called."""


def other_messages() -> None:
    """Messages elsewhere are not for us; acknowledging them keeps Bolt's log quiet."""


def register(app: App) -> None:
    app.middleware(store_before_ack)
    app.event({"type": "message", "channel_type": "im"})(direct_message)
    app.event("message")(other_messages)
