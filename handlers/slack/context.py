"""What every Slack listener needs from a request: the services, and who is asking."""

from __future__ import annotations

from typing import Any

from slack_bolt import App, BoltContext

from bot.domain.identity import SLACK, Identity

SERVICES = "copro_services"


def provide(app: App, services: Any) -> None:
    """Hand the services to every listener through Bolt's context, so listeners can be plain
    module-level functions."""

    @app.middleware
    def with_services(context: BoltContext, next) -> None:
        context[SERVICES] = services
        return next()


def services_of(context: BoltContext) -> Any:
    return context[SERVICES]


def person(user_id: str) -> Identity:
    return Identity(SLACK, user_id)


def who_pressed(body: dict) -> Identity:
    return person(body["user"]["id"])


def delivery_id(body: dict) -> int | None:
    """The prompt a button belongs to; None when the button's value is not one of ours.
    A thank-you's buttons carry "<delivery>:<message>"."""
    try:
        return int(str(body["actions"][0]["value"]).split(":")[0])
    except (KeyError, IndexError, TypeError, ValueError):
        return None


def message_number(body: dict) -> int | None:
    """Which plain message of the reply a thank-you's button is about; None if it says none."""
    try:
        _, _, number = str(body["actions"][0]["value"]).partition(":")
        return int(number) if number else None
    except (KeyError, IndexError, TypeError, ValueError):
        return None
