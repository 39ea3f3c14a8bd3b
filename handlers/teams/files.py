"""The export in a 1:1 chat, by Teams' file consent flow.

The messenger sends a FileConsentCard and holds the file. When the person presses *Allow*,
Teams sends ``fileConsent/invoke`` with an ``uploadUrl`` (a place in their OneDrive); the bot
uploads the file there in one ``PUT`` and posts a FileInfoCard that opens it. *Decline* drops
the file. A held file lives in this process only: after a restart the person is asked to
type **export** again.
"""

from __future__ import annotations

import logging
import urllib.request
from typing import Any

from microsoft_agents.activity import Activity

from bot.domain.identity import Identity
from handlers.teams.text import say

log = logging.getLogger(__name__)

FILE_INFO = "application/vnd.microsoft.teams.card.file.info"
UPLOAD_TIMEOUT_S = 60
DECLINED = "No problem, I haven't sent the file. Type **export** whenever you'd like it."
EXPIRED = "Sorry, that file is no longer ready. Please type **export** to get a new one."
FAILED = "Sorry, I couldn't put the file in your OneDrive. Please type **export** to try again."


def upload(url: str, content: bytes) -> None:
    """One PUT of the whole file to the upload session Teams gave us."""
    last = len(content) - 1
    request = urllib.request.Request(
        url,
        data=content,
        method="PUT",
        headers={
            "Content-Length": str(len(content)),
            "Content-Range": f"bytes 0-{last}/{len(content)}",
        },
    )
    with urllib.request.urlopen(request, timeout=UPLOAD_TIMEOUT_S) as answer:  # noqa: S310
        answer.read()


async def answered(agent: Any, context: Any, person: Identity, value: dict[str, Any]) -> None:
    token = str((value.get("context") or {}).get("file") or "")
    messenger = agent.adapter.messenger
    if value.get("action") != "accept":
        messenger.take_file(token, person.id)
        await context.send_activity(say(DECLINED))
        return
    held = messenger.take_file(token, person.id)
    info = value.get("uploadInfo") or {}
    if held is None or not info.get("uploadUrl"):
        await context.send_activity(say(EXPIRED))
        return
    try:
        await agent.run(lambda: upload(info["uploadUrl"], held.content))
    except Exception as error:
        log.warning("uploading the export failed: %s", type(error).__name__)
        await context.send_activity(say(FAILED))
        return
    await context.send_activity(
        Activity(
            type="message",
            text=say(held.note),
            attachments=[
                {
                    "contentType": FILE_INFO,
                    "contentUrl": info.get("contentUrl"),
                    "name": info.get("name") or held.filename,
                    "content": {"uniqueId": info.get("uniqueId"), "fileType": info.get("fileType")},
                }
            ],
        )
    )
