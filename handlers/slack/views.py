"""The answer form's submission. Problems keep the form open with the member's words intact."""

from __future__ import annotations

import json

from slack_bolt import Ack, App, BoltContext

from bot.domain.usecases.outcomes import Refused, Stored
from bot.domain.usecases.submit_form import USAGE
from handlers.slack import blocks
from handlers.slack.context import services_of, who_pressed
from handlers.slack.feedback import words_of


def submit_answer(ack: Ack, body: dict, view: dict, context: BoltContext) -> None:
    values = view.get("state", {}).get("values", {})
    answers = {
        block_id.removeprefix(blocks.QUESTION_BLOCK): (fields.get(blocks.ANSWER_INPUT) or {}).get(
            "value"
        )
        for block_id, fields in values.items()
        if block_id.startswith(blocks.QUESTION_BLOCK)
    }
    chosen = (values.get(blocks.USAGE_BLOCK, {}).get(blocks.USAGE_INPUT) or {}).get(
        "selected_option"
    )
    outcome = services_of(context).submit_form(
        who_pressed(body),
        delivery_id=_form_delivery_id(view),
        answers=answers,
        usage=(chosen or {}).get("value"),
        keep=_kept_whole(view),
    )
    if isinstance(outcome, Stored):
        ack()
        return
    about_usage = isinstance(outcome, Refused) and outcome.field == USAGE
    box = blocks.USAGE_BLOCK if about_usage else next(iter(values), blocks.USAGE_BLOCK)
    ack(response_action="errors", errors={box: words_of(outcome)})


def _form_delivery_id(view: dict) -> int | None:
    """The prompt the form answers, from the form's own record; None when it is unreadable."""
    try:
        return int(json.loads(view.get("private_metadata") or "{}")["delivery_id"])
    except (KeyError, ValueError, TypeError):
        return None


def _kept_whole(view: dict) -> set[str]:
    """Answers too long for the form's boxes: an empty box leaves them as they are."""
    try:
        kept = json.loads(view.get("private_metadata") or "{}").get("kept") or []
    except (ValueError, AttributeError):
        return set()
    return {qid for qid in kept if isinstance(qid, str)} if isinstance(kept, list) else set()


def register(app: App) -> None:
    app.view(blocks.ANSWER_VIEW)(submit_answer)
