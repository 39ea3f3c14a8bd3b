"""A fan-out keeps every worker busy: one prompt that is slow to go (a 429 waited out, a slow
answer) never holds back the prompts after it. The sender reads prompts a batch at a time; it
used to wait for the whole of the oldest batch before reading the next, so the workers ran dry
behind one straggler, a second at a time (bench/fanout.py)."""

from __future__ import annotations

import threading
from datetime import timedelta

import bot.domain.prompts as prompts
from bot.domain.consent import agree_for_everyone
from bot.domain.programme_file import parse_programme
from bot.domain.programmes import load_programme
from bot.domain.prompts import PromptSender
from tests.conftest import DAY_ONE_PROMPT
from tests.test_any_platform import FakeMessenger

MEMBERS = [f"m{n}@example.org" for n in range(1, 13)]
PROGRAMME = f"""
programme: Fan-out programme
timezone: Europe/London
facilitators: [jo@example.org]
teams:
  - name: Child and Family Services
    aim: Shape the waiting-room experience with families
    members: [{", ".join(MEMBERS)}]
days:
  - {{name: Day one, date: 2024-05-09, ends: "16:00"}}
prompt_delay_minutes: 30
reminder_hours: [24]
weekends: true
bank_holidays: none
"""
SLOW = "fk-m1"  # in the first batch


class StragglerMessenger(FakeMessenger):
    """The first member's prompt goes only once every other prompt has gone (or after a
    few seconds, when the others are stuck behind it)."""

    def __init__(self, others: int) -> None:
        super().__init__()
        self.others = others
        self.others_sent = threading.Event()
        self.waited_in_vain = False
        self.lock = threading.Lock()

    def find_person(self, *, user_id=None, email=None):
        from bot.domain.messenger import Person

        found = user_id or ("fk-" + email.split("@")[0] if email else None)
        return Person(found, found.removeprefix("fk-").title()) if found else None

    def send_prompt(self, user_id, prompt):
        if user_id == SLOW:
            self.waited_in_vain = not self.others_sent.wait(timeout=5)
            return self._record(user_id, "prompt", prompt)
        with self.lock:
            sent = self._record(user_id, "prompt", prompt)
            if sum(1 for _, kind, _ in self.sent if kind == "prompt") == self.others:
                self.others_sent.set()
        return sent


def test_one_slow_prompt_does_not_hold_back_the_batches_after_it(store, clock, monkeypatch):
    monkeypatch.setattr(prompts, "BATCH", 3)  # 13 people: five batches
    load_programme(store, clock, parse_programme(PROGRAMME))
    agree_for_everyone(store, clock)
    clock.set(DAY_ONE_PROMPT)
    messenger = StragglerMessenger(others=len(MEMBERS))  # the facilitator is asked too
    sender = PromptSender(
        store=store, messenger=messenger, clock=clock, catch_up=timedelta(hours=24), workers=4
    )

    report = sender.send_due()

    assert not messenger.waited_in_vain  # the other twelve went while the first was waiting
    prompted = [who for who, kind, _ in messenger.sent if kind == "prompt"]
    assert prompted[-1] == SLOW
    assert sorted(prompted) == sorted(["fk-jo", *(f"fk-m{n}" for n in range(1, 13))])
    assert (report.sent, report.failed) == (13, 0)
    assert sender.send_due().sent == 0  # all marked sent: nobody is prompted twice
