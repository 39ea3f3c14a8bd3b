"""Block Kit builders: every message and modal the bot shows, in one place.

Each message carries a plain ``text`` too: it is what notifications and screen readers use.
"""

from __future__ import annotations

import json
from typing import Any

from bot.domain import usage as usages
from bot.domain.filing import wording as filing_words
from bot.domain.messenger import PromptMessage, ReminderMessage, Thanks
from bot.domain.replies import AnswerForm
from bot.domain.wording import shorten
from handlers.slack.text import HEADER_LIMIT, SECTION_LIMIT, escape

ANSWER = "copro_answer"
SKIP = "copro_skip"
SNOOZE = "copro_snooze"
OPT_OUT = "copro_opt_out"
CHANGE = "copro_change"
FORGET_CONFIRM = "copro_forget_confirm"
FORGET_CANCEL = "copro_forget_cancel"
ANSWER_VIEW = "copro_answer_form"
USAGE_BLOCK = "usage"  # the form's choice of how the words may be used
USAGE_INPUT = "usage_choice"
# The thank-you's buttons, one action id per choice: Slack wants them unique in a block.
USAGE_ACTION_PREFIX = "copro_usage:"
USAGE_ACTIONS = {choice: USAGE_ACTION_PREFIX + choice for choice in usages.CHOICES}
USAGE_BUTTONS = "usage_actions"  # their block
# The thank-you's buttons that move a plain reply under another question: one per question,
# "copro_file:<question id>", each with the value "<delivery id>:<message number>".
FILE_ACTION_PREFIX = "copro_file:"
FILE_BUTTONS = "filing_actions"  # their block
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
    text = f"Thank you for joining {day}. When you have a moment, how did it go?"
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
                "Nobody will quote you unless you say so."
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
    text = f"A gentle reminder: we'd still love your thoughts on {day}."
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


def answered_message(day_name: str, delivery_id: int, *, usage: str | None) -> dict[str, Any]:
    """What the prompt turns into once answered: thanks, how the words may be used, and a way
    to change the answer (the form holds the choice too)."""
    how = f" {_told(usage)}" if usage else ""
    text = f"Thank you, your reflection on {escape(day_name)} is saved.{how}"
    return {
        "text": text,
        "blocks": [
            section(
                f"Thank you, your reflection on *{escape(day_name)}* is saved.{how} :seedling:"
            ),
            {
                "type": "actions",
                "block_id": "answered_actions",
                "elements": [button("Change my answer", CHANGE, str(delivery_id))],
            },
        ],
    }


def thanks_message(thanks: Thanks) -> dict[str, Any]:
    """The thanks for a plain reply: where it went (or, when its words did not tell, which
    question it answers), how it may be used, and buttons to move it or choose otherwise
    (none when it can no longer change)."""
    shown = {"question": lambda q: f"*{escape(q)}*", "words": lambda w: f"“{escape(w)}”"}
    plain = {"question": lambda q: f"“{escape(q)}”", "words": lambda w: f"“{escape(w)}”"}
    told = "" if thanks.usage_changed else f" {_told(thanks.usage)}"
    more = filing_words.next_step(thanks)
    more = f" {escape(more)}" if more else ""
    words = filing_words.filed(thanks, **shown) + told + more
    text = filing_words.filed(thanks, **plain) + told + more
    if thanks.final:
        return {"text": text, "blocks": [section(words)]}
    value = f"{thanks.delivery_id}:{thanks.message}" if thanks.message else str(thanks.delivery_id)
    found: list[dict[str, Any]] = [section(words)]
    moves = filing_words.move_buttons(thanks)
    if moves:
        found.append(
            {
                "type": "actions",
                "block_id": FILE_BUTTONS,
                "elements": [
                    button(label, FILE_ACTION_PREFIX + qid, value) for label, qid in moves
                ],
            }
        )
    found.append(usage_buttons(thanks.delivery_id, thanks.usage, value=value))
    return {"text": text, "blocks": found}


def usage_changed_message(delivery_id: int, usage: str) -> dict[str, Any]:
    """The thanks once the member has changed their choice: the new choice, and the others."""
    text = f"Done. {_told(usage)} You can change this until the digest is shared."
    return {"text": text, "blocks": [section(text), usage_buttons(delivery_id, usage)]}


def usage_buttons(delivery_id: int, current: str, *, value: str | None = None) -> dict[str, Any]:
    """Buttons for the choices the reply does not have now; ``value``: what they carry (the
    delivery, and on a thank-you the message too)."""
    return {
        "type": "actions",
        "block_id": USAGE_BUTTONS,
        "elements": [
            button(usages.LABELS[choice], USAGE_ACTIONS[choice], value or str(delivery_id))
            for choice in usages.CHOICES
            if choice != current
        ],
    }


def _told(choice: str | None) -> str:
    return usages.TOLD.get(choice or usages.MOST_PRIVATE, usages.TOLD[usages.MOST_PRIVATE])


def skipped_message(day_name: str) -> dict[str, Any]:
    text = escape(
        f"No problem, you've skipped {day_name}. We'll ask again after the next programme day."
    )
    return {"text": text, "blocks": [section(text)]}


def answer_form(form: AnswerForm) -> dict[str, Any]:
    blocks: list[dict[str, Any]] = [
        section(
            f"Your reflection on *{escape(form.day_name)}*. Write as much or as little as you like."
        ),
    ]
    too_long = [q.id for q in form.questions if len(form.answers.get(q.id) or "") > INPUT_LIMIT]
    for question in form.questions:
        element: dict[str, Any] = {
            "type": "plain_text_input",
            "action_id": ANSWER_INPUT,
            "multiline": True,
            "max_length": INPUT_LIMIT,
        }
        if form.answers.get(question.id) and question.id not in too_long:
            element["initial_value"] = form.answers[question.id]
        if question.id in too_long:
            # Slack's box holds 3,000 characters: showing part would save only that part.
            blocks.append(
                context(
                    f"Your answer to this is longer than the box can hold "
                    f"({len(form.answers[question.id]):,} characters), so it is kept whole and "
                    "not shown here. Write in the box only if you want to replace it."
                )
            )
        blocks.append(
            {
                "type": "input",
                "block_id": QUESTION_BLOCK + question.id,
                "optional": True,
                "label": {"type": "plain_text", "text": shorten(question.text, 2000)},
                "element": element,
            }
        )
    options = {choice: _usage_option(choice) for choice in usages.CHOICES}
    blocks.append(
        {
            "type": "input",
            "block_id": USAGE_BLOCK,
            "label": {"type": "plain_text", "text": "How may we use your words?"},
            "element": {
                "type": "radio_buttons",
                "action_id": USAGE_INPUT,
                "options": list(options.values()),
                # Slack wants the very same option object here, description and all.
                "initial_option": options.get(form.usage, options[usages.MOST_PRIVATE]),
            },
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
        "private_metadata": json.dumps({"delivery_id": form.delivery_id, "kept": too_long}),
        "title": {"type": "plain_text", "text": "Your reflection"},
        "submit": {"type": "plain_text", "text": "Save"},
        "close": {"type": "plain_text", "text": "Not now"},
        "blocks": blocks,
    }


def _usage_option(choice: str) -> dict[str, Any]:
    return {
        "text": {"type": "plain_text", "text": usages.LABELS[choice]},
        "description": {"type": "plain_text", "text": usages.TOLD[choice]},
        "value": choice,
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
