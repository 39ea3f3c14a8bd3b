"""Block Kit builders: every message and modal the bot shows, in one place.

Each message carries a plain ``text`` too: it is what notifications and screen readers use.
"""

from __future__ import annotations

import json
from typing import Any

from bot.domain.consent_wording import ConsentWording
from bot.domain.messenger import PromptMessage, ReminderMessage
from bot.domain.replies import AnswerForm
from handlers.text import HEADER_LIMIT, SECTION_LIMIT, escape, shorten

ANSWER = "copro_answer"
SKIP = "copro_skip"
SNOOZE = "copro_snooze"
OPT_OUT = "copro_opt_out"
CHANGE = "copro_change"
CONSENT_AGREE = "copro_consent_agree"
CONSENT_DECLINE = "copro_consent_decline"
FORGET_CONFIRM = "copro_forget_confirm"
FORGET_CANCEL = "copro_forget_cancel"
ANSWER_VIEW = "copro_answer_form"
ANONYMOUS_BLOCK = "anonymous"
ANONYMOUS_ACTION = "anonymous_choice"
QUESTION_BLOCK = "q:"  # block id prefix, followed by the question id
ANSWER_INPUT = "answer"
INPUT_LIMIT = 3000  # Slack's ceiling for a plain_text_input


def section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": shorten(text, SECTION_LIMIT)}}


def context(text: str) -> dict[str, Any]:
    return {
        "type": "context",
        "elements": [{"type": "mrkdwn", "text": shorten(text, SECTION_LIMIT)}],
    }


def header(text: str) -> dict[str, Any]:
    return {
        "type": "header",
        "text": {"type": "plain_text", "text": shorten(text, HEADER_LIMIT), "emoji": True},
    }


def button(text: str, action_id: str, value: str, style: str | None = None) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "button",
        "text": {"type": "plain_text", "text": text, "emoji": True},
        "action_id": action_id,
        "value": value,
    }
    if style:
        element["style"] = style
    return element


def prompt_message(prompt: PromptMessage) -> dict[str, Any]:
    day = escape(prompt.day_name)
    questions = "\n".join(f"• {escape(q.text)}" for q in prompt.questions)
    text = f"Thank you for joining {prompt.day_name}. When you have a moment, how did it go?"
    value = str(prompt.delivery_id)
    return {
        "text": text,
        "blocks": [
            section(
                f"Hello! Thank you for being part of *{day}*.\nWhen you have a moment, "
                f"we'd love to hear your thoughts:\n{questions}"
            ),
            context(
                "Press *Answer* to use a short form, or simply reply to this message. "
                "You can answer anonymously in the form."
            ),
            {
                "type": "actions",
                "block_id": "prompt_actions",
                "elements": [
                    button("Answer", ANSWER, value, "primary"),
                    button("Remind me later", SNOOZE, value),
                    button("Skip this time", SKIP, value),
                    button("I'd rather not be asked", OPT_OUT, value),
                ],
            },
        ],
    }


def reminder_message(reminder: ReminderMessage) -> dict[str, Any]:
    day = escape(reminder.day_name)
    closing = (
        "This is the last reminder for this one."
        if reminder.last
        else "No pressure: if now isn't a good time, that's fine."
    )
    text = f"A gentle reminder: we'd still love your thoughts on {reminder.day_name}."
    value = str(reminder.delivery_id)
    return {
        "text": text,
        "blocks": [
            section(f"A gentle reminder: we'd still love your thoughts on *{day}*. {closing}"),
            {
                "type": "actions",
                "block_id": "reminder_actions",
                "elements": [
                    button("Answer", ANSWER, value, "primary"),
                    button("Skip this time", SKIP, value),
                ],
            },
        ],
    }


def answered_message(
    day_name: str, delivery_id: int, *, anonymous: bool | None = None
) -> dict[str, Any]:
    """What the prompt turns into once answered: thanks, and a way to change the answer."""
    how = " anonymously" if anonymous else ""
    text = f"Thank you, your reflection on {day_name} is saved{how}."
    return {
        "text": text,
        "blocks": [
            section(
                f"Thank you, your reflection on *{escape(day_name)}* is saved{how}. :seedling:"
            ),
            {
                "type": "actions",
                "block_id": "answered_actions",
                "elements": [button("Change my answer", CHANGE, str(delivery_id))],
            },
        ],
    }


def skipped_message(day_name: str) -> dict[str, Any]:
    text = f"No problem, you've skipped {day_name}. We'll ask again after the next programme day."
    return {"text": text, "blocks": [section(escape(text))]}


def answer_form(form: AnswerForm) -> dict[str, Any]:
    blocks: list[dict[str, Any]] = [
        section(
            f"Your reflection on *{escape(form.day_name)}*. Write as much or as little as you like."
        ),
    ]
    for question in form.questions:
        element: dict[str, Any] = {
            "type": "plain_text_input",
            "action_id": ANSWER_INPUT,
            "multiline": True,
            "max_length": INPUT_LIMIT,
        }
        if form.answers.get(question.id):
            element["initial_value"] = form.answers[question.id][:INPUT_LIMIT]
        blocks.append(
            {
                "type": "input",
                "block_id": QUESTION_BLOCK + question.id,
                "optional": True,
                "label": {"type": "plain_text", "text": shorten(question.text, 2000)},
                "element": element,
            }
        )
    anonymous_option = {
        "text": {"type": "plain_text", "text": "Answer anonymously"},
        "description": {
            "type": "plain_text",
            "text": "Your name will never be shown with this answer.",
        },
        "value": "anonymous",
    }
    checkbox: dict[str, Any] = {
        "type": "checkboxes",
        "action_id": ANONYMOUS_ACTION,
        "options": [anonymous_option],
    }
    if form.anonymous:
        checkbox["initial_options"] = [anonymous_option]
    blocks.append(
        {
            "type": "input",
            "block_id": ANONYMOUS_BLOCK,
            "optional": True,
            "label": {"type": "plain_text", "text": "Your name"},
            "element": checkbox,
        }
    )
    blocks.append(
        {
            "type": "actions",
            "block_id": "form_actions",
            "elements": [button("Skip this time", SKIP, str(form.delivery_id))],
        }
    )
    return {
        "type": "modal",
        "callback_id": ANSWER_VIEW,
        "private_metadata": json.dumps({"delivery_id": form.delivery_id}),
        "title": {"type": "plain_text", "text": "Your reflection"},
        "submit": {"type": "plain_text", "text": "Save"},
        "close": {"type": "plain_text", "text": "Not now"},
        "blocks": blocks,
    }


def notice_modal(title: str, text: str) -> dict[str, Any]:
    return {
        "type": "modal",
        "title": {"type": "plain_text", "text": shorten(title, 24)},
        "close": {"type": "plain_text", "text": "Close"},
        "blocks": [section(escape(text))],
    }


def forget_me_confirmation() -> dict[str, Any]:
    text = (
        "This will permanently delete every reflection you have written (anonymous ones too) "
        "and stop all prompts. It cannot be undone. Are you sure?"
    )
    return {
        "text": text,
        "blocks": [
            section(text),
            {
                "type": "actions",
                "block_id": "forget_actions",
                "elements": [
                    button("Yes, delete everything", FORGET_CONFIRM, "confirm", "danger"),
                    button("No, keep it", FORGET_CANCEL, "cancel"),
                ],
            },
        ],
    }


def consent_message(wording: ConsentWording) -> dict[str, Any]:
    """The consent request: what the bot asks, keeps and shows, with a yes and a no.

    The buttons carry the wording's version, so a yes is recorded against the words read.
    """
    blocks: list[dict[str, Any]] = [section(escape(wording.intro))]
    blocks += [section(f"*{escape(p.heading)}*\n{escape(p.text)}") for p in wording.parts]
    blocks.append(
        {
            "type": "actions",
            "block_id": "consent_actions",
            "elements": [
                button("Yes, I agree", CONSENT_AGREE, wording.version, "primary"),
                button("No, thank you", CONSENT_DECLINE, wording.version),
            ],
        }
    )
    return {"text": wording.plain_text(), "blocks": blocks}


def consent_answered(agreed: bool) -> str:
    if agreed:
        return (
            "Thank you! I'll send you a few short questions after the next programme day. "
            "Your answers won't be quoted unless you say so. You can change your mind at any "
            "time in my Home tab, or type `/copro pause`."
        )
    return (
        "That's fine. I won't send you any questions. If you change your mind, type "
        "`/copro consent` or open my Home tab."
    )
