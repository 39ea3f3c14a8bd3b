"""The /copro slash command: help, status, digest, pause, resume, forget-me."""

from __future__ import annotations

import logging

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.domain.errors import NotAMember, UserError
from bot.domain.members import away_until
from bot.domain.status import build_status
from bot.services import Services
from handlers import blocks, consent_blocks
from handlers.digest_blocks import status_blocks
from handlers.facilitator_files import send_digest, send_export
from handlers.replies import SORRY, kindly

log = logging.getLogger(__name__)

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
• `/copro export` sends you every reply so far as a CSV file."""


def register(app: App, services: Services) -> None:
    @app.command("/copro")
    def copro(ack: Ack, command: dict, client: WebClient, respond: Respond) -> None:
        user_id = command["user_id"]
        words = (command.get("text") or "").split()
        verb = words[0].lower() if words else "help"
        try:
            if verb == "export":
                export_command(ack, respond, client, services, user_id)
                return
            if verb == "digest":
                digest_command(ack, respond, client, services, user_id, words[1:])
                return
            ack(**reply_for(services, user_id, verb, words[1:]))
        except UserError as error:
            ack(text=str(error))
        except Exception:
            log.exception("/copro %s failed", verb)
            ack(text=SORRY)


def reply_for(services: Services, user_id: str, verb: str, rest: list[str] | None = None) -> dict:
    rest = rest or []
    if verb == "help":
        try:
            services.members.facilitator(user_id=user_id)
            return {"text": HELP + FACILITATOR_HELP}
        except UserError:
            return {"text": HELP}
    if verb == "pause":
        changed = services.members.set_paused(user_id=user_id, paused=True)
        return {
            "text": "Done: I won't send you reflection prompts. Type `/copro resume` whenever "
            "you'd like them again."
            if changed
            else "You're already paused. Type `/copro resume` to restart."
        }
    if verb == "resume":
        changed = services.members.set_paused(user_id=user_id, paused=False)
        waiting = services.consent.waiting(user_id=user_id)
        if waiting:  # resuming without consent would still send nothing: ask for it here
            return consent_blocks.consent_message(waiting[0])
        return {
            "text": "Welcome back! You'll get a reflection prompt after the next programme day."
            if changed
            else "You're already getting prompts; nothing to change."
        }
    if verb == "consent":
        waiting = services.consent.waiting(user_id=user_id)
        if waiting:
            return consent_blocks.consent_message(waiting[0])
        return {
            "text": "You've agreed to take part. To stop, type `/copro pause`. To delete what "
            "you've written, type `/copro forget-me`."
        }
    if verb == "away":
        until = away_until(rest[0] if rest else "", services.clock.now().date())
        services.members.set_away(user_id=user_id, until=until)
        return {
            "text": f"Enjoy your time away. I won't send you anything about programme days up "
            f"to {until:%A %d %B %Y}. Type `/copro back` if you return sooner."
        }
    if verb == "back":
        services.members.set_away(user_id=user_id, until=None)
        return {
            "text": "Welcome back! You'll get a reflection prompt after the next programme day."
        }
    if verb in {"forget-me", "forgetme", "forget"}:
        if not services.members.is_member(user_id=user_id):
            raise NotAMember()
        return blocks.forget_me_confirmation()
    if verb == "status":
        facilitator = services.members.facilitator(user_id=user_id)
        days = build_status(services.store, programme_id=facilitator.programme_id)
        return status_blocks(services.members.programme_name(facilitator), days)
    raise UserError(f"I don't know the command {verb!r}.\n\n{HELP}")


def export_command(
    ack: Ack, respond: Respond, client: WebClient, services: Services, user_id: str
) -> None:
    services.members.facilitator(user_id=user_id)  # refuses before anything else
    ack(text="Preparing the export…")
    with kindly(lambda text: respond(text=text), "export"):
        send_export(client, services, user_id)
        respond(text="I've sent you the export (a CSV file) in a direct message.")


def digest_command(
    ack: Ack,
    respond: Respond,
    client: WebClient,
    services: Services,
    user_id: str,
    words: list[str],
) -> None:
    facilitator = services.members.facilitator(user_id=user_id)  # refuses before anything else
    request = services.digests.parse(facilitator, words)
    ack(text="Putting the digest together…")
    with kindly(lambda text: respond(text=text), "digest"):
        if request.post:
            digest, channel = services.digests.post(facilitator, request)
            respond(
                text=f"Posted the digest for {digest.week.label()} to <#{channel}>. "
                "Answers for that week can no longer be changed."
            )
            return
        send_digest(services, user_id, request)  # the words are read once, above
        respond(text="I've sent you the digest in a direct message.")
