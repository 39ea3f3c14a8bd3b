"""Slack's documented limits for views and blocks, checked on what the bot really builds.

slack_sdk's own models check what they can (a view's 100 blocks, say); the limits they leave
out are checked here, each with the figure from Slack's Block Kit reference.
"""

from __future__ import annotations

import json
from typing import Any

from slack_sdk.models.views import View

LIMITS = {
    "section_text": 3000,
    "header_text": 150,
    "context_elements": 10,
    "actions_elements": 25,
    "button_text": 75,
    "button_value": 2000,
    "action_id": 255,
    "block_id": 255,
    "option_text": 75,
    "select_options": 100,
    "confirm_title": 100,
    "confirm_text": 300,
    "private_metadata": 3000,
}


def problems(view: dict[str, Any]) -> list[str]:
    """Every way ``view`` breaks a limit; an empty list when Slack would take it."""
    found: list[str] = []
    try:
        View(**view).validate_json()
    except Exception as error:  # the SDK's own checks, e.g. more than 100 blocks
        found.append(f"slack_sdk: {error}")
    if len(view.get("private_metadata") or "") > LIMITS["private_metadata"]:
        found.append("private_metadata too long")
    for index, block in enumerate(view.get("blocks", [])):
        found += [f"block {index}: {p}" for p in _block(block)]
    return found


def _block(block: dict[str, Any]) -> list[str]:
    out = []
    if len(block.get("block_id", "")) > LIMITS["block_id"]:
        out.append("block_id too long")
    kind = block["type"]
    if kind == "section":
        if len(block["text"]["text"]) > LIMITS["section_text"]:
            out.append(f"section text is {len(block['text']['text'])} characters")
        if "accessory" in block:
            out += _element(block["accessory"])
    elif kind == "header" and len(block["text"]["text"]) > LIMITS["header_text"]:
        out.append("header too long")
    elif kind == "context" and len(block["elements"]) > LIMITS["context_elements"]:
        out.append("too many context elements")
    elif kind == "actions":
        if len(block["elements"]) > LIMITS["actions_elements"]:
            out.append("too many actions")
        ids = [e.get("action_id") for e in block["elements"]]
        if len(ids) != len(set(ids)):
            out.append(f"action ids repeat within one block: {ids}")
        for element in block["elements"]:
            out += _element(element)
    return out


def _element(element: dict[str, Any]) -> list[str]:
    out = []
    if len(element.get("action_id", "")) > LIMITS["action_id"]:
        out.append("action_id too long")
    if element["type"] == "button":
        if len(element["text"]["text"]) > LIMITS["button_text"]:
            out.append("button text too long")
        if len(element.get("value", "")) > LIMITS["button_value"]:
            out.append("button value too long")
    options = element.get("options") or []
    if len(options) > LIMITS["select_options"]:
        out.append("too many options")
    out += [
        "option text too long" for o in options if len(o["text"]["text"]) > LIMITS["option_text"]
    ]
    confirm = element.get("confirm")
    if confirm and (
        len(confirm["title"]["text"]) > LIMITS["confirm_title"]
        or len(confirm["text"]["text"]) > LIMITS["confirm_text"]
    ):
        out.append("confirm dialog too long")
    return out


def size(view: dict[str, Any]) -> int:
    return len(json.dumps(view))
