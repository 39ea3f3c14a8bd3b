"""The plain outcomes use cases hand back; a transport renders each in its own way.

Text in them may name commands in the neutral markup of ``bot.domain.wording``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.domain.consent_wording import ConsentWording
from bot.domain.messenger import SafeguardingAlert
from bot.domain.replies import AnswerForm, Saved
from bot.domain.status import DayStatus


@dataclass(frozen=True)
class Told:
    """Something to say to the person, in answer to what they did."""

    text: str


@dataclass(frozen=True)
class Refused:
    """A request the person can put right; nothing changed. ``field`` names the form box
    the problem belongs to, when there is one ("usage")."""

    text: str
    field: str | None = None


@dataclass(frozen=True)
class Failed:
    """Our fault, logged with its context; nothing the person wrote was lost."""


@dataclass(frozen=True)
class Stored:
    """A reply (or a change to one) is in the database."""

    saved: Saved


@dataclass(frozen=True)
class Kept:
    """The database was away: the reply waits, safe, in the spool."""


@dataclass(frozen=True)
class SendAgain:
    """Neither the database nor the spool could take the reply: the transport must answer
    with a failure, so the platform sends it again (Slack and Teams both retry)."""


@dataclass(frozen=True)
class AlreadyDone:
    """The platform sent the same event again; it was acted on the first time."""


@dataclass(frozen=True)
class ShowForm:
    form: AnswerForm


@dataclass(frozen=True)
class Skipped:
    day_name: str


@dataclass(frozen=True)
class UsageChosen:
    delivery_id: int
    usage: str


@dataclass(frozen=True)
class ConsentDecided:
    agreed: bool


@dataclass(frozen=True)
class ShowConsent:
    """Wording to show with a yes and a no; ``note``: why it is shown again (the words they
    answered have changed)."""

    wordings: tuple[ConsentWording, ...]
    note: str | None = None


@dataclass(frozen=True)
class Changed:
    """Done; nothing to say beyond showing the person their settings as they now are."""


@dataclass(frozen=True)
class ConfirmForget:
    """Ask before deleting everything: a yes and a no."""


@dataclass(frozen=True)
class Help:
    """What the person can do; ``unknown``: the command they typed that we don't know."""

    facilitator: bool
    unknown: str | None = None


@dataclass(frozen=True)
class DigestPosted:
    week: str  # "6 to 12 May 2024"
    channel: str  # where, in the platform's own terms


@dataclass(frozen=True)
class Status:
    programme: str
    days: tuple[DayStatus, ...]
    # Listed but not reachable yet (on Teams: the app is not installed for them, or was removed).
    unreachable: tuple[str, ...] = ()


@dataclass(frozen=True)
class Working:
    """A command that takes longer than a platform waits for an answer: say ``text`` now,
    then call ``finish`` (off the request) and render what it returns."""

    text: str
    finish: Callable[[], object]


@dataclass(frozen=True)
class AlertShown:
    """A safeguarding lead pressed a button on their copy of an alert: show that copy as it
    now stands, in place (its ``note`` says what happened, when there is something to say)."""

    alert: SafeguardingAlert


Outcome = (
    Told | Refused | Failed | Stored | Kept | SendAgain | AlreadyDone | ShowForm | Skipped | UsageChosen
    | ConsentDecided | ShowConsent | Changed | ConfirmForget | Help | DigestPosted | Status
    | Working | AlertShown
)  # fmt: skip
