"""Render what the bot sent to the stand-in as a person would read it, for the demo."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from typing import Any

from handlers.slack.sandbox.web_api import Call, SlackWebAPIStandIn

MARKUP = re.compile(r"(?<![\w*_])([*_])(\S[^*_]*?)\1(?![\w*_])")


def readable(mrkdwn: str) -> str:
    """Slack's mrkdwn, unescaped and with bold markers dropped, as plain text."""
    text = MARKUP.sub(r"\2", mrkdwn)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


class Transcript:
    def __init__(self, api: SlackWebAPIStandIn, out: Callable[[str], Any] = print) -> None:
        self.api = api
        self.out = out

    def name(self, user_id: str) -> str:
        user = self.api.users.get(user_id) or self.api.users.get("U" + user_id[1:]) or {}
        return user.get("real_name") or user_id

    def say(self, user_id: str, action: str) -> None:
        self.out(f"\n{self.name(user_id)} {action}.")

    def show(self, call: Call) -> None:
        channel = str(call.params.get("channel", ""))
        where = "#digest" if channel.startswith("C") else self.name(channel)
        verb = "updates its message to" if call.method == "chat.update" else "writes to"
        self.out(f"  copro-bot {verb} {where}:")
        blocks = call.params.get("blocks") or []
        lines = self.blocks(blocks) if blocks else [readable(call.params.get("text", ""))]
        self._box(lines)

    def show_view(self, view: dict[str, Any]) -> None:
        self.out(f"  A form opens: {view.get('title', {}).get('text', '')}")
        self._box(
            self.blocks(view.get("blocks", []))
            + [f"[ {view.get('submit', {}).get('text', 'Save')} ]"]
        )

    def show_text(self, payload: dict[str, Any] | str) -> None:
        if isinstance(payload, str):
            self._box([readable(payload)])
            return
        blocks = payload.get("blocks")
        self._box(self.blocks(blocks) if blocks else [readable(payload.get("text", ""))])

    def blocks(self, blocks: list[dict[str, Any]]) -> list[str]:
        lines: list[str] = []
        for block in blocks:
            kind = block.get("type")
            if kind == "header":
                lines += [block["text"]["text"].upper()]
            elif kind == "section":
                lines += readable(block["text"]["text"]).splitlines()
                if block.get("accessory"):
                    lines += [_control(block["accessory"])]
                lines += [""]
            elif kind == "context":
                lines += [readable(e.get("text", "")) for e in block.get("elements", [])] + [""]
            elif kind == "actions":
                lines += ["  ".join(_control(e) for e in block.get("elements", []))]
            elif kind == "divider":
                lines += ["-" * 40]
            elif kind == "input":
                element = block.get("element", {})
                if element.get("type") == "checkboxes":
                    lines += [f"[ ] {o['text']['text']}" for o in element.get("options", [])]
                elif element.get("type") == "radio_buttons":
                    chosen = (element.get("initial_option") or {}).get("value")
                    lines += [block["label"]["text"]] + [
                        f"  ({'o' if o['value'] == chosen else ' '}) {o['text']['text']}"
                        for o in element.get("options", [])
                    ]
                else:
                    lines += [block["label"]["text"], "  [ ............................ ]"]
        while lines and not lines[-1]:
            lines.pop()
        return lines

    def _box(self, lines: list[str]) -> None:
        for line in lines:
            for piece in textwrap.wrap(line, 86) or [""]:
                self.out(f"  | {piece}")


def _control(element: dict[str, Any]) -> str:
    """A button, menu or date picker as a line of text."""
    kind = element.get("type")
    if kind == "static_select":
        chosen = (element.get("initial_option") or {}).get("text") or element.get("placeholder")
        return f"[ {(chosen or {}).get('text', '')} v ]"
    if kind == "datepicker":
        shown = element.get("initial_date") or element.get("placeholder", {}).get("text", "")
        return f"[ {shown} (date) ]"
    return f"[ {element.get('text', {}).get('text', '')} ]"
