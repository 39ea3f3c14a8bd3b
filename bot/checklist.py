"""The doctor's checklist, in plain values every part can fill in: each check says what it
looked at, whether it passed, and for a failure the fix in plain words. An adapter's own
checks (is the token good, is the bot in the channel) come back in the same form."""

from __future__ import annotations

from dataclasses import dataclass

PASSED, FAILED, NOT_CHECKED = "✓", "✗", "–"


@dataclass(frozen=True)
class Check:
    what: str  # "Slack bot token", "Database"
    ok: bool | None  # None: not checked, because something it needs failed first
    detail: str = ""  # what was found, in a sentence
    fix: str = ""  # for a failure: what to do, in plain words

    @classmethod
    def passed(cls, what: str, detail: str = "") -> Check:
        return cls(what, True, detail)

    @classmethod
    def failed(cls, what: str, detail: str, fix: str) -> Check:
        return cls(what, False, detail, fix)

    @classmethod
    def skipped(cls, what: str, because: str) -> Check:
        return cls(what, None, f"not checked, because {because}")

    def lines(self) -> list[str]:
        mark = PASSED if self.ok else NOT_CHECKED if self.ok is None else FAILED
        first = f"{mark} {self.what}" + (f": {self.detail}" if self.detail else "")
        return [first] + ([f"    Fix: {self.fix}"] if self.ok is False and self.fix else [])


@dataclass(frozen=True)
class PersonToFind:
    """Someone a programme names, to be found on its chat platform."""

    programme: str
    role: str  # "facilitator", "safeguarding lead" or "member"
    chat_id: str | None
    email: str | None

    @property
    def shown(self) -> str:
        return self.chat_id or self.email or "?"


@dataclass(frozen=True)
class PlatformCheckRequest:
    """What the programmes on one platform need from it: their digest channels, and people."""

    channels: tuple[tuple[str, str], ...] = ()  # (programme name, channel id)
    people: tuple[PersonToFind, ...] = ()


def summary(checks: list[Check]) -> str:
    failed = sum(1 for c in checks if c.ok is False)
    ran = sum(1 for c in checks if c.ok is not None)
    if failed:
        return (
            f"{failed} of {ran} checks failed. Fix those marked {FAILED}, then run "
            "copro-bot doctor again."
        )
    return f"All {ran} checks passed."
