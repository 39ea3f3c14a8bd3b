"""How the Teams adapter remembers where things are, as the opaque strings the domain keeps.

- A person's *address* (kept in ``member_identities.address``): the conversation reference of
  their 1:1 chat with the bot (service URL, conversation id, tenant, the bot and the user), as
  JSON, so the bot can write to them later (proactively).
- A message's *ref* (``Sent.ref``, kept with a prompt): where the activity is (service URL,
  conversation, activity id), so it can be updated later ("answered").
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from microsoft_agents.activity import Activity, ConversationReference

CHANNEL = "msteams"


def address_of(activity: Activity) -> str:
    """The 1:1 conversation an incoming activity came from, as an address to keep."""
    conversation = activity.conversation
    tenant = conversation.tenant_id or _tenant(activity)
    return json.dumps(
        {
            "serviceUrl": activity.service_url,
            "channelId": CHANNEL,
            "conversation": {
                "id": conversation.id,
                "tenantId": tenant,
                "conversationType": conversation.conversation_type or "personal",
            },
            "bot": {"id": activity.recipient.id, "name": activity.recipient.name},
            "user": {
                "id": activity.from_property.id,
                "aadObjectId": activity.from_property.aad_object_id,
            },
        },
        sort_keys=True,
    )


def _tenant(activity: Activity) -> str | None:
    data = activity.channel_data
    if isinstance(data, dict):
        return (data.get("tenant") or {}).get("id")
    tenant = getattr(data, "tenant", None)
    return getattr(tenant, "id", None) if tenant else None


def reference(address: str) -> ConversationReference:
    data = json.loads(address)
    return ConversationReference.model_validate(
        {
            "serviceUrl": data["serviceUrl"],
            "channelId": data.get("channelId", CHANNEL),
            "conversation": data["conversation"],
            "bot": data.get("bot") or {"id": "bot"},
            "user": data.get("user"),
        }
    )


def service_url(address: str) -> str:
    return json.loads(address)["serviceUrl"]


def tenant_of(address: str) -> str | None:
    return (json.loads(address).get("conversation") or {}).get("tenantId")


@dataclass(frozen=True)
class MessageRef:
    service_url: str
    conversation: str
    activity_id: str
    tenant: str | None = None

    def dumps(self) -> str:
        return json.dumps(
            {"s": self.service_url, "c": self.conversation, "a": self.activity_id, "t": self.tenant}
        )

    @classmethod
    def loads(cls, ref: str) -> MessageRef:
        data: dict[str, Any] = json.loads(ref)
        return cls(data["s"], data["c"], data["a"], data.get("t"))

    def reference(self, bot_id: str) -> ConversationReference:
        return ConversationReference.model_validate(
            {
                "serviceUrl": self.service_url,
                "channelId": CHANNEL,
                "conversation": {"id": self.conversation, "tenantId": self.tenant},
                "bot": {"id": bot_id},
            }
        )
