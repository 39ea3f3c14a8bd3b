"""Adaptive Card builders: every card the bot shows in Teams, in one place (schema 1.5, the
version Teams supports).

**Buttons are ``Action.Execute``** (Universal Actions), not ``Action.Submit``. A press reaches
the bot as an ``adaptiveCard/action`` invoke whose HTTP answer carries the card that replaces
the pressed one, in place: the prompt becomes the answer form, the form becomes "saved" (or
stays open with the member's words and a note under the wrong box), the thanks shows the new
choice. With ``Action.Submit`` the press would arrive as an ordinary message and the bot could
only post another message or edit the card in a second call, so a problem on the form could
not be shown on the form itself. No ``refresh`` is set: each card lives in a 1:1 chat, so
there is no one else whose view could differ.

Every card carries ``fallbackText`` (and the activity a ``summary``), the plain words for
notifications, screen readers and clients that cannot draw cards. Each action's ``data`` says
which prompt it is about (``delivery``), so a press is never ambiguous.
"""

from __future__ import annotations

from typing import Any

from bot.domain import usage as usages
from bot.domain.consent_wording import ConsentWording
from bot.domain.filing import wording as filing_words
from bot.domain.home import RECENT_REPLIES, HomePage, PastReply
from bot.domain.messenger import PromptMessage, ReminderMessage, Thanks
from bot.domain.replies import AnswerForm
from bot.domain.wording import shorten
from handlers.teams.text import escape, plain, say

VERSION = "1.5"
SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
INPUT_LIMIT = 3000  # characters in an answer box, as on Slack
QUESTION_INPUT = "q:"  # an answer box's id: this prefix and the question's id
USAGE_INPUT = "usage"

# Verbs: what each button asks for (the adapter's actions module maps them to use cases).
ANSWER, LATER, SKIP, OPT_OUT, SAVE, CHANGE = "answer", "later", "skip", "opt_out", "save", "change"
USAGE, DELETE, FILE = "usage", "delete", "file"
CONSENT_YES, CONSENT_NO = "consent_yes", "consent_no"
FORGET_YES, FORGET_NO = "forget_yes", "forget_no"


# --- pieces ---------------------------------------------------------------------------------
def card(body: list[dict], fallback: str, actions: list[dict] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": "AdaptiveCard", "$schema": SCHEMA, "version": VERSION, "body": body,
        "fallbackText": plain(fallback),
    }  # fmt: skip
    if actions:
        out["actions"] = actions
    return out


def text(words: str, **style: Any) -> dict[str, Any]:
    return {"type": "TextBlock", "text": words, "wrap": True, **style}


def heading(words: str) -> dict[str, Any]:
    return text(words, weight="Bolder", size="Medium")


def execute(title: str, verb: str, style: str | None = None, **data: Any) -> dict[str, Any]:
    action: dict[str, Any] = {"type": "Action.Execute", "title": title, "verb": verb, "data": data}
    if style:
        action["style"] = style
    return action


def action_set(*actions: dict) -> dict[str, Any]:
    return {"type": "ActionSet", "actions": list(actions)}


def attachment(content: dict) -> dict[str, Any]:
    return {"contentType": CONTENT_TYPE, "content": content}


def told(choice: str | None) -> str:
    return usages.TOLD.get(choice or usages.MOST_PRIVATE, usages.TOLD[usages.MOST_PRIVATE])


def notice(words: str) -> dict[str, Any]:
    """Plain words as a card (an invoke's answer replaces the pressed card with it)."""
    return card([text(say(words))], say(words))


# --- consent -------------------------------------------------------------------------------
def consent(wording: ConsentWording, note: str | None = None) -> dict[str, Any]:
    """What the bot asks, keeps and shows, with a yes and a no carrying the wording's version,
    so a yes is recorded against the words read."""
    body = [text(say(escape(note)), color="Attention")] if note else []
    body.append(text(say(escape(wording.intro))))
    for part in wording.parts:
        body += [
            text(f"**{say(escape(part.heading))}**"),
            text(say(escape(part.text)), spacing="None"),
        ]
    return card(
        body,
        say(wording.plain_text()),
        [
            execute("Yes, I agree", CONSENT_YES, "positive", version=wording.version),
            execute("No, thank you", CONSENT_NO, version=wording.version),
        ],
    )


def consent_answered(agreed: bool) -> str:
    if agreed:
        return (
            "Thank you! I'll send you a few short questions after the next programme day. "
            "Your answers won't be quoted unless you say so. You can change your mind at any "
            "time: type **pause** to stop."
        )
    return "That's fine. I won't send you any questions. If you change your mind, type **consent**."


# --- prompts and reminders -------------------------------------------------------------------
def prompt(message: PromptMessage) -> dict[str, Any]:
    questions = "\n".join(f"- {escape(q.text)}" for q in message.questions)
    delivery = message.delivery_id
    return card(
        [
            text(f"Hello! Thank you for being part of **{escape(message.day_name)}**."),
            text(f"When you have a moment, we'd love to hear your thoughts:\n{questions}"),
            text(
                "Press **Answer** to use a short form, or simply reply to me here. "
                "Nobody will quote you unless you say so.",
                isSubtle=True,
            ),
        ],
        f"Thank you for joining {message.day_name}. When you have a moment, how did it go?",
        [
            execute("Answer", ANSWER, "positive", delivery=delivery),
            execute("Remind me later", LATER, delivery=delivery),
            execute("Skip this time", SKIP, delivery=delivery),
            execute("I'd rather not be asked", OPT_OUT, delivery=delivery),
        ],
    )


def reminder(message: ReminderMessage) -> dict[str, Any]:
    closing = (
        "This is the last reminder for this one."
        if message.last
        else "No pressure: if now isn't a good time, that's fine."
    )
    return card(
        [
            text(
                f"A gentle reminder: we'd still love your thoughts on **{escape(message.day_name)}**. {closing}"
            )
        ],
        f"A gentle reminder: we'd still love your thoughts on {message.day_name}.",
        [
            execute("Answer", ANSWER, "positive", delivery=message.delivery_id),
            execute("Skip this time", SKIP, delivery=message.delivery_id),
        ],
    )


def answered(day_name: str, delivery_id: int, *, usage: str | None) -> dict[str, Any]:
    how = f" {told(usage)}" if usage else ""
    return card(
        [text(f"Thank you, your reflection on **{escape(day_name)}** is saved.{how}")],
        f"Thank you, your reflection on {day_name} is saved.{how}",
        [execute("Change my answer", CHANGE, delivery=delivery_id)],
    )


def skipped(day_name: str) -> dict[str, Any]:
    words = f"No problem, you've skipped {day_name}. We'll ask again after the next programme day."
    return card([text(escape(words))], words)


# --- thanks for a reply in words ---------------------------------------------------------------
def thanks(message: Thanks) -> dict[str, Any]:
    """Where the reply went (or, when its words did not tell, which question it answers), how
    it may be used, and buttons to move it or choose otherwise (none when its week's digest is
    out and nothing can change). Each button carries the message it is about."""
    then = "" if message.usage_changed else f" {told(message.usage)}"
    more = filing_words.next_step(message)
    then += f" {escape(more)}" if more else ""
    shown = filing_words.filed(
        message, question=lambda q: f"**{escape(q)}**", words=lambda w: f"“{escape(w)}”"
    )
    fallback = filing_words.filed(
        message, question=lambda q: f"“{escape(q)}”", words=lambda w: f"“{escape(w)}”"
    )
    words = shown + then
    if message.final:
        return card([text(words)], fallback + then)
    about = {"delivery": message.delivery_id}
    if message.message is not None:
        about["message"] = message.message
    moves = [
        execute(label, FILE, **about, question=qid)
        for label, qid in filing_words.move_buttons(message)
    ]
    body = [text(words)]
    if moves:
        body.append(action_set(*moves))
    extra = {"message": message.message} if message.message is not None else {}
    return card(body, fallback + then, usage_buttons(message.delivery_id, message.usage, **extra))


def usage_changed(delivery_id: int, usage: str) -> dict[str, Any]:
    words = f"Done. {told(usage)} You can change this until the digest is shared."
    return card([text(words)], words, usage_buttons(delivery_id, usage))


def usage_buttons(delivery_id: int, current: str, **extra: Any) -> list[dict[str, Any]]:
    return [
        execute(usages.LABELS[choice], USAGE, delivery=delivery_id, usage=choice, **extra)
        for choice in usages.CHOICES
        if choice != current
    ]


# --- the answer form -------------------------------------------------------------------------
def form(
    answer_form: AnswerForm,
    *,
    problem: str | None = None,
    about_usage: bool = False,
    typed: dict[str, str] | None = None,
) -> dict[str, Any]:
    """A box for each question and the choice of how the words may be used. With ``problem``,
    the member's own words (``typed``) stay in the boxes and the note sits where it belongs."""
    typed = typed or {}
    body: list[dict] = [
        text(
            f"Your reflection on **{escape(answer_form.day_name)}**. Write as much or as little as you like."
        )
    ]
    if problem and not about_usage:
        body.append(text(say(escape(problem)), color="Attention"))
    for question in answer_form.questions:
        key = QUESTION_INPUT + question.id
        value = typed.get(key, answer_form.answers.get(question.id, ""))
        box: dict[str, Any] = {
            "type": "Input.Text", "id": key, "label": shorten(question.text, 2000),
            "isMultiline": True, "maxLength": INPUT_LIMIT,
        }  # fmt: skip
        if value:
            box["value"] = value[:INPUT_LIMIT]
        body.append(box)
    chosen = typed.get(USAGE_INPUT) or answer_form.usage or usages.MOST_PRIVATE
    body.append(
        {
            "type": "Input.ChoiceSet", "id": USAGE_INPUT, "label": "How may we use your words?",
            "style": "expanded", "isRequired": True, "value": chosen,
            "errorMessage": "Please choose how we may use your words.",
            "choices": [{"title": usages.LABELS[c], "value": c} for c in usages.CHOICES],
        }
    )  # fmt: skip
    if problem and about_usage:
        body.append(text(say(escape(problem)), color="Attention"))
    delivery = answer_form.delivery_id
    return card(
        body,
        f"Your reflection on {answer_form.day_name}: type your answers and press Save.",
        [
            execute("Save", SAVE, "positive", delivery=delivery),
            execute("Skip this time", SKIP, delivery=delivery),
        ],
    )


# --- forget-me ---------------------------------------------------------------------------------
def forget_me() -> dict[str, Any]:
    words = (
        "This will permanently delete every reflection you have written (anonymous ones too) "
        "and stop all prompts. It cannot be undone. Are you sure?"
    )
    return card(
        [text(words)],
        words,
        [
            execute("Yes, delete everything", FORGET_YES, "destructive"),
            execute("No, keep it", FORGET_NO),
        ],
    )


# --- my answers ----------------------------------------------------------------------------------
def my_answers(page: HomePage, note: str | None = None) -> dict[str, Any]:
    """A person's recent replies, each with change, how it may be used, and delete; ``note``:
    what the last press did ("Done. Your answer … is deleted.")."""
    if not page.member:
        words = (
            "Hello! You're not in a co-production programme yet. If you think you should be, "
            "please ask a facilitator to add you."
        )
        return card([text(words)], words)
    if not page.past_replies:
        words = "You haven't shared any reflections yet. When you do, you'll see them here."
        noted = [text(escape(note), color="Good")] if note else []
        return card(
            [heading(f"Your answers: {escape(page.programme)}"), *noted, text(words)], words
        )
    body: list[dict] = [heading(f"Your answers: {escape(page.programme)}")]
    if note:
        body.append(text(escape(note), color="Good"))
    for reply in page.past_replies[:RECENT_REPLIES]:
        body += _past_reply(reply)
    more = page.older_replies + max(len(page.past_replies) - RECENT_REPLIES, 0)
    if more:
        body.append(text(f"And {more} older answer{'s' if more != 1 else ''}.", isSubtle=True))
    count = len(page.past_replies)
    return card(body, f"Here are your last {count} answer{'s' if count != 1 else ''}.")


def _past_reply(reply: PastReply) -> list[dict[str, Any]]:
    lines = [text(f"**{escape(reply.day_name)}** ({reply.day_date:%d %B %Y})", separator=True)]
    for question, answer in reply.answers:
        lines.append(text(f"_{escape(question)}_", spacing="Small"))
        lines.append(text(escape(shorten(answer, 600)), spacing="None"))
    lines.append(text(usages.LABELS.get(reply.usage, reply.usage), isSubtle=True))
    if reply.changeable:
        buttons = [execute("Change", CHANGE, delivery=reply.delivery_id)]
        buttons += usage_buttons(reply.delivery_id, reply.usage, **{"from": "my_answers"})
        buttons.append(execute("Delete", DELETE, "destructive", delivery=reply.delivery_id))
        lines.append(action_set(*buttons))
    else:
        lines.append(text("Its digest has been shared, so it can no longer change.", isSubtle=True))
    return lines
