"""How the domain talks to people: a small protocol and the plain messages it carries.

A chat adapter (Slack today) renders these values into its own format.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from bot.domain.consent_wording import ConsentWording
    from bot.domain.digest import Digest


@dataclass(frozen=True)
class Question:
    id: str
    text: str


@dataclass(frozen=True)
class PromptMessage:
    delivery_id: int
    programme: str
    day_name: str
    team_name: str | None
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class ReminderMessage:
    delivery_id: int
    day_name: str
    sequence: int  # 0 for the first reminder
    last: bool  # no more reminders after this one


@dataclass(frozen=True)
class Placed:
    """Words of a plain reply and the question they were filed under."""

    question: Question
    words: str


@dataclass(frozen=True)
class Thanks:
    """The thanks for a plain reply: where it was filed (``placed``; several parts when it was
    split), how its words may be used, and what the member might answer next.

    ``message``: the reply's number among the member's plain messages for this prompt, which
    its buttons carry; ``questions``: every question, one button each to move it; ``asking``:
    the words did not tell, so the member is asked which question it answers (it waits under
    ``placed`` until they choose); ``moved``: the member has just moved it or chosen;
    ``usage_changed``: they have just changed how it may be used. ``final``: its week's digest
    is out, nothing can change (no buttons)."""

    delivery_id: int
    usage: str
    placed: tuple[Placed, ...] = ()
    next_question: str | None = None
    final: bool = False
    message: int | None = None
    questions: tuple[Question, ...] = ()
    asking: bool = False
    moved: bool = False
    usage_changed: bool = False

    @property
    def question(self) -> str | None:
        """The (first) question it was filed under."""
        return self.placed[0].question.text if self.placed else None


@dataclass(frozen=True)
class Answered:
    """A prompt that has its answer: its message turns into a thank-you."""

    delivery_id: int
    day_name: str
    usage: str | None


@dataclass(frozen=True)
class FileToSend:
    content: bytes
    filename: str
    title: str
    note: str  # said with the file: what it holds and how to keep it


@dataclass(frozen=True)
class SafeguardingAlert:
    """A safeguarding alert as one lead sees it, with what they may press.

    ``copy_id`` names this lead's copy and goes on every button. ``status``: who decided what
    and when (None while nobody has). ``decide``: show "No concern: put it back" and "I'm
    following this up"; ``check_in``: show "Send them a kind check-in". ``note``: said to the
    lead who just pressed (it was decided already, say). The words are plain text.
    """

    copy_id: int
    text: str
    status: str | None = None
    decide: bool = True
    check_in: bool = False
    note: str | None = None


@dataclass(frozen=True)
class CheckInOffer:
    """A lead's kind check-in to a member: a yes or a no to a chat with that lead."""

    check_in_id: int
    lead_name: str
    text: str


@dataclass(frozen=True)
class Sent:
    """Where a message landed, so it can be updated later (say, to show "answered").

    ``ref`` is the adapter's own reference (a Slack channel and timestamp, a Teams activity);
    the domain stores it and hands it back, and never reads it.
    """

    ref: str


class DeliveryFailed(Exception):
    """The chat platform would not take a message.

    ``permanent`` is True when retrying cannot help (the user is gone, say).
    """

    def __init__(self, reason: str, *, permanent: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent


@dataclass(frozen=True)
class Person:
    user_id: str
    display_name: str | None
    timezone: str | None = None  # e.g. "Europe/London", as the person set it in chat


class Messenger(Protocol):
    platform: str  # whose identities this messenger reaches: "slack", "teams"

    def find_person(self, *, user_id: str | None = None, email: str | None = None) -> Person | None:
        """Look a person up by chat user ID or e-mail; None when there is no such person."""
        ...

    def send_prompt(self, user_id: str, prompt: PromptMessage) -> Sent:
        """Send a prompt, tagged with its delivery id so that ``find_prompt`` can find it."""
        ...

    def find_prompt(self, user_id: str, delivery_id: int) -> Sent | None:
        """The prompt for this delivery if it already reached the person, else None."""
        ...

    def send_reminder(self, user_id: str, reminder: ReminderMessage) -> Sent: ...

    def send_consent_request(self, user_id: str, wording: ConsentWording) -> Sent:
        """What the bot does and keeps, with a yes and a no; the first message anyone gets."""
        ...

    def send_notice(self, user_id: str, text: str) -> Sent:
        """A short plain message to one person (acknowledgements, confirmations)."""
        ...

    def send_thanks(self, user_id: str, thanks: Thanks) -> Sent:
        """Thanks for a plain reply, with a way to choose how its words may be used."""
        ...

    def mark_answered(self, ref: str, answered: Answered) -> None:
        """Turn the prompt at ``ref`` into a thank-you; best effort (the answer is stored)."""
        ...

    def mark_skipped(self, ref: str, day_name: str) -> None:
        """Turn the prompt at ``ref`` into "skipped"; best effort."""
        ...

    def send_file(self, user_id: str, file: FileToSend) -> None:
        """A file to one person in private (the export)."""
        ...

    def send_alert(self, user_id: str, alert: SafeguardingAlert) -> Sent:
        """A safeguarding alert to one lead, with its buttons."""
        ...

    def update_alert(self, ref: str, alert: SafeguardingAlert) -> None:
        """Show a lead's copy as it now stands (decided, say); best effort."""
        ...

    def send_check_in(self, user_id: str, offer: CheckInOffer) -> Sent:
        """A lead's kind check-in to a member, with a yes and a no."""
        ...

    def post_digest(
        self, channel: str, digest: Digest, *, document: FileToSend | None = None
    ) -> list[Sent]:
        """The digest to a channel or a person; ``document`` (its Word file) goes with it, in
        its thread where the platform has threads. Best effort for the document: the digest
        itself is what counts."""
        ...
