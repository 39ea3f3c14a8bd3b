"""The answer form's submission. Problems keep the form open with the member's words intact."""

from __future__ import annotations

import json
import logging

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.domain import usage as usages
from bot.domain.errors import UserError
from bot.services import Services
from handlers import blocks
from handlers.replies import mark_answered

log = logging.getLogger(__name__)


def register(app: App, services: Services) -> None:
    @app.view(blocks.ANSWER_VIEW)
    def submit_answer(ack: Ack, body: dict, view: dict, client: WebClient) -> None:
        user_id = body["user"]["id"]
        values = view.get("state", {}).get("values", {})
        answers = {
            block_id.removeprefix(blocks.QUESTION_BLOCK): (
                fields.get(blocks.ANSWER_INPUT) or {}
            ).get("value")
            for block_id, fields in values.items()
            if block_id.startswith(blocks.QUESTION_BLOCK)
        }
        chosen = (values.get(blocks.USAGE_BLOCK, {}).get(blocks.USAGE_INPUT) or {}).get(
            "selected_option"
        )
        usage = (chosen or {}).get("value")
        first_box = next(iter(values), blocks.USAGE_BLOCK)
        try:
            # A choice we don't know is shown under the choice, not under the first question.
            usages.checked(usage)
        except UserError as error:
            ack(response_action="errors", errors={blocks.USAGE_BLOCK: str(error)})
            return
        try:
            delivery_id = int(json.loads(view.get("private_metadata") or "{}")["delivery_id"])
            saved = services.replies.submit_form(
                user_id=user_id, delivery_id=delivery_id, answers=answers, usage=usage
            )
        except UserError as error:
            ack(response_action="errors", errors={first_box: str(error)})
            return
        except (KeyError, ValueError, TypeError):
            ack(
                response_action="errors",
                errors={
                    first_box: "This form is out of date. Please close it and press Answer again."
                },
            )
            return
        except Exception:
            log.exception("saving an answer failed")
            # The form stays open with their words in it, so nothing is lost.
            ack(
                response_action="errors",
                errors={
                    first_box: "Sorry, I couldn't save this just now. Your words are still here; "
                    "please press Save again in a minute."
                },
            )
            return
        ack()
        mark_answered(client, saved)
        services.safeguarding.follow_up(user_id, saved)
