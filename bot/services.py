"""The domain services one running bot uses, built once and shared by listeners and jobs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from bot.config import Settings
from bot.domain.clock import Clock
from bot.domain.consent import Consent
from bot.domain.digests import Digests
from bot.domain.held_replies import store_held_replies
from bot.domain.members import Members
from bot.domain.prompts import PromptSender
from bot.domain.reminders import ReminderSender
from bot.domain.replies import Replies
from bot.domain.safeguarding_alerts import SafeguardingAlerts
from bot.domain.theming import retheme_stale
from bot.domain.weekly import WeeklyDigests
from handlers.messenger import SlackMessenger
from storage import Store
from storage.spool import ReplySpool


@dataclass
class Services:
    settings: Settings
    store: Store
    clock: Clock
    messenger: SlackMessenger
    consent: Consent = field(init=False)
    replies: Replies = field(init=False)
    members: Members = field(init=False)
    prompts: PromptSender = field(init=False)
    reminders: ReminderSender = field(init=False)
    digests: Digests = field(init=False)
    weekly: WeeklyDigests = field(init=False)
    safeguarding: SafeguardingAlerts = field(init=False)
    spool: ReplySpool = field(init=False)

    def __post_init__(self) -> None:
        catch_up = timedelta(hours=self.settings.catch_up_hours)
        common = dict(store=self.store, messenger=self.messenger, clock=self.clock)
        self.consent = Consent(**common, catch_up=catch_up)
        self.replies = Replies(store=self.store, clock=self.clock)
        self.members = Members(store=self.store)
        self.prompts = PromptSender(**common, catch_up=catch_up)
        self.reminders = ReminderSender(**common, catch_up=catch_up)
        self.digests = Digests(**common)
        self.weekly = WeeklyDigests(**common)
        self.safeguarding = SafeguardingAlerts(store=self.store, messenger=self.messenger)
        self.spool = ReplySpool(self.settings.spool_dir)

    def run_due(self) -> None:
        """Everything the scheduler does on a tick: idempotent, so safe to repeat."""
        self.consent.ask_due()  # first, so a yes given in time still gets today's prompt
        self.prompts.send_due()
        self.reminders.send_due()
        retheme_stale(self.store, untagged_only=True)  # saved before the model was ready
        self.weekly.post_due()

    def store_held_replies(self) -> int:
        """Per process: each process holds its own spool, whichever one leads the scheduler."""
        return store_held_replies(spool=self.spool, replies=self.replies, messenger=self.messenger)
