"""The /copro slash command: its words go to the commands use case; the outcome is rendered."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond

from bot.domain.usecases.outcomes import (
    ConfirmForget,
    DigestPosted,
    Help,
    Outcome,
    ShowConsent,
    Status,
    Working,
)
from handlers.slack import blocks, consent_blocks
from handlers.slack.context import person, services_of
from handlers.slack.digest_blocks import status_blocks
from handlers.slack.feedback import SORRY, words_of
from handlers.slack.text import escape

HELP = """Here's what I can do for you.
• Type `/copro pause` to stop your reflection prompts for now.
• Type `/copro resume` to start them again.
• Type `/copro away 2024-06-30` if you'll be away. Type `/copro back` when you return.
• Type `/copro consent` to read what I keep and who sees it.
• Type `/copro forget-me` to delete everything you have written. I'll ask you first.
• Type `/copro help` to see this again.
To answer a prompt, press *Answer* on it. Or just reply to my message.
Open my *Home* tab to see your answers and change your choices."""

FACILITATOR_HELP = """
For facilitators:
• `/copro status` shows who has answered each day. Only people who may be quoted by name are named.
• `/copro digest [week] [team]` sends the digest to you alone. A week can be `2024-W19`, `19` or `last`.
• `/copro digest post [week] [team]` posts the digest to the digest channel.
• `/copro digest word [week] [team]` sends you the digest as a Word document.
• `/copro export` sends you every reply so far as a CSV file."""


def copro(ack: Ack, command: dict, respond: Respond, context: BoltContext) -> None:
    words = (command.get("text") or "").split()
    services = services_of(context)
    outcome = services.commands(person(command["user_id"]), words)
    if isinstance(outcome, Working):  # Slack waits 3 seconds: say so now, answer when done
        ack(text=outcome.text)
        services.later(lambda: respond(**message_for(outcome.finish())))
        return
    ack(**message_for(outcome))


def message_for(outcome: Outcome) -> dict[str, Any]:
    """A command's outcome as a Slack message."""
    if isinstance(outcome, Help):
        if outcome.unknown is not None:
            return {"text": f"I don't know the command {escape(repr(outcome.unknown))}.\n\n{HELP}"}
        return {"text": HELP + FACILITATOR_HELP if outcome.facilitator else HELP}
    if isinstance(outcome, ShowConsent):
        return consent_blocks.consent_message(outcome.wordings[0])
    if isinstance(outcome, ConfirmForget):
        return blocks.forget_me_confirmation()
    if isinstance(outcome, Status):
        return status_blocks(outcome.programme, list(outcome.days))
    if isinstance(outcome, DigestPosted):
        return {
            "text": f"Posted the digest for {outcome.week} to <#{outcome.channel}>. "
            "Answers for that week can no longer be changed."
        }
    return {"text": escape(words_of(outcome) or SORRY)}


def register(app: App) -> None:
    app.command("/copro")(copro)
