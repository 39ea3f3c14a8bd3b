"""Who is speaking: a person as one chat platform knows them.

A transport says ``Identity("slack", "U0MEMBER01")`` or ``Identity("teams", "29:1abc…")``;
the domain finds the member (or members, one per programme) behind it. Nothing here reads
the ID: it is the platform's own.
"""

from __future__ import annotations

from dataclasses import dataclass

SLACK = "slack"
TEAMS = "teams"
PLATFORMS = (SLACK, TEAMS)
# Platforms on which the bot can message a person only after that person has reached it
# (on Teams: the app installed for them, which gives the bot a conversation to write in).
# There, an identity without an address is someone listed but not reachable yet.
ADDRESSED = (TEAMS,)


@dataclass(frozen=True)
class Identity:
    platform: str
    id: str

    def __str__(self) -> str:
        return f"{self.platform}:{self.id}"


def slack(user_id: str) -> Identity:
    """A Slack user, as tests, the demo and tools name one."""
    return Identity(SLACK, user_id)
