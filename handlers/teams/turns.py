"""What the bot does with each activity Teams sends: the agent the SDK's adapter runs.

- ``message`` in a 1:1 chat: a command typed to the bot (the whole message is one, such as
  ``pause`` or ``digest post 19``) goes to the commands use case; anything else is a reply in
  words, stored before Teams gets its answer (the SDK answers Teams when this returns), with
  the thanks sent afterwards by the use case.
- ``invoke`` ``adaptiveCard/action``: a card button; ``fileConsent/invoke``: the export.
- ``installationUpdate`` and ``conversationUpdate``: the app installed for someone (keep where
  to reach them) or removed (forget it).

Use cases run in the adapter's pool, never on the event loop.
"""

from __future__ import annotations

import logging
import re
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from microsoft_agents.activity import Activity, InvokeResponse
from microsoft_agents.hosting.core import TurnContext

from bot.domain.addresses import Reached
from bot.domain.identity import TEAMS, Identity
from bot.domain.usecases.outcomes import SendAgain, Working
from handlers.teams import actions, cards, files
from handlers.teams.feedback import reply_for
from handlers.teams.references import address_of
from handlers.teams.text import say

log = logging.getLogger(__name__)

ADAPTIVE_ACTION = "adaptiveCard/action"
FILE_CONSENT = "fileConsent/invoke"
COMMAND = re.compile(
    r"^\s*(help|status|export|pause|resume|back|consent|forget-me|forgetme|forget|my answers"
    r"|away\s+\S+|digest(\s+\S+){0,4})\s*[.!]?\s*$",
    re.IGNORECASE,
)
MENTION = re.compile(r"<at>.*?</at>", re.IGNORECASE | re.DOTALL)
NOT_IN_PROGRAMME = (
    "Hello! I'm the reflection bot for a co-production programme. You're not in one yet. "
    "If you think you should be, please ask a facilitator to add you."
)
ONLY_IN_CHAT = "Hello! I talk with people one to one. Please message me in our own chat."


class SendItAgain(Exception):
    """Neither the database nor the spool could take a reply: Teams must send it again."""


def who(activity: Activity) -> Identity:
    sender = activity.from_property
    return Identity(TEAMS, sender.aad_object_id or sender.id)


def personal(activity: Activity) -> bool:
    return (activity.conversation.conversation_type or "personal") == "personal"


class CoproAgent:
    """The SDK's ``Agent``: ``on_turn`` for every activity."""

    def __init__(self, adapter: Any, services: Any) -> None:
        self.adapter = adapter
        self.services = services
        self.run = adapter.loop.in_pool

    async def on_turn(self, context: TurnContext) -> None:
        kind = context.activity.type
        if kind == "message":
            await self.on_message(context)
        elif kind == "invoke":
            await self.on_invoke(context)
        elif kind == "installationUpdate":
            await self.on_installation(context)
        elif kind == "conversationUpdate":
            await self.on_conversation_update(context)

    # --- messages -----------------------------------------------------------------------------
    async def on_message(self, context: TurnContext) -> None:
        activity = context.activity
        if not personal(activity):
            if MENTION.search(activity.text or ""):
                await context.send_activity(say(ONLY_IN_CHAT))
            return
        text = MENTION.sub("", activity.text or "").strip()
        if not text:
            return  # a card press from an old client, or an empty message: nothing to keep
        person = who(activity)
        if await self.run(lambda: self.services.addresses.address_of(TEAMS, person.id)) is None:
            await self.learn(context)  # someone who installed before their programme was loaded
        if COMMAND.match(text):
            await self.command(context, person, text)
            return
        outcome = await self.run(
            lambda: self.services.reply_in_words(person, text, event_id=f"teams:{activity.id}")
        )
        if isinstance(outcome, SendAgain):
            raise SendItAgain()

    async def command(self, context: TurnContext, person: Identity, text: str) -> None:
        words = text.rstrip(".!").split()
        if [w.lower() for w in words] == ["my", "answers"]:
            answer = await self.run(lambda: actions.my_answers(self.services, person))
            await context.send_activity(self._card_message(answer.card))
            return
        outcome = await self.run(lambda: self.services.commands(person, words))
        if isinstance(outcome, Working):  # say so now; the rest arrives as a message later
            await context.send_activity(say(outcome.text))
            self.adapter.later(lambda: self._finish(person, outcome))
            return
        await context.send_activity(self.rendered(outcome))

    def _finish(self, person: Identity, outcome: Working) -> None:
        self.adapter.messenger.send_activity(person.id, self.rendered(outcome.finish()))

    def rendered(self, outcome) -> Activity:
        words, content = reply_for(outcome)
        if content is not None:
            return self._card_message(content)
        return Activity(type="message", text=say(words or ""), text_format="markdown")

    @staticmethod
    def _card_message(content: dict) -> Activity:
        return Activity(
            type="message", summary=content.get("fallbackText"),
            attachments=[cards.attachment(content)],
        )  # fmt: skip

    # --- invokes --------------------------------------------------------------------------------
    async def on_invoke(self, context: TurnContext) -> None:
        activity = context.activity
        value = activity.value if isinstance(activity.value, dict) else {}
        person = who(activity)
        if activity.name == ADAPTIVE_ACTION:
            action = value.get("action") or {}
            verb, data = str(action.get("verb") or ""), action.get("data") or {}
            answer = await self.run(lambda: actions.pressed(self.services, person, verb, data))
            await self._invoke_answer(context, 200, answer.body())
        elif activity.name == FILE_CONSENT:
            await files.answered(self, context, person, value)
            await self._invoke_answer(context, 200, None)
        else:
            await self._invoke_answer(context, 200, None)

    @staticmethod
    async def _invoke_answer(context: TurnContext, status: int, body: Any) -> None:
        await context.send_activity(
            Activity(type="invokeResponse", value=InvokeResponse(status=status, body=body))
        )

    # --- installs -----------------------------------------------------------------------------------
    async def on_installation(self, context: TurnContext) -> None:
        activity = context.activity
        action = (activity.action or "").lower()
        if not personal(activity):
            log.info("the app was %s in a team or group chat", action or "changed")
            return
        if action.startswith("add"):
            await self.learn(context, welcome=True)
        elif action.startswith("remove"):
            person = who(activity)
            await self.run(lambda: self.services.addresses.gone(TEAMS, person.id))

    async def on_conversation_update(self, context: TurnContext) -> None:
        activity = context.activity
        if not personal(activity):
            return
        bot_id = activity.recipient.id if activity.recipient else None
        if any(m.id == bot_id for m in activity.members_added or []):
            await self.learn(context, welcome=True)
        elif any(m.id == bot_id for m in activity.members_removed or []):
            person = who(activity)
            await self.run(lambda: self.services.addresses.gone(TEAMS, person.id))

    async def learn(self, context: TurnContext, *, welcome: bool = False) -> None:
        """Keep where to reach the person who wrote, looked up in Teams for their e-mail."""
        activity = context.activity
        sender = activity.from_property
        member = await self._look_up(context)
        emails = tuple(
            e
            for e in (getattr(member, "email", None), getattr(member, "user_principal_name", None))
            if e
        )
        aad = getattr(member, "aad_object_id", None) or sender.aad_object_id
        reached = Reached(
            platform=TEAMS,
            user_id=aad or sender.id,
            address=address_of(activity),
            aliases=(sender.id,),
            emails=emails,
            name=getattr(member, "name", None) or sender.name,
            timezone=_timezone(activity),
        )
        linked = await self.run(lambda: self.services.addresses.reached(reached))
        if linked:
            # Ask for consent now (within quiet hours), not at the next sweep a minute away.
            self.adapter.later(lambda: self.services.consent.ask_due(just_reached=linked))
        elif welcome:
            await context.send_activity(say(NOT_IN_PROGRAMME))

    @staticmethod
    async def _look_up(context: TurnContext):
        """The Teams member look-up (``GET /v3/conversations/{id}/members/{userId}``): their
        e-mail, sign-in name and Entra object id. None when Teams will not say."""
        client = context.turn_state.get("ConnectorClient")
        if client is None or not hasattr(client, "get_conversation_member"):
            return None
        try:
            return await client.get_conversation_member(
                context.activity.conversation.id, context.activity.from_property.id
            )
        except Exception as error:  # the activity itself still says who they are
            log.info("Teams member look-up failed: %s", type(error).__name__)
            return None


def _timezone(activity: Activity) -> str | None:
    """The person's time zone as their Teams client says (IANA), when it is one we know."""
    named = [activity.local_timezone]
    for entity in activity.entities or []:
        data = entity.model_dump() if hasattr(entity, "model_dump") else dict(entity)
        if data.get("type") == "clientInfo":
            named.append(data.get("timezone"))
    for name in named:
        try:
            if name and ZoneInfo(name):
                return name
        except (ZoneInfoNotFoundError, ValueError):
            continue
    return None
