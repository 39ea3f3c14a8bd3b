"""A cheap shape check on Slack request bodies before Bolt sees them.

Bolt trusts that a signed body has Slack's shape; a body that parses but has the wrong shape
(``"event": null``, a JSON list) makes it raise, and Slack would be asked to retry garbage. We
refuse such bodies with 400 up front. This checks shape only; meaning stays with Bolt.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs

OBJECT_FIELDS = (
    "event",
    "user",
    "view",
    "container",
    "channel",
    "message",
    "team",
    "authorizations",
)


def well_formed(body: bytes, content_type: str) -> bool:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    # Bolt reads any body starting with "{" as JSON, whatever its content type says.
    if content_type.startswith("application/json") or text.startswith("{"):
        return _object_ok(_json(text))
    form = parse_qs(text, keep_blank_values=True)
    if "payload" in form:
        return _object_ok(_json(form["payload"][0]))
    return all(len(values) == 1 for values in form.values())  # slash commands: flat fields


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return None


def _object_ok(data: Any) -> bool:
    if not isinstance(data, dict):
        return False
    if any(key in data and not isinstance(data[key], dict) for key in OBJECT_FIELDS[:7]):
        return False
    if "authorizations" in data and not isinstance(data["authorizations"], list):
        return False
    if not isinstance(data.get("type", ""), str):
        return False
    actions = data.get("actions", [])
    if not isinstance(actions, list) or not all(isinstance(a, dict) for a in actions):
        return False
    event = data.get("event")
    return event is None or all(
        isinstance(event.get(k, ""), str) for k in ("type", "user", "text", "channel")
    )
