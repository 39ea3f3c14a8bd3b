"""Activities in Teams' real shapes, sent to the bot with a signed token, as Teams would.

Each person is a Teams user of the stand-in (``ConnectorStandIn.add_user``) with a 1:1
conversation of their own; every activity names the stand-in as its ``serviceUrl``, so what
the bot says back lands there.
"""

from __future__ import annotations

import itertools
import json
import urllib.error
import urllib.request
from datetime import UTC, datetime
from typing import Any

from handlers.teams.sandbox.connector import TENANT_ID, ConnectorStandIn

_ids = itertools.count(1)


def conversation_of(user_id: str) -> str:
    """The 1:1 conversation id the stand-in's Teams gives a user and the bot."""
    return "a:1" + user_id.removeprefix("29:")


class TeamsRequests:
    def __init__(self, *, url: str, stand_in: ConnectorStandIn, timezone: str = "Europe/London"):
        self.url = url
        self.stand_in = stand_in
        self.timezone = timezone

    # --- shapes ------------------------------------------------------------------------------
    def base(self, user_id: str, kind: str, **extra: Any) -> dict[str, Any]:
        user = self.stand_in.users[user_id]
        return {
            "type": kind,
            "id": f"f:{next(_ids):08d}",
            "timestamp": datetime.now(UTC).isoformat(),
            "localTimezone": self.timezone,
            "serviceUrl": self.stand_in.service_url,
            "channelId": "msteams",
            "from": {"id": user_id, "name": user["name"], "aadObjectId": user["aadObjectId"]},
            "conversation": {
                "conversationType": "personal", "tenantId": TENANT_ID, "id": conversation_of(user_id),
            },
            "recipient": {"id": f"28:{self.stand_in.app_id}", "name": "copro-bot"},
            "locale": "en-GB",
            "entities": [
                {"type": "clientInfo", "locale": "en-GB", "country": "GB", "platform": "Web",
                 "timezone": self.timezone},
            ],
            "channelData": {"tenant": {"id": TENANT_ID}},
            **extra,
        }  # fmt: skip

    def message_activity(self, user_id: str, text: str) -> dict[str, Any]:
        return self.base(user_id, "message", text=text, textFormat="plain")

    # --- sending ---------------------------------------------------------------------------
    def post(
        self, activity: dict, *, token: str | None = None, authorization: str | None = None
    ) -> tuple[int, Any]:
        """POST to the bot; returns (status, JSON body or None). ``token``: another token
        than a good one; ``authorization``: the whole header (``""``: none at all)."""
        data = json.dumps(activity).encode()
        headers = {"Content-Type": "application/json"}
        if authorization is None:
            authorization = "Bearer " + (token or self.stand_in.token())
        if authorization:
            headers["Authorization"] = authorization
        request = urllib.request.Request(self.url, data=data, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                raw = answer.read()
                return answer.status, json.loads(raw) if raw else None
        except urllib.error.HTTPError as error:
            raw = error.read()
            try:
                return error.code, json.loads(raw) if raw else None
            except ValueError:
                return error.code, raw.decode(errors="replace")

    def install(self, user_id: str) -> tuple[int, Any]:
        """The app installed for the person (by them or by an admin's setup policy)."""
        return self.post(self.base(user_id, "installationUpdate", action="add"))

    def uninstall(self, user_id: str) -> tuple[int, Any]:
        return self.post(self.base(user_id, "installationUpdate", action="remove"))

    def bot_added(self, user_id: str) -> tuple[int, Any]:
        """The conversationUpdate Teams sends as the bot joins the person's 1:1 chat."""
        bot = {"id": f"28:{self.stand_in.app_id}"}
        return self.post(self.base(user_id, "conversationUpdate", membersAdded=[bot]))

    def message(self, user_id: str, text: str) -> tuple[int, Any]:
        return self.post(self.message_activity(user_id, text))

    def press(
        self, user_id: str, verb: str, data: dict, *, reply_to: str | None = None
    ) -> tuple[int, Any]:
        """A card's ``Action.Execute`` button: the ``adaptiveCard/action`` invoke; ``data``
        holds the action's own data merged with the card's inputs, as Teams sends it."""
        value = {
            "action": {"type": "Action.Execute", "verb": verb, "data": data},
            "trigger": "manual",
        }
        extra = {"name": "adaptiveCard/action", "value": value}
        if reply_to:
            extra["replyToId"] = reply_to
        return self.post(self.base(user_id, "invoke", **extra))

    def file_consent(
        self, user_id: str, token: str, *, accept: bool = True, name: str = "reflections.csv"
    ) -> tuple[int, Any]:
        base = self.stand_in.service_url
        value = {
            "type": "fileUpload",
            "action": "accept" if accept else "decline",
            "context": {"file": token},
        }
        if accept:
            value["uploadInfo"] = {
                "contentUrl": f"{base}files/{name}", "name": name,
                "uploadUrl": f"{base}upload/{name}", "uniqueId": "1a2b3c", "fileType": "csv",
            }  # fmt: skip
        return self.post(self.base(user_id, "invoke", name="fileConsent/invoke", value=value))
