"""Every Slack listener, registered in one place; the services reach them through Bolt's
context (``handlers.slack.context``)."""

from __future__ import annotations

from typing import Any

from slack_bolt import App

from handlers.slack import (
    actions,
    commands,
    context,
    home,
    messages,
    safeguarding_actions,
    views,
)


def register(app: App, services: Any) -> None:
    context.provide(app, services)  # first: every other middleware and listener reads it
    for listener_module in (commands, actions, safeguarding_actions, views, home, messages):
        listener_module.register(app)
