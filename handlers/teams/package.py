"""The Teams app package: ``copro-bot teams package --out copro-bot.zip``.

A zip of ``manifest.json`` (schema v1.17), ``color.png`` (192×192, full colour) and
``outline.png`` (32×32, white on transparent), ready to upload in the Teams admin centre
(*Teams apps > Manage apps > Upload new app*). The icons are drawn here, pixel by pixel,
and written as PNG with zlib: nothing is downloaded.
"""

from __future__ import annotations

import io
import json
import struct
import zipfile
import zlib
from typing import Any

SCHEMA = "https://developer.microsoft.com/en-us/json-schemas/teams/v1.17/MicrosoftTeams.schema.json"
MANIFEST_VERSION = "1.17"
NHS_BLUE = (0, 94, 184, 255)
WHITE = (255, 255, 255, 255)
CLEAR = (0, 0, 0, 0)


def manifest(
    *, app_id: str, version: str = "1.0.0", host: str = "copro.example.nhs.uk"
) -> dict[str, Any]:
    return {
        "$schema": SCHEMA,
        "manifestVersion": MANIFEST_VERSION,
        "version": version,
        "id": app_id,
        "developer": {
            "name": "copro-bot (open source)",
            "websiteUrl": f"https://{host}/",
            "privacyUrl": f"https://{host}/privacy",
            "termsOfUseUrl": f"https://{host}/terms",
        },
        "name": {"short": "Reflections", "full": "Co-production reflections"},
        "description": {
            "short": "Asks your working group what is working and what could change.",
            "full": (
                "After each programme day, Reflections asks every member of a co-production "
                "working group what is working and what could change, keeps every answer as its "
                "author chose, reminds people gently, and gives facilitators a digest by team. "
                "Nobody is quoted unless they say so."
            ),
        },
        "icons": {"color": "color.png", "outline": "outline.png"},
        "accentColor": "#005EB8",
        "bots": [
            {
                "botId": app_id,
                "scopes": ["personal", "team"],
                "supportsFiles": True,
                "isNotificationOnly": False,
                "commandLists": [
                    {
                        "scopes": ["personal"],
                        "commands": [
                            {"title": "help", "description": "What I can do for you"},
                            {"title": "my answers", "description": "See and change your answers"},
                            {"title": "pause", "description": "Stop your prompts for now"},
                            {"title": "resume", "description": "Start your prompts again"},
                            {"title": "consent", "description": "What I keep and who sees it"},
                            {"title": "status", "description": "Facilitators: who has answered"},
                            {"title": "digest", "description": "Facilitators: the digest"},
                            {"title": "export", "description": "Facilitators: every reply as CSV"},
                        ],
                    }
                ],
            }
        ],
        "permissions": ["identity", "messageTeamMembers"],
        "validDomains": [host],
    }


def png(width: int, height: int, pixel) -> bytes:
    """An RGBA PNG, each pixel from ``pixel(x, y)``."""
    rows = b"".join(
        b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(width)) for y in range(height)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")
    )  # fmt: skip


def _speech_bubble(x: float, y: float, size: int) -> bool:
    """A round speech bubble with a small tail: the app's mark."""
    cx, cy, r = size * 0.5, size * 0.45, size * 0.34
    in_circle = (x - cx) ** 2 + (y - cy) ** 2 <= r * r
    in_tail = size * 0.3 <= x <= size * 0.45 and cy + r * 0.6 <= y <= size * 0.9 - (x - size * 0.3)
    return in_circle or in_tail


def color_icon() -> bytes:
    return png(192, 192, lambda x, y: WHITE if _speech_bubble(x, y, 192) else NHS_BLUE)


def outline_icon() -> bytes:
    return png(32, 32, lambda x, y: WHITE if _speech_bubble(x, y, 32) else CLEAR)


def build(*, app_id: str, version: str = "1.0.0", host: str = "copro.example.nhs.uk") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(
            "manifest.json",
            json.dumps(manifest(app_id=app_id, version=version, host=host), indent=2),
        )
        package.writestr("color.png", color_icon())
        package.writestr("outline.png", outline_icon())
    return out.getvalue()
