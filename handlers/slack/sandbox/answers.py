"""What a simulated member sees and sends: the prompts they got, and a filled-in answer form.

Shared by the demo and the tests, so both read prompts and fill the form exactly as the bot
built them (the ids come from handlers.slack.blocks, not copies of them).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from bot.domain import usage as usages
from handlers.slack import blocks, consent_blocks
from handlers.slack.sandbox.web_api import Call, SlackWebAPIStandIn


def _posted_with(api: SlackWebAPIStandIn, action_id: str) -> Iterator[tuple[Call, dict]]:
    """Every message the bot posted with a button ``action_id``, and that button."""
    for call in api.calls_to("chat.postMessage"):
        for block in call.params.get("blocks") or []:
            for element in block.get("elements", []):
                if element.get("action_id") == action_id:
                    yield call, element


def prompted_deliveries(api: SlackWebAPIStandIn) -> dict[str, str]:
    """Each prompted user's delivery id, read off the Answer button of the prompt they got."""
    return {c.params["channel"]: e["value"] for c, e in _posted_with(api, blocks.ANSWER)}


def consent_requests(api: SlackWebAPIStandIn) -> dict[str, Call]:
    """Each user's latest consent request, read off its "Yes, I agree" button."""
    return {c.params["channel"]: c for c, _ in _posted_with(api, consent_blocks.CONSENT_AGREE)}


def consent_version(message: dict[str, Any]) -> str:
    """The consent wording's version, which both buttons of a request (or a reply) carry."""
    actions = next(
        b for b in message["blocks"] if b.get("block_id") == consent_blocks.CONSENT_BLOCK
    )
    return actions["elements"][0]["value"]


def form_state(
    working: str | None = None, change: str | None = None, *, usage: str | None = None
) -> dict[str, Any]:
    """The answer form's ``state.values`` as Slack sends them on submission.

    ``usage`` is the radio button chosen (``bot.domain.usage``); None sends no choice at all.
    """

    def box(text: str | None) -> dict[str, Any]:
        return {blocks.ANSWER_INPUT: {"type": "plain_text_input", "value": text}}

    chosen = None
    if usage is not None:
        label = usages.LABELS.get(usage, usage)
        chosen = {"value": usage, "text": {"type": "plain_text", "text": label}}
    return {
        blocks.QUESTION_BLOCK + "working": box(working),
        blocks.QUESTION_BLOCK + "change": box(change),
        blocks.USAGE_BLOCK: {
            blocks.USAGE_INPUT: {"type": "radio_buttons", "selected_option": chosen}
        },
    }


def latest_thanks(api: SlackWebAPIStandIn, user_id: str) -> Call:
    """The latest thank-you sent to ``user_id`` as it now stands (it is updated in place when
    they move it or change how it may be used)."""
    sent = [*api.calls_to("chat.postMessage"), *api.calls_to("chat.update")]
    for call in sorted(sent, key=lambda c: c.at, reverse=True):
        if not str(call.params.get("channel", "")).endswith(user_id[1:]):
            continue
        if any(b.get("block_id") == blocks.USAGE_BUTTONS for b in call.params.get("blocks") or []):
            return call
    raise LookupError(f"no thank-you has been sent to {user_id}")


def file_buttons(api: SlackWebAPIStandIn, user_id: str) -> dict[str, dict[str, Any]]:
    """The latest thank-you's buttons that move the reply, by question id, as the member would
    press them: "Move to: ..." or, when it asked which question, one per question."""
    for block in latest_thanks(api, user_id).params.get("blocks") or []:
        if block.get("block_id") == blocks.FILE_BUTTONS:
            return {
                e["action_id"].removeprefix(blocks.FILE_ACTION_PREFIX): e for e in block["elements"]
            }
    return {}


def usage_button(api: SlackWebAPIStandIn, user_id: str, usage: str) -> dict[str, Any] | None:
    """The button for ``usage`` on the latest thank-you sent to ``user_id`` (its ``action_id``
    and ``value``), as the member would press it; None when that is already the reply's choice
    (the thank-you offers only the other choices). The thanks is updated after each change,
    so updates count as well as new messages."""
    sent = [*api.calls_to("chat.postMessage"), *api.calls_to("chat.update")]
    for call in sorted(sent, key=lambda c: c.at, reverse=True):
        if not str(call.params.get("channel", "")).endswith(user_id[1:]):
            continue
        for block in call.params.get("blocks") or []:
            if block.get("block_id") != blocks.USAGE_BUTTONS:
                continue
            for element in block.get("elements", []):
                if element.get("action_id") == blocks.USAGE_ACTIONS[usage]:
                    return element
            return None
    raise LookupError(f"no thank-you with usage buttons has been sent to {user_id}")
