"""A durable holding place for replies the database could not take just now.

Each reply is one small JSON file, written to a temporary name, flushed to disk and renamed
into place, so a crash leaves either the whole reply or nothing half-written. Files are
removed only once the reply is in the database.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Kept:
    token: str
    item: dict[str, Any]


class ReplySpool:
    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)

    def keep(self, item: dict[str, Any]) -> str:
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)  # reply text is private
        token = uuid.uuid4().hex
        temporary = self.folder / f".{token}.tmp"
        try:
            # Created private (never briefly readable by others), written whole, on disk.
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with open(descriptor, "w", encoding="utf-8") as handle:
                json.dump(item, handle)
                handle.flush()
                os.fsync(handle.fileno())
            temporary.rename(self.folder / f"{token}.json")
        except BaseException:
            # A half-written file would hold reply text nobody would ever clean up.
            temporary.unlink(missing_ok=True)
            raise
        return token

    def forget(self, *, platform: str, user_id: str) -> int:
        """Delete every held reply of one person (forget-me); returns how many went."""
        gone = 0
        for kept in self.pending():
            if kept.item.get("user_id") == user_id and (kept.item.get("platform") or "slack") == (
                platform
            ):
                self.done(kept.token)
                gone += 1
        return gone

    def pending(self) -> list[Kept]:
        if not self.folder.is_dir():
            return []
        found = []
        for path in sorted(self.folder.glob("*.json"), key=lambda p: p.stat().st_mtime):
            try:
                found.append(Kept(path.stem, json.loads(path.read_text(encoding="utf-8"))))
            except (OSError, ValueError):
                continue  # unreadable: left in place for a person to look at, never deleted
        return found

    def done(self, token: str) -> None:
        (self.folder / f"{token}.json").unlink(missing_ok=True)
