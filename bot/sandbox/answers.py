"""What a simulated member sees and sends: the prompts they got, and a filled-in answer form.

Shared by the demo and the tests, so both read prompts and fill the form exactly as the bot
built them (the ids come from handlers.blocks, not copies of them).
"""

from __future__ import annotations

from typing import Any

from bot.sandbox.web_api import Call, SlackWebAPIStandIn
from handlers import blocks


def prompted_deliveries(api: SlackWebAPIStandIn) -> dict[str, str]:
    """Each prompted user's delivery id, read off the Answer button of the prompt they got."""
    found = {}
    for call in api.calls_to("chat.postMessage"):
        for block in call.params.get("blocks") or []:
            for element in block.get("elements", []):
                if element.get("action_id") == blocks.ANSWER:
                    found[call.params["channel"]] = element["value"]
    return found


def consent_requests(api: SlackWebAPIStandIn) -> dict[str, Call]:
    """Each user's latest consent request, read off its "Yes, I agree" button."""
    found = {}
    for call in api.calls_to("chat.postMessage"):
        for block in call.params.get("blocks") or []:
            for element in block.get("elements", []):
                if element.get("action_id") == blocks.CONSENT_AGREE:
                    found[call.params["channel"]] = call
    return found


def consent_version(message: dict[str, Any]) -> str:
    """The consent wording's version, which both buttons of a request (or a reply) carry."""
    actions = next(b for b in message["blocks"] if b.get("block_id") == "consent_actions")
    return actions["elements"][0]["value"]


def form_state(
    working: str | None = None, change: str | None = None, *, anonymous: bool = False
) -> dict[str, Any]:
    """The answer form's ``state.values`` as Slack sends them on submission."""
    chosen = [{"value": "anonymous", "text": {"type": "plain_text", "text": "Answer anonymously"}}]

    def box(text: str | None) -> dict[str, Any]:
        return {blocks.ANSWER_INPUT: {"type": "plain_text_input", "value": text}}

    return {
        blocks.QUESTION_BLOCK + "working": box(working),
        blocks.QUESTION_BLOCK + "change": box(change),
        blocks.ANONYMOUS_BLOCK: {
            blocks.ANONYMOUS_ACTION: {
                "type": "checkboxes",
                "selected_options": chosen if anonymous else [],
            }
        },
    }
