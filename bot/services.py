"""The domain services one running bot uses, built once and shared by listeners and jobs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from bot.config import Settings
from bot.domain.addresses import Addresses
from bot.domain.clock import Clock
from bot.domain.consent import Consent
from bot.domain.digest_email import DigestEmails
from bot.domain.digests import Digests
from bot.domain.members import Members
from bot.domain.messenger import Messenger
from bot.domain.prompts import PromptSender
from bot.domain.reminders import ReminderSender
from bot.domain.replays import Replays
from bot.domain.replies import Replies
from bot.domain.safeguarding_alerts import SafeguardingAlerts
from bot.domain.theming import retheme_stale
from bot.domain.usecases.choices import Choices
from bot.domain.usecases.commands import Commands
from bot.domain.usecases.reply_in_words import ReplyInWords
from bot.domain.usecases.safeguarding_decisions import SafeguardingDecisions
from bot.domain.usecases.submit_form import SubmitForm
from bot.domain.weekly import WeeklyDigests
from storage import Store
from storage.spool import ReplySpool


@dataclass
class Services:
    settings: Settings
    store: Store
    clock: Clock
    messenger: Messenger
    # Runs work after the request that caused it is answered (a transport's worker pool).
    later: Callable[[Callable[[], None]], None] = lambda work: work()
    consent: Consent = field(init=False)
    addresses: Addresses = field(init=False)
    replies: Replies = field(init=False)
    members: Members = field(init=False)
    prompts: PromptSender = field(init=False)
    reminders: ReminderSender = field(init=False)
    digests: Digests = field(init=False)
    weekly: WeeklyDigests = field(init=False)
    digest_emails: DigestEmails = field(init=False)
    safeguarding: SafeguardingAlerts = field(init=False)
    spool: ReplySpool = field(init=False)
    replays: Replays = field(init=False)
    # The use cases transports call: one each for what a person can do.
    reply_in_words: ReplyInWords = field(init=False)
    submit_form: SubmitForm = field(init=False)
    choices: Choices = field(init=False)
    commands: Commands = field(init=False)
    safeguarding_decisions: SafeguardingDecisions = field(init=False)

    def __post_init__(self) -> None:
        catch_up = timedelta(hours=self.settings.catch_up_hours)
        common = dict(store=self.store, messenger=self.messenger, clock=self.clock)
        self.consent = Consent(**common, catch_up=catch_up)
        self.replies = Replies(store=self.store, clock=self.clock)
        self.members = Members(store=self.store, clock=self.clock)
        self.addresses = Addresses(store=self.store)
        self.prompts = PromptSender(**common, catch_up=catch_up)
        self.reminders = ReminderSender(**common, catch_up=catch_up)
        self.digests = Digests(**common)
        self.weekly = WeeklyDigests(**common)
        self.digest_emails = DigestEmails(**common, mailer=self._mailer())
        self.safeguarding = SafeguardingAlerts(**common)
        self.spool = ReplySpool(self.settings.spool_dir)
        self.replays = Replays(store=self.store, clock=self.clock)
        after = dict(safeguarding=self.safeguarding, messenger=self.messenger, later=self.later)
        self.reply_in_words = ReplyInWords(
            replies=self.replies, spool=self.spool, clock=self.clock, **after
        )
        self.submit_form = SubmitForm(replies=self.replies, **after)
        self.choices = Choices(
            replies=self.replies, members=self.members, consent=self.consent,
            messenger=self.messenger, spool=self.spool, later=self.later,
        )  # fmt: skip
        self.commands = Commands(
            store=self.store, clock=self.clock, messenger=self.messenger, members=self.members,
            consent=self.consent, digests=self.digests,
        )  # fmt: skip
        self.safeguarding_decisions = SafeguardingDecisions(**common)

    def run_due(self) -> None:
        """Everything the scheduler does on a tick: idempotent, so safe to repeat."""
        self.consent.ask_due()  # first, so a yes given in time still gets today's prompt
        self.prompts.send_due()
        self.reminders.send_due()
        retheme_stale(self.store, untagged_only=True)  # saved before the model was ready
        self.weekly.post_due()
        self.digest_emails.send_due()  # after the post that queues it, in the same tick
        self.replays.forget_old()

    def _mailer(self):
        """SMTP when SMTP_HOST and SMTP_FROM are set; without them a queued e-mail fails once,
        and the facilitators are told why."""
        if not (self.settings.smtp_host and self.settings.smtp_from):
            return None
        from bot.mailer import SMTPMailer

        return SMTPMailer(self.settings)

    def store_held_replies(self) -> int:
        """Per process: each process holds its own spool, whichever one leads the scheduler."""
        return self.reply_in_words.store_held()
