"""Build, sign and send requests the way Slack sends them to an app.

The payload shapes follow Slack's documented formats for slash commands,
``block_actions``, ``view_submission``/``view_closed`` interactions and the
Events API ``event_callback`` envelope, so the bot under test goes through
its real request verification and parsing rather than a shortcut.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import secrets
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"

_counter = itertools.count(1)  # next() on a count is atomic under the GIL


def signature_for(secret: str, timestamp: int | str, body: str) -> str:
    """Slack's v0 request signature: ``v0=hex(hmac_sha256(secret, v0:ts:body))``."""
    base = f"v0:{timestamp}:{body}".encode()
    return "v0=" + hmac.new(secret.encode("utf-8"), base, hashlib.sha256).hexdigest()


@dataclass
class Response:
    """What the app answered; non-2xx statuses are returned, not raised."""

    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: str = ""

    def json(self) -> Any:
        return json.loads(self.body)


class SlackRequests:
    """Plays Slack's side of the conversation with an app's request URL."""

    def __init__(
        self,
        *,
        url: str,
        signing_secret: str,
        team_id: str = "T0SANDBOX",
        api_app_id: str = "A0COPROBOT",
        team_domain: str = "copro-sandbox",
        bot_user_id: str = "U0COPROBOT",
        token: str = "sandbox-verification-token",
        response_url_base: str | None = None,
    ) -> None:
        self.url = url
        self.signing_secret = signing_secret
        self.team_id = team_id
        self.api_app_id = api_app_id
        self.team_domain = team_domain
        self.bot_user_id = bot_user_id
        # The legacy verification token Slack still includes in payloads.
        self.token = token
        # When set (e.g. to a SlackWebAPIStandIn's /response/ URL) default
        # response_urls point there instead of at hooks.slack.com.
        self.response_url_base = response_url_base

    # -- small helpers ---------------------------------------------------
    @staticmethod
    def _ts() -> str:
        now = time.time()
        return f"{int(now)}.{int(now * 1_000_000) % 1_000_000:06d}"

    def _trigger_id(self) -> str:
        return f"{next(_counter)}.{int(time.time())}.{secrets.token_hex(16)}"

    def _response_url(self, kind: str) -> str:
        n = next(_counter)
        if self.response_url_base:
            return f"{self.response_url_base.rstrip('/')}/{kind}-{n}"
        return f"https://hooks.slack.com/{kind}/{self.team_id}/{n}/{secrets.token_hex(12)}"

    def _user(self, user_id: str) -> dict[str, str]:
        name = user_id.lower()
        return {"id": user_id, "username": name, "name": name, "team_id": self.team_id}

    def _interaction(self, kind: str, user_id: str) -> dict[str, Any]:
        """Fields every interactivity payload carries, whatever its type."""
        return {
            "type": kind,
            "user": self._user(user_id),
            "api_app_id": self.api_app_id,
            "token": self.token,
            "team": {"id": self.team_id, "domain": self.team_domain},
            "enterprise": None,
            "is_enterprise_install": False,
        }

    @staticmethod
    def _payload_form(payload: dict) -> tuple[str, str]:
        # Interactivity is posted as a form with one JSON-valued field.
        return urlencode({"payload": json.dumps(payload)}), FORM

    # -- builders ----------------------------------------------------------
    def slash_command_body(
        self,
        user_id: str,
        text: str,
        *,
        command: str = "/copro",
        channel_id: str | None = None,
        trigger_id: str | None = None,
        response_url: str | None = None,
    ) -> tuple[str, str]:
        channel_id = channel_id or "D" + user_id[1:]
        fields = {
            "token": self.token,
            "team_id": self.team_id,
            "team_domain": self.team_domain,
            "channel_id": channel_id,
            "channel_name": "directmessage" if channel_id.startswith("D") else "general",
            "user_id": user_id,
            "user_name": user_id.lower(),
            "command": command,
            "text": text,
            "api_app_id": self.api_app_id,
            "is_enterprise_install": "false",
            "response_url": response_url or self._response_url("commands"),
            "trigger_id": trigger_id or self._trigger_id(),
        }
        return urlencode(fields), FORM

    def block_action_body(
        self,
        user_id: str,
        action_id: str,
        value: str,
        *,
        block_id: str = "b",
        channel_id: str | None = None,
        message_ts: str | None = None,
        trigger_id: str | None = None,
        view: dict | None = None,
        response_url: str | None = None,
        button_text: str | None = None,
        message_text: str = "",
        element: dict | None = None,
    ) -> tuple[str, str]:
        """A click. ``element``: for a select or date picker, what Slack sends instead of a
        button's fields (``{"type": "datepicker", "selected_date": "2024-06-30"}``, say);
        ``view={"type": "home"}`` for a click on the Home tab."""
        payload = self._interaction("block_actions", user_id)
        payload.update(container={}, trigger_id=trigger_id or self._trigger_id())
        if view is not None:
            view = {
                "type": "modal",
                "team_id": self.team_id,
                "app_id": self.api_app_id,
                "state": {"values": {}},
                **view,
            }
            view.setdefault("id", f"V0SB{next(_counter):06d}")
            payload["container"] = {"type": "view", "view_id": view["id"]}
            payload["view"] = view
        if message_ts is not None:
            channel_id = channel_id or "D" + user_id[1:]
            payload["container"] = {
                "type": "message",
                "message_ts": message_ts,
                "channel_id": channel_id,
                "is_ephemeral": False,
            }
            payload["message"] = {
                "type": "message",
                "ts": message_ts,
                "text": message_text,
                "user": self.bot_user_id,
                "team": self.team_id,
            }
        if channel_id:
            name = "directmessage" if channel_id.startswith("D") else "general"
            payload["channel"] = {"id": channel_id, "name": name}
        # Slack gives a response_url for message actions; not for home/modal ones.
        if response_url or message_ts is not None:
            payload["response_url"] = response_url or self._response_url("actions")
        fields = element or {
            "text": {"type": "plain_text", "text": button_text or action_id, "emoji": True},
            "value": value,
            "type": "button",
        }
        payload["actions"] = [
            {"action_id": action_id, "block_id": block_id, **fields, "action_ts": self._ts()}
        ]
        return self._payload_form(payload)

    def _view(
        self,
        callback_id: str,
        private_metadata: str,
        values: dict,
        view_id: str,
        blocks: list | None,
        title: str,
    ) -> dict[str, Any]:
        text = {"type": "plain_text", "emoji": True}
        return {
            "id": view_id,
            "team_id": self.team_id,
            "type": "modal",
            "blocks": blocks or [],
            "private_metadata": private_metadata,
            "callback_id": callback_id,
            "state": {"values": values},
            "hash": f"{int(time.time())}.{secrets.token_hex(4)}",
            "title": {**text, "text": title},
            "close": {**text, "text": "Cancel"},
            "submit": {**text, "text": "Submit"},
            "clear_on_close": False,
            "notify_on_close": True,
            "previous_view_id": None,
            "root_view_id": view_id,
            "app_id": self.api_app_id,
            "external_id": "",
            "app_installed_team_id": self.team_id,
            "bot_id": "B0COPROBOT",
        }

    def view_submission_body(
        self,
        user_id: str,
        *,
        callback_id: str,
        private_metadata: str = "",
        values: dict | None = None,
        view_id: str = "V0SANDBOX",
        blocks: list | None = None,
        title: str = "Copro",
    ) -> tuple[str, str]:
        payload = self._interaction("view_submission", user_id)
        payload.update(
            trigger_id=self._trigger_id(),
            response_urls=[],
            view=self._view(callback_id, private_metadata, values or {}, view_id, blocks, title),
        )
        return self._payload_form(payload)

    def view_closed_body(
        self,
        user_id: str,
        *,
        callback_id: str,
        private_metadata: str = "",
        values: dict | None = None,
        view_id: str = "V0SANDBOX",
        is_cleared: bool = False,
    ) -> tuple[str, str]:
        payload = self._interaction("view_closed", user_id)
        payload.update(
            is_cleared=is_cleared,
            view=self._view(callback_id, private_metadata, values or {}, view_id, None, "Copro"),
        )
        return self._payload_form(payload)

    def message_im_body(
        self,
        user_id: str,
        text: str,
        *,
        channel_id: str | None = None,
        event_id: str | None = None,
        ts: str | None = None,
        subtype: str | None = None,
        bot_id: str | None = None,
    ) -> tuple[str, str]:
        ts = ts or self._ts()
        event: dict[str, Any] = {
            "type": "message",
            "channel_type": "im",
            "channel": channel_id or "D" + user_id[1:],
            "user": user_id,
            "text": text,
            "ts": ts,
            "event_ts": ts,
            "team": self.team_id,
        }
        if bot_id:
            event["bot_id"] = bot_id  # bot-authored messages carry no client_msg_id
        else:
            event["client_msg_id"] = str(uuid.uuid4())
        if subtype:
            event["subtype"] = subtype
        return self._event_envelope(event, event_id=event_id)

    def app_home_opened_body(self, user_id: str, *, tab: str = "home") -> tuple[str, str]:
        ts = self._ts()
        event = {
            "type": "app_home_opened",
            "user": user_id,
            "channel": "D" + user_id[1:],
            "tab": tab,
            "event_ts": ts,
        }
        return self._event_envelope(event)

    def _event_envelope(self, event: dict[str, Any], *, event_id: str | None = None):
        """The Events API envelope Slack wraps every event in."""
        ts = event["event_ts"]
        envelope = {
            "token": self.token,
            "team_id": self.team_id,
            "context_team_id": self.team_id,
            "context_enterprise_id": None,
            "api_app_id": self.api_app_id,
            "event": event,
            "type": "event_callback",
            "event_id": event_id or f"Ev0SB{next(_counter):08d}",
            "event_time": int(float(ts)),
            "authorizations": [
                {
                    "enterprise_id": None,
                    "team_id": self.team_id,
                    "user_id": self.bot_user_id,
                    "is_bot": True,
                    "is_enterprise_install": False,
                }
            ],
            "is_ext_shared_channel": False,
        }
        return json.dumps(envelope), JSON

    def url_verification_body(self, challenge: str) -> tuple[str, str]:
        body = {"token": self.token, "challenge": challenge, "type": "url_verification"}
        return json.dumps(body), JSON

    # -- signing and sending ---------------------------------------------
    def sign(self, body: str, timestamp: int | None = None) -> dict[str, str]:
        """The two headers Slack adds so the app can authenticate the body."""
        ts = int(time.time()) if timestamp is None else timestamp
        return {
            "X-Slack-Request-Timestamp": str(ts),
            "X-Slack-Signature": signature_for(self.signing_secret, ts, body),
        }

    def post(
        self,
        body: str,
        content_type: str,
        *,
        timestamp: int | None = None,
        signature: str | None = None,
        extra_headers: dict[str, str] | None = None,
        timeout: float = 10,
    ) -> Response:
        """POST ``body``; ``signature`` overrides the computed one (for fault tests)."""
        headers = {
            "Content-Type": content_type,
            "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
        }
        headers.update(self.sign(body, timestamp))
        if signature is not None:
            headers["X-Slack-Signature"] = signature
        headers.update(extra_headers or {})
        request = urllib.request.Request(
            self.url, data=body.encode("utf-8"), headers=headers, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as resp:
                return Response(
                    resp.status, dict(resp.headers.items()), resp.read().decode("utf-8", "replace")
                )
        except urllib.error.HTTPError as err:  # a 4xx/5xx is an answer, not a failure
            with err:
                return Response(
                    err.code, dict(err.headers.items()), err.read().decode("utf-8", "replace")
                )

    # -- convenience: build, sign now, send --------------------------------
    def command(self, user_id: str, text: str, **kw: Any) -> Response:
        return self.post(*self.slash_command_body(user_id, text, **kw))

    def action(self, user_id: str, action_id: str, value: str, **kw: Any) -> Response:
        return self.post(*self.block_action_body(user_id, action_id, value, **kw))

    def submit_view(self, user_id: str, **kw: Any) -> Response:
        return self.post(*self.view_submission_body(user_id, **kw))

    def close_view(self, user_id: str, **kw: Any) -> Response:
        return self.post(*self.view_closed_body(user_id, **kw))

    def message(
        self, user_id: str, text: str, *, extra_headers: dict[str, str] | None = None, **kw: Any
    ) -> Response:
        return self.post(*self.message_im_body(user_id, text, **kw), extra_headers=extra_headers)

    def open_home(self, user_id: str, **kw: Any) -> Response:
        return self.post(*self.app_home_opened_body(user_id, **kw))

    def url_verification(self, challenge: str) -> Response:
        return self.post(*self.url_verification_body(challenge))
