"""A cheap shape check on Slack request bodies before Bolt sees them.

Bolt trusts that a signed body has Slack's shape; a body that parses but has the wrong shape
(``"event": null``, a form state that is a list, an action id that is a number) makes it or our
listeners raise, and Slack would be asked to retry garbage. We refuse such bodies with 400 up
front. This checks shape only, for the payload types we handle; meaning stays with Bolt and
the use cases.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs

OBJECT_FIELDS = ("event", "user", "view", "container", "channel", "message", "team")
INTERACTIONS = ("block_actions", "view_submission", "view_closed")


def well_formed(body: bytes, content_type: str) -> bool:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    # Bolt reads any body starting with "{" as JSON, whatever its content type says.
    if content_type.startswith("application/json") or text.startswith("{"):
        return _object_ok(_json(text))
    form = parse_qs(text, keep_blank_values=True)
    if not all(len(values) == 1 for values in form.values()):
        return False  # every field of Slack's forms comes once
    if "payload" in form:
        return _object_ok(_json(form["payload"][0]))
    if "command" in form:  # a slash command always says who typed it
        return bool(form.get("user_id", [""])[0]) and bool(form["command"][0])
    return "ssl_check" in form  # Slack's certificate check on the command URL


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return None


def _object_ok(data: Any) -> bool:
    if not isinstance(data, dict):
        return False
    if any(key in data and not isinstance(data[key], dict) for key in OBJECT_FIELDS):
        return False
    if "authorizations" in data and not isinstance(data["authorizations"], list):
        return False
    if not all(_text_or_absent(data, key) for key in ("type", "trigger_id", "event_id")):
        return False
    if not _text_or_absent(data.get("user") or {}, "id"):
        return False
    kind = data.get("type")
    if kind in INTERACTIONS and not _is_text((data.get("user") or {}).get("id")):
        return False  # every button and form says who pressed it
    if kind == "block_actions" and not (_is_text(data.get("trigger_id")) and _actions_ok(data)):
        return False
    if kind in ("view_submission", "view_closed") and not _view_ok(data.get("view") or {}):
        return False
    event = data.get("event")
    if event is None:
        return kind != "event_callback"
    if not _is_text(event.get("type")):
        return False  # Bolt routes every event by its type
    if event["type"] == "app_home_opened" and not _is_text(event.get("user")):
        return False
    return all(_text_or_absent(event, k) for k in ("user", "text", "channel", "channel_type"))


def _actions_ok(data: dict) -> bool:
    actions = data.get("actions")
    if (
        not isinstance(actions, list)
        or not actions
        or not all(isinstance(a, dict) for a in actions)
    ):
        return False
    for action in actions:
        if not isinstance(action.get("action_id"), str):
            return False
        if not all(_text_or_absent(action, k) for k in ("value", "selected_date", "block_id")):
            return False
        if not _option_ok(action.get("selected_option")):
            return False
    return _text_or_absent(data.get("message") or {}, "ts")


def _view_ok(view: dict) -> bool:
    if not _is_text(view.get("type")):  # "modal" or "home": Bolt matches views by it
        return False
    if not all(_text_or_absent(view, k) for k in ("id", "callback_id", "private_metadata")):
        return False
    state = view.get("state", {})
    if not isinstance(state, dict):
        return False
    values = state.get("values", {})
    if not isinstance(values, dict):
        return False
    for fields in values.values():
        if not isinstance(fields, dict) or not all(isinstance(f, dict) for f in fields.values()):
            return False
        for field in fields.values():
            if not _text_or_absent(field, "value") or not _option_ok(field.get("selected_option")):
                return False
    return True


def _option_ok(option: Any) -> bool:
    return option is None or (isinstance(option, dict) and _text_or_absent(option, "value"))


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value)


def _text_or_absent(data: dict, key: str) -> bool:
    value = data.get(key)
    return value is None or isinstance(value, str)
