"""Sending a facilitator the digest or the export in a direct message: from /copro or Home."""

from __future__ import annotations

from slack_sdk import WebClient

from bot.domain.digests import DigestRequest
from bot.domain.export import export_csv
from bot.services import Services

EXPORT_NOTE = (
    "Every reply so far, one row per answer, with its day, team, question, theme and role. "
    "Answers that may not be quoted show their theme only, and only named answers show who "
    "wrote them. Please keep this file safe."
)


def send_digest(services: Services, user_id: str, request: DigestRequest | None = None) -> None:
    """The digest (this week's, unless ``request`` says otherwise) to the facilitator alone."""
    facilitator = services.members.facilitator(user_id=user_id)  # refuses before anything else
    request = request or services.digests.parse(facilitator, [])
    services.messenger.post_digest(user_id, services.digests.build(facilitator, request))


def send_export(client: WebClient, services: Services, user_id: str) -> None:
    facilitator = services.members.facilitator(user_id=user_id)  # refuses before anything else
    content = export_csv(services.store, programme_id=facilitator.programme_id)
    opened = client.conversations_open(users=user_id)["channel"]["id"]
    client.files_upload_v2(
        channel=opened, file=content, filename="reflections.csv", title="Reflections export",
        request_file_info=False, initial_comment=EXPORT_NOTE,
    )  # fmt: skip
