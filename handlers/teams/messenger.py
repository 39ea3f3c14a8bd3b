"""The domain's Messenger, implemented on the Bot Connector through the Agents SDK.

Everything here is proactive: the bot writes into a person's 1:1 chat through the
conversation reference kept as their address (``bot.domain.addresses``), or starts a thread
in a channel. Calls run on the adapter's event loop; these methods wait for them, so the
domain's workers see plain, synchronous calls.

``find_prompt``: the Bot Connector gives a bot no way to read its 1:1 chat history, so a prompt
that reached Teams just before the process died cannot be looked up there. Each prompt's
actions carry its delivery id, and this process remembers the prompts it sent; a prompt sent
by a process that then crashed before recording it could be sent once more (documented).
"""

from __future__ import annotations

import logging
import threading
import uuid
from dataclasses import dataclass
from typing import Any

from microsoft_agents.activity import Activity

from bot.domain.addresses import Addresses
from bot.domain.chart import response_rate_chart
from bot.domain.consent_wording import ConsentWording
from bot.domain.digest import Digest
from bot.domain.identity import TEAMS
from bot.domain.messenger import (
    Answered,
    CheckInOffer,
    DeliveryFailed,
    FileToSend,
    Person,
    PromptMessage,
    ReminderMessage,
    SafeguardingAlert,
    Sent,
    Thanks,
)
from handlers.teams import cards, digest_cards, safeguarding_cards
from handlers.teams.connector import Connector, Refused
from handlers.teams.loop import LoopThread
from handlers.teams.references import MessageRef, reference, service_url, tenant_of
from handlers.teams.text import plain, say

log = logging.getLogger(__name__)

WAIT_S = 300.0  # one call with all its retries; the domain's workers wait this long at most
FILE_CONSENT = "application/vnd.microsoft.teams.card.file.consent"
NOT_REACHABLE = "not reachable: the app is not installed for them"


@dataclass(frozen=True)
class HeldFile:
    """A file waiting for the person to accept it (Teams' file consent)."""

    user_id: str
    file: FileToSend


def message(content: dict[str, Any] | None = None, *, words: str | None = None) -> Activity:
    """A message activity: a card with its fallback as the summary, or plain words."""
    if content is None:
        return Activity(type="message", text=say(words or ""), text_format="markdown")
    return Activity(
        type="message",
        summary=content.get("fallbackText"),
        attachments=[cards.attachment(content)],
    )


class TeamsMessenger:
    platform = TEAMS

    def __init__(self, *, loop: LoopThread, connector: Connector, tenant_id: str | None) -> None:
        self.loop = loop
        self.connector = connector
        self.tenant_id = tenant_id
        self.directory: Addresses | None = None  # set when the adapter is attached
        self._prompts: dict[int, Sent] = {}
        self._held: dict[str, HeldFile] = {}
        self._lock = threading.Lock()

    # --- people ------------------------------------------------------------------------------
    def find_person(self, *, user_id: str | None = None, email: str | None = None) -> Person | None:
        known = self._directory().find(TEAMS, user_id=user_id, email=email)
        return known.person() if known else None

    def _address(self, user_id: str) -> str:
        address = self._directory().address_of(TEAMS, user_id)
        if address is None:
            raise DeliveryFailed(NOT_REACHABLE, permanent=True)
        return address

    def _directory(self) -> Addresses:
        if self.directory is None:
            raise RuntimeError("the Teams messenger is used before the adapter was attached")
        return self.directory

    # --- sending -------------------------------------------------------------------------------
    def _to_person(self, user_id: str, activity: Activity) -> Sent:
        address = self._address(user_id)
        where = reference(address)
        try:
            activity_id = self.loop.run(self.connector.send(where, activity), WAIT_S)
        except Refused as refused:
            if refused.status == 403:  # blocked or removed: unreachable until installed again
                self._directory().gone(TEAMS, user_id)
            raise
        except TimeoutError as error:
            raise DeliveryFailed("timed out", permanent=False) from error
        ref = MessageRef(
            service_url(address), where.conversation.id, activity_id, tenant_of(address)
        )
        return Sent(ref.dumps())

    def send_activity(self, user_id: str, activity: Activity) -> Sent:
        """Any activity to one person (the adapter's answers that come after the request)."""
        return self._to_person(user_id, activity)

    def send_prompt(self, user_id: str, prompt: PromptMessage) -> Sent:
        activity = message(cards.prompt(prompt))
        activity.channel_data = {"notification": {"alert": True}}
        sent = self._to_person(user_id, activity)
        with self._lock:
            self._prompts[prompt.delivery_id] = sent
        return sent

    def find_prompt(self, user_id: str, delivery_id: int) -> Sent | None:
        with self._lock:
            return self._prompts.get(delivery_id)

    def send_reminder(self, user_id: str, reminder: ReminderMessage) -> Sent:
        return self._to_person(user_id, message(cards.reminder(reminder)))

    def send_consent_request(self, user_id: str, wording: ConsentWording) -> Sent:
        return self._to_person(user_id, message(cards.consent(wording)))

    def send_notice(self, user_id: str, text: str) -> Sent:
        return self._to_person(user_id, message(words=text))

    def send_thanks(self, user_id: str, thanks: Thanks) -> Sent:
        return self._to_person(user_id, message(cards.thanks(thanks)))

    def send_alert(self, user_id: str, alert: SafeguardingAlert) -> Sent:
        activity = message(safeguarding_cards.alert(alert))
        activity.channel_data = {"notification": {"alert": True}}
        return self._to_person(user_id, activity)

    def send_check_in(self, user_id: str, offer: CheckInOffer) -> Sent:
        return self._to_person(user_id, message(safeguarding_cards.check_in(offer)))

    # --- updating --------------------------------------------------------------------------------
    def update(self, ref: str, content: dict[str, Any]) -> None:
        """Replace a message we sent (a prompt turning into "thank you"); best effort."""
        try:
            where = MessageRef.loads(ref)
            activity = message(content)
            activity.id = where.activity_id
            self.loop.run(
                self.connector.update(where.reference(f"28:{self.connector.app_id}"), activity),
                WAIT_S,
            )
        except (DeliveryFailed, TimeoutError, ValueError, KeyError) as error:
            log.info("could not update a Teams message: %s", error)

    def mark_answered(self, ref: str, answered: Answered) -> None:
        self.update(
            ref, cards.answered(answered.day_name, answered.delivery_id, usage=answered.usage)
        )

    def mark_skipped(self, ref: str, day_name: str) -> None:
        self.update(ref, cards.skipped(day_name))

    def update_alert(self, ref: str, alert: SafeguardingAlert) -> None:
        self.update(ref, safeguarding_cards.alert(alert))

    # --- files -------------------------------------------------------------------------------------
    def send_file(self, user_id: str, file: FileToSend) -> None:
        """Teams sends files in a 1:1 chat only with the person's consent: a FileConsentCard
        first; the file itself is uploaded when they accept (see ``handlers.teams.files``)."""
        token = uuid.uuid4().hex
        with self._lock:
            self._held[token] = HeldFile(user_id, file)
        consent = Activity(
            type="message",
            text=say(file.note),
            attachments=[
                {
                    "contentType": FILE_CONSENT,
                    "name": file.filename,
                    "content": {
                        "description": plain(file.title),
                        "sizeInBytes": len(file.content),
                        "acceptContext": {"file": token},
                        "declineContext": {"file": token},
                    },
                }
            ],
        )
        try:
            self._to_person(user_id, consent)
        except DeliveryFailed:
            with self._lock:
                self._held.pop(token, None)
            raise

    def take_file(self, token: str, user_id: str) -> FileToSend | None:
        """The file held for this consent card, once, for the person it was offered to."""
        with self._lock:
            held = self._held.get(token)
            if held is None or held.user_id != user_id:
                return None
            del self._held[token]
            return held.file

    # --- digests -----------------------------------------------------------------------------------
    def post_digest(
        self, channel: str, digest: Digest, *, document: FileToSend | None = None
    ) -> list[Sent]:
        """To a channel (``19:…``): a summary card starting a thread, the full digest and the
        chart as replies in it. To a person (a facilitator asking for it): the same cards, one
        after another, in their 1:1 chat, then the Word file offered by Teams' file consent.
        A bot cannot put a file in a channel's thread without SharePoint (Graph) rights this
        app does not ask for, so a channel's digest says how to get the Word file instead."""
        if not channel.startswith("19:"):
            sent = [self._to_person(channel, message(digest_cards.summary(digest, threaded=False)))]
            if digest.has_replies:
                sent += [self._to_person(channel, message(c)) for c in self._rest(digest)]
                if document is not None:
                    try:
                        self.send_file(channel, document)
                    except DeliveryFailed as failure:  # the digest stands without it
                        log.warning("could not offer the Word file: %s", failure.reason)
            return sent
        address = self._directory().any_address(TEAMS)
        if address is None:
            raise DeliveryFailed(
                "no Teams service known yet to post to the channel", permanent=False
            )
        base = service_url(address)
        tenant = self.tenant_id or tenant_of(address)
        try:
            thread = self.loop.run(
                self.connector.create_in_channel(
                    service_url=base, tenant=tenant, channel=channel,
                    activity=message(digest_cards.summary(digest)),
                ),
                WAIT_S,
            )  # fmt: skip
        except TimeoutError as error:
            raise DeliveryFailed("timed out", permanent=False) from error
        first_id = thread.partition(";messageid=")[2]
        sent = [Sent(MessageRef(base, thread, first_id, tenant).dumps())]
        if digest.has_replies:
            where = MessageRef(base, thread, first_id, tenant).reference(
                f"28:{self.connector.app_id}"
            )
            for content in self._rest(digest):
                try:
                    activity_id = self.loop.run(
                        self.connector.send(where, message(content)), WAIT_S
                    )
                except DeliveryFailed as failure:  # the summary stands; say what is missing
                    log.warning("part of a digest did not reach the channel: %s", failure.reason)
                    continue
                sent.append(Sent(MessageRef(base, thread, activity_id, tenant).dumps()))
        return sent

    def _rest(self, digest: Digest) -> list[dict[str, Any]]:
        parts = digest_cards.full(digest)
        picture = response_rate_chart(digest)
        if picture is not None:
            parts.append(digest_cards.chart(picture))
        return parts
