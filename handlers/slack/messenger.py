"""The domain's Messenger, implemented on Slack's Web API."""

from __future__ import annotations

import logging
import os
import ssl
from functools import lru_cache
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler

from bot.domain.chart import response_rate_chart
from bot.domain.consent_wording import ConsentWording
from bot.domain.digest import Digest
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
from handlers.slack import blocks, consent_blocks, safeguarding_blocks
from handlers.slack.digest_blocks import digest_messages, summary_message
from handlers.slack.rate_limit import RetryAfterHandler
from handlers.slack.text import escape, say

log = logging.getLogger(__name__)

# Errors after which trying again cannot help: the person or channel is gone or closed to us.
PERMANENT = {
    "user_not_found", "users_not_found", "channel_not_found", "account_inactive", "is_archived",
    "not_in_channel", "cannot_dm_bot", "user_disabled", "invalid_auth", "not_authed",
}  # fmt: skip


# A 429 says "wait", not "failed". At the workspace's limit about one call in ten is refused,
# and a retried call, waking with the others refused in the same second, is likelier than a
# fresh one to be refused again: with 5 tries, one prompt in 10,000 went undelivered
# (bench/fanout.py). Twelve waits of about a second each are enough for a fan-out of any size.
RATE_LIMITED_TRIES = 12

PROMPT_EVENT = "copro_prompt"
RECOVERY_LOOKBACK = 50  # messages; a prompt in flight at a crash is among the last few


def make_client(token: str, base_url: str | None = None, *, proxy: str | None = None) -> WebClient:
    """A WebClient that waits out 429s as Slack's Retry-After says and retries dropped
    connections; through ``proxy`` when given, and otherwise straight to Slack."""
    kwargs: dict[str, Any] = {"token": token}
    if base_url:
        kwargs["base_url"] = base_url if base_url.endswith("/") else base_url + "/"
    # A context of our own (which also honours SSL_CERT_FILE, for a proxy that inspects
    # HTTPS) makes urllib build its opener per request, never reusing one that cached the
    # environment's proxies when it was first made.
    client = WebClient(**kwargs, proxy=proxy, ssl=_tls_context(*_cert_settings()))
    # slack_sdk reads HTTPS_PROXY by itself when given none, but knows no NO_PROXY: the
    # settings decide (bot.config.Settings.proxy_for), so a host in NO_PROXY goes direct.
    client.proxy = proxy
    client.retry_handlers = [
        ConnectionErrorRetryHandler(max_retry_count=2),
        RetryAfterHandler(max_retry_count=RATE_LIMITED_TRIES),
    ]
    return client


def _cert_settings() -> tuple[str | None, str | None]:
    return os.environ.get("SSL_CERT_FILE"), os.environ.get("SSL_CERT_DIR")


@lru_cache(maxsize=4)
def _tls_context(cert_file: str | None, cert_dir: str | None) -> ssl.SSLContext:
    """One context per certificate setting: loading the system's certificates costs ~60 ms,
    and a context is safe to share between clients and threads."""
    return ssl.create_default_context()


def message_ref(channel: str, ts: str) -> str:
    """The opaque reference the domain keeps for a Slack message: "channel ts"."""
    return f"{channel} {ts}"


def channel_and_ts(ref: str) -> tuple[str, str]:
    channel, _, ts = ref.partition(" ")
    return channel, ts


class SlackMessenger:
    platform = "slack"

    def __init__(self, client: WebClient) -> None:
        self.client = client

    def _post(self, channel: str, message: dict[str, Any]) -> Sent:
        try:
            # No link_names, no unfurls: text in a message never pings or previews anything.
            response = self.client.chat_postMessage(
                channel=channel, unfurl_links=False, unfurl_media=False, **message
            )
        except SlackApiError as error:
            reason = error.response.get("error", "unknown_error")
            raise DeliveryFailed(reason, permanent=reason in PERMANENT) from error
        except Exception as error:  # network trouble after retries: try again later
            raise DeliveryFailed(type(error).__name__, permanent=False) from error
        return Sent(message_ref(response["channel"], response["ts"]))

    def find_person(self, *, user_id: str | None = None, email: str | None = None) -> Person | None:
        try:
            if user_id:
                user = self.client.users_info(user=user_id)["user"]
            elif email:
                user = self.client.users_lookupByEmail(email=email)["user"]
            else:
                return None
        except SlackApiError as error:
            log.info("person lookup failed: %s", error.response.get("error"))
            return None
        profile = user.get("profile") or {}
        name = (
            profile.get("display_name")
            or profile.get("real_name")
            or user.get("real_name")
            or user.get("name")
        )
        return Person(user_id=user["id"], display_name=name or None, timezone=user.get("tz"))

    def send_prompt(self, user_id: str, prompt: PromptMessage) -> Sent:
        # Message metadata carries the delivery id, invisible to the member, for find_prompt.
        metadata = {
            "event_type": PROMPT_EVENT,
            "event_payload": {"delivery_id": prompt.delivery_id},
        }
        return self._post(user_id, {**blocks.prompt_message(prompt), "metadata": metadata})

    def find_prompt(self, user_id: str, delivery_id: int) -> Sent | None:
        try:
            channel = self.client.conversations_open(users=user_id)["channel"]["id"]
            history = self.client.conversations_history(
                channel=channel, limit=RECOVERY_LOOKBACK, include_all_metadata=True
            )
        except SlackApiError as error:
            reason = error.response.get("error", "unknown_error")
            raise DeliveryFailed(reason, permanent=reason in PERMANENT) from error
        for message in history.get("messages", []):
            metadata = message.get("metadata") or {}
            payload = metadata.get("event_payload") or {}
            if (
                metadata.get("event_type") == PROMPT_EVENT
                and payload.get("delivery_id") == delivery_id
            ):
                return Sent(message_ref(channel, message["ts"]))
        return None

    def send_reminder(self, user_id: str, reminder: ReminderMessage) -> Sent:
        return self._post(user_id, blocks.reminder_message(reminder))

    def send_consent_request(self, user_id: str, wording: ConsentWording) -> Sent:
        return self._post(user_id, consent_blocks.consent_message(wording))

    def send_notice(self, user_id: str, text: str) -> Sent:
        text = escape(say(text))
        return self._post(user_id, {"text": text, "blocks": [blocks.section(text)]})

    def send_alert(self, user_id: str, alert: SafeguardingAlert) -> Sent:
        return self._post(user_id, safeguarding_blocks.alert_message(alert))

    def update_alert(self, ref: str, alert: SafeguardingAlert) -> None:
        channel, ts = channel_and_ts(ref)
        self.update(channel, ts, safeguarding_blocks.alert_message(alert))

    def send_check_in(self, user_id: str, offer: CheckInOffer) -> Sent:
        return self._post(user_id, safeguarding_blocks.check_in_message(offer))

    def post_digest(
        self, channel: str, digest: Digest, *, document: FileToSend | None = None
    ) -> list[Sent]:
        """A short summary in the channel; the full digest, its chart and its Word file in the
        summary's thread, so the channel stays readable."""
        summary = self._post(channel, summary_message(digest))
        sent = [summary]
        if digest.has_replies:
            where, ts = channel_and_ts(summary.ref)
            for message in digest_messages(digest):
                sent.append(self._post(where, {**message, "thread_ts": ts}))
            self._attach_chart(where, ts, digest)
            if document is not None:
                self._attach_document(where, ts, document)
        return sent

    def send_thanks(self, user_id: str, thanks: Thanks) -> Sent:
        return self._post(user_id, blocks.thanks_message(thanks))

    def mark_answered(self, ref: str, answered: Answered) -> None:
        channel, ts = channel_and_ts(ref)
        self.update(
            channel, ts,
            blocks.answered_message(answered.day_name, answered.delivery_id, usage=answered.usage),
        )  # fmt: skip

    def mark_skipped(self, ref: str, day_name: str) -> None:
        channel, ts = channel_and_ts(ref)
        self.update(channel, ts, blocks.skipped_message(day_name))

    def send_file(self, user_id: str, file: FileToSend) -> None:
        try:
            opened = self.client.conversations_open(users=user_id)["channel"]["id"]
            self.client.files_upload_v2(
                channel=opened, file=file.content, filename=file.filename,
                title=file.title, request_file_info=False, initial_comment=escape(file.note),
            )  # fmt: skip
        except SlackApiError as error:
            reason = error.response.get("error", "unknown_error")
            raise DeliveryFailed(reason, permanent=reason in PERMANENT) from error

    def _attach_chart(self, channel: str, ts: str, digest: Digest) -> None:
        """The response-rate chart, with its text alternative; a digest without it still stands."""
        picture = response_rate_chart(digest)
        if picture is None:
            return
        try:
            self.client.files_upload_v2(
                channel=channel,
                thread_ts=ts,
                content=picture.png,
                filename="response-rates.png",
                title=picture.title,
                alt_txt=picture.alt_text,
                initial_comment=escape(picture.alt_text),
                request_file_info=False,
            )
        except Exception as error:  # the words matter more than the picture
            log.warning("could not attach the chart: %s", type(error).__name__)

    def _attach_document(self, channel: str, ts: str, document: FileToSend) -> None:
        """The digest as a Word file, in its thread; the digest above it stands without it."""
        try:
            self.client.files_upload_v2(
                channel=channel, thread_ts=ts, content=document.content,
                filename=document.filename, title=document.title,
                initial_comment=escape(document.note), request_file_info=False,
            )  # fmt: skip
        except Exception as error:
            log.warning("could not attach the Word file: %s", type(error).__name__)

    def update(self, channel: str, ts: str, message: dict[str, Any]) -> None:
        """Replace a message we sent (a prompt turning into "thank you"); best effort."""
        try:
            self.client.chat_update(channel=channel, ts=ts, **message)
        except SlackApiError as error:
            log.info("could not update message: %s", error.response.get("error"))
