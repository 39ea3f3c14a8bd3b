"""A programme seeded through the real use cases for the digest's documents and e-mail tests:
two teams big enough to be quoted, a small one, a facilitator outside any team, and replies
in every way a member can give them, over two weeks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.domain.clock import ManualClock
from bot.domain.identity import slack
from bot.domain.messenger import Person, Sent
from bot.domain.programme_file import parse_programme
from bot.domain.prompts import PromptSender
from bot.domain.replies import Replies
from bot.domain.weeks import IsoWeek
from storage import Store
from storage.models import Member, MemberIdentity, ProgrammeDay, PromptDelivery
from tests.conftest import load_consented

WEEK_19 = IsoWeek(2024, 19)
WEEK_20 = IsoWeek(2024, 20)
PROGRAMME = """
programme: Documents programme
timezone: Europe/London
digest_channel: C0DIGEST01
digest_weekly: "FRI 16:00"
facilitators: [{slack: U0FACIL001, name: Jo}]
teams:
  - name: Child and Family Services
    aim: Shape the waiting-room experience with families
    members: [{slack: U0A1, name: Amy}, {slack: U0A2, name: Ben}, {slack: U0A3, name: Cat},
              {slack: U0A4, name: Dee}]
  - name: Older People's Services
    aim: Make the move home feel <safe> & kind
    members: [{slack: U0B1, name: Dan}, {slack: U0B2, name: Eve}, {slack: U0B3, name: Fin},
              {slack: U0B4, name: Gus}]
  - name: Adult Mental Health
    aim: A crisis plan people use
    members: [{slack: U0C1, name: Fay}]
days:
  - {name: Monday session, date: 2024-05-06, ends: "16:00"}
  - {name: Thursday session, date: 2024-05-09, ends: "16:00"}
  - {name: The week after, date: 2024-05-16, ends: "16:00"}
bank_holidays: none
weekends: true
"""
ANONYMOUS_AUTHORS = ("Ben", "Eve", "Gus")  # wrote without a name: never shown as authors
HOSTILE = "<script>alert('x')</script> **bold** [link](http://evil.example) & co"


class QuietMessenger:
    """A Messenger with no chat behind it, for seeding: prompts go nowhere."""

    platform = "slack"

    def find_person(self, *, user_id=None, email=None) -> Person | None:
        return Person(user_id, None) if user_id else None

    def find_prompt(self, user_id: str, delivery_id: int) -> Sent | None:
        return None

    def send_prompt(self, user_id, prompt) -> Sent:
        return Sent(f"D{user_id[1:]} {prompt.delivery_id}.0")

    def send_reminder(self, user_id, reminder) -> Sent:
        return Sent(f"D{user_id[1:]} r.0")

    def send_notice(self, user_id, text) -> Sent:
        return Sent(f"D{user_id[1:]} n.0")


@dataclass
class Seeded:
    programme_id: int
    clock: ManualClock


def seed(store: Store, text: str = PROGRAMME) -> Seeded:
    clock = ManualClock(datetime(2024, 5, 1, tzinfo=UTC))
    load_consented(store, clock, parse_programme(text))
    sender = PromptSender(
        store=store, messenger=QuietMessenger(), clock=clock, catch_up=timedelta(hours=24)
    )
    replies = Replies(store=store, clock=clock)
    with store.transaction() as session:
        prompt_times = {d.name: d.prompt_at for d in session.scalars(select(ProgrammeDay))}
        programme_id = session.scalar(select(Member.programme_id))

    def prompt(day: str) -> dict[str, int]:
        clock.set(prompt_times[day])
        sender.send_due()
        with store.transaction() as session:
            rows = session.execute(
                select(MemberIdentity.external_id, PromptDelivery.id)
                .join(Member, Member.id == PromptDelivery.member_id)
                .join(MemberIdentity, MemberIdentity.member_id == Member.id)
                .join(ProgrammeDay, ProgrammeDay.id == PromptDelivery.day_id)
                .where(ProgrammeDay.name == day)
            )
            return {user: delivery for user, delivery in rows}

    def form(user, delivery, usage="named", **answers):
        clock.advance(minutes=5)
        replies.submit_form(who=slack(user), delivery_id=delivery, answers=answers, usage=usage)

    monday = prompt("Monday session")
    form("U0A1", monday["U0A1"], working="Families feel heard in the co-design sessions")
    form("U0A2", monday["U0A2"], usage="unnamed", change="The waiting room is cold and bare")
    form("U0A3", monday["U0A3"], working=HOSTILE)
    form("U0FACIL001", monday["U0FACIL001"], working="Facilitating felt easy this week")
    thursday = prompt("Thursday session")
    form("U0B1", thursday["U0B1"], working="The discharge leaflet helped families plan")
    form("U0B2", thursday["U0B2"], usage="unnamed", change="Papers arrive too late to read")
    form("U0B3", thursday["U0B3"], usage="themes_only", change="Never quote me: staffing")
    form("U0B4", thursday["U0B4"], usage="unnamed", working="Kind people, good tea")
    form("U0A4", thursday["U0A4"], change="Shorter meetings would help")
    form("U0C1", thursday["U0C1"], working="A small team's only reply")
    after = prompt("The week after")
    form("U0A1", after["U0A1"], working="Only in week 20")
    return Seeded(programme_id, clock)
